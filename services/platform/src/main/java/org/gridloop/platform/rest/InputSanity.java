package org.gridloop.platform.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Refuses, before any resource runs, a path or query that PostgreSQL could not store or compare: NUL characters,
 * broken percent-encoding, bytes that are not UTF-8. (JSON bodies get the same rule from {@link NoNulStrings}.)
 */
public class InputSanity {

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        for (String part : new String[]{path, query}) {
            if (part != null && !clean(part)) {
                return ProblemMappers.respond(new Problem("about:blank", "Invalid request", 400,
                        "the address contains characters that are not allowed (NUL, broken or non-UTF-8 encoding)",
                        List.of()));
            }
        }
        return null;
    }

    static boolean clean(String raw) {
        try {
            byte[] bytes = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.ISO_8859_1)
                    .getBytes(StandardCharsets.ISO_8859_1);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return text.indexOf('\u0000') < 0;
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return false;
        }
    }
}
