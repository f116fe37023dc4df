package org.gridloop.platform.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/** JSON strings may not carry NUL characters (PostgreSQL text cannot hold them): a 400 naming the field. */
@Singleton
public class NoNulStrings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("gridloop-no-nul-strings");
        module.addDeserializer(String.class, new StdScalarDeserializer<>(String.class) {
            @Override
            public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String value = StringDeserializer.instance.deserialize(parser, context);
                if (value != null && value.indexOf('\u0000') >= 0) {
                    throw new NulCharacterException(parser, field(parser));
                }
                return value;
            }
        });
        mapper.registerModule(module);
    }

    /** Where the parser stands, as "location.address" or "photoUrls[2]". */
    static String field(JsonParser parser) {
        java.util.LinkedList<String> names = new java.util.LinkedList<>();
        for (com.fasterxml.jackson.core.JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot();
             c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                names.addFirst(c.getCurrentName());
            } else if (c.inArray()) {
                names.addFirst("[" + c.getCurrentIndex() + "]");
            }
        }
        return String.join(".", names).replace(".[", "[");
    }

    /** A string with a NUL character, and the field it was in. */
    public static final class NulCharacterException extends MismatchedInputException {

        private final String field;

        NulCharacterException(JsonParser parser, String field) {
            super(parser, "NUL characters are not allowed", parser.currentLocation());
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
