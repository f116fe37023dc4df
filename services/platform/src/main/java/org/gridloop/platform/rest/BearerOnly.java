package org.gridloop.platform.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one credential these services take is a bearer token. A request that carries any other Authorization header
 * ({@code Basic}, a bare string, two headers) is refused with 401 before anything else looks at it: such a caller
 * would otherwise pass as anonymous, which is not what it asked for and not a way around the limits.
 */
public class BearerOnly {

    /** RFC 6750's b64token after the scheme (case-insensitive), nothing else. */
    private static final Pattern BEARER = Pattern.compile("(?i)bearer [A-Za-z0-9._~+/-]+=*");

    @ServerRequestFilter(preMatching = true)
    public Response refuseOtherCredentials(ContainerRequestContext context) {
        List<String> values = context.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() == 1 && BEARER.matcher(values.get(0).strip()).matches()) {
            return null;
        }
        return Response.fromResponse(ProblemMappers.respond(new Problem("about:blank", "Unauthorized", 401,
                        "only a bearer token is accepted in the Authorization header (Authorization: Bearer <token>)",
                        List.of())))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
