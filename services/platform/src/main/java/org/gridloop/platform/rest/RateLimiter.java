package org.gridloop.platform.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Limits what each caller may send, with Bucket4j token buckets: a signed-in caller by its identity, anyone else by
 * address (the connection's, or a forwarded one only from a trusted proxy: Quarkus resolves it before this runs).
 * New submissions have the tightest buckets (signed-in callers a larger one of their own), every other write a
 * generous one, the public reads one of theirs. It runs after authentication, and a header that is not a bearer
 * token is refused before (see {@code BearerOnly}), so no header exempts anyone. Over a limit: 429 with Retry-After.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** What a request is, for the limits; {@code what} names it in the 429's detail. */
    private enum Kind {
        SUBMIT("submissions"), ACTION("changes"), READ("searches");

        final String what;

        Kind(String what) {
            this.what = what;
        }
    }

    private final RateLimitConfig config;
    private final SecurityIdentity identity;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    RateLimiter(RateLimitConfig config, SecurityIdentity identity) {
        this.config = config;
        this.identity = identity;
    }

    @ServerRequestFilter
    public Response limit(ContainerRequestContext context, HttpServerRequest request) {
        Kind kind = kind(context.getMethod(), context.getUriInfo().getRequestUri().getPath());
        if (kind == null) {
            return null;
        }
        boolean signedIn = !identity.isAnonymous();
        String caller = signedIn ? "user:" + identity.getPrincipal().getName()
                : "addr:" + (request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
        Bucket bucket = buckets.get(kind + "|" + caller, k -> switch (kind) {
            case SUBMIT -> signedIn ? bucket(config.signedIn().perMinute(), config.signedIn().burst())
                    : bucket(config.perMinute(), config.burst());
            case ACTION -> bucket(config.actions().perMinute(), config.actions().burst());
            case READ -> bucket(config.reads().perMinute(), config.reads().burst());
        });
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return null;
        }
        long retryAfter = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9));
        return Response.fromResponse(ProblemMappers.respond(new Problem("about:blank", "Too many requests", 429,
                "too many " + kind.what + " from " + (signedIn ? "this account" : "this address") + "; try again in "
                        + retryAfter + " s", List.of()))).header("Retry-After", retryAfter).build();
    }

    private static Bucket bucket(double perMinute, long burst) {
        long refillEveryNanos = (long) (60e9 / perMinute);
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(burst)
                .refillGreedy(1, Duration.ofNanos(refillEveryNanos)).build()).build();
    }

    private Kind kind(String method, String path) {
        if (matches(config.paths(), method, path)) {
            return Kind.SUBMIT;
        }
        if (WRITES.contains(method.toUpperCase(java.util.Locale.ROOT))) {
            return Kind.ACTION;
        }
        return matches(config.reads().paths(), method, path) ? Kind.READ : null;
    }

    private static boolean matches(List<String> entries, String method, String path) {
        for (String entry : entries) {
            String[] parts = entry.trim().split(" ", 2);
            if (parts.length == 2 && parts[0].equalsIgnoreCase(method) && path.startsWith(parts[1])) {
                return true;
            }
        }
        return false;
    }
}
