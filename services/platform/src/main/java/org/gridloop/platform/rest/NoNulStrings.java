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
                    throw MismatchedInputException.from(parser, String.class, "NUL characters are not allowed");
                }
                return value;
            }
        });
        mapper.registerModule(module);
    }
}
