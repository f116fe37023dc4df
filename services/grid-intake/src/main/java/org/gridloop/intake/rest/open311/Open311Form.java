package org.gridloop.intake.rest.open311;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Reads the {@code application/x-www-form-urlencoded} body of {@code POST requests} itself, so that a body of any
 * other type is answered in Open311 terms (415) instead of by the framework. Without a charset, UTF-8.
 */
final class Open311Form {

    private Open311Form() {
    }

    static MultivaluedMap<String, String> parse(String contentType, byte[] body) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null || !type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            throw new Open311Exception(415, "POST requests takes application/x-www-form-urlencoded parameters");
        }
        Charset charset = charset(type.getParameters().get(MediaType.CHARSET_PARAMETER));
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        if (body == null || body.length == 0) {
            return form;
        }
        for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                // the body is ASCII percent-encoding; ISO-8859-1 maps its bytes 1:1, the charset decodes the escapes
                form.add(decode(name, charset), decode(value, charset));
            } catch (IllegalArgumentException e) {
                throw Open311Exception.badRequest("the form is not valid application/x-www-form-urlencoded");
            }
        }
        return form;
    }

    private static String decode(String s, Charset charset) {
        if (charset.equals(StandardCharsets.ISO_8859_1) || s.chars().allMatch(c -> c < 0x80)) {
            return URLDecoder.decode(s, charset);
        }
        // raw non-ASCII bytes (a client that did not percent-encode): reinterpret them in the form's charset
        return URLDecoder.decode(new String(s.getBytes(StandardCharsets.ISO_8859_1), charset), charset);
    }

    private static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new Open311Exception(415, "charset '" + Open311Query.abbreviate(name) + "' is not supported; use UTF-8");
        }
    }
}
