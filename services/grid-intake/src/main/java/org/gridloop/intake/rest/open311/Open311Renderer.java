package org.gridloop.intake.rest.open311;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link Open311Document} as JSON (Jackson) or XML. The XML is written by hand rather than through JAXB:
 * the shapes are tiny, and the escaping is explicit — markup characters become entities, and characters XML 1.0
 * cannot carry (control characters, lone surrogates) become U+FFFD, so any stored text yields well-formed XML.
 */
@ApplicationScoped
public class Open311Renderer {

    /** A list element's key, and the element of each of its items. */
    private static final Map<String, String> SINGULAR = Map.of(
            "endpoints", "endpoint",
            "formats", "format",
            "attributes", "attribute",
            "values", "value");

    private final ObjectMapper json;

    Open311Renderer(ObjectMapper json) {
        this.json = json;
    }

    public Response respond(int status, Open311Format format, Open311Document document) {
        return Response.status(status).type(format.contentType()).entity(body(format, document)).build();
    }

    public byte[] body(Open311Format format, Open311Document document) {
        return format == Open311Format.XML ? xml(document).getBytes(StandardCharsets.UTF_8) : json(document);
    }

    public Response ok(Open311Format format, Open311Document document) {
        return respond(200, format, document);
    }

    public Response error(Open311Format format, Open311Exception e) {
        return respond(e.code(), format, Open311Document.errors(e));
    }

    byte[] json(Open311Document document) {
        try {
            return json.writeValueAsBytes(document.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write an Open311 document", e);
        }
    }

    static String xml(Open311Document document) {
        StringBuilder out = new StringBuilder(1024).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        if (document.item() == null) {
            element(out, document.root(), document.body());
        } else {
            out.append('<').append(document.root()).append('>');
            for (Object item : (List<?>) document.body()) {
                element(out, document.item(), item);
            }
            out.append("</").append(document.root()).append('>');
        }
        return out.append('\n').toString();
    }

    private static void element(StringBuilder out, String name, Object value) {
        if (value == null) {
            out.append('<').append(name).append("/>");
            return;
        }
        out.append('<').append(name).append('>');
        if (value instanceof Map<?, ?> fields) {
            for (Map.Entry<?, ?> field : fields.entrySet()) {
                element(out, field.getKey().toString(), field.getValue());
            }
        } else if (value instanceof List<?> items) {
            String itemName = SINGULAR.getOrDefault(name, "item");
            for (Object item : items) {
                element(out, itemName, item);
            }
        } else {
            escape(out, text(value));
        }
        out.append("</").append(name).append('>');
    }

    private static String text(Object value) {
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).toPlainString();
        }
        return value.toString();
    }

    /** Escapes text content (and would be safe in attribute values too). */
    static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                // a raw CR would be normalised away by every XML parser
                case '\r' -> out.append("&#13;");
                default -> {
                    if (allowedInXml(cp)) {
                        out.appendCodePoint(cp);
                    } else {
                        out.append('\uFFFD');
                    }
                }
            }
        }
    }

    /** XML 1.0, production [2] Char. A lone surrogate arrives here as itself and is refused. */
    static boolean allowedInXml(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
