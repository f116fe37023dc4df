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

/**
 * Limits new submissions per caller, with Bucket4j token buckets: a signed-in caller by its identity (its own,
 * larger bucket), anyone else by address. It runs after authentication, so a header that is not a valid bearer
 * token makes a caller anonymous and limited by address, not exempt. Over the limit: 429 with Retry-After.
 */
@ApplicationScoped
public class RateLimiter {

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
        if (!limited(context.getMethod(), context.getUriInfo().getRequestUri().getPath())) {
            return null;
        }
        boolean signedIn = !identity.isAnonymous();
        String key = signedIn ? "user:" + identity.getPrincipal().getName()
                : "addr:" + (request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
        Bucket bucket = buckets.get(key, k -> signedIn
                ? bucket(config.signedIn().perMinute(), config.signedIn().burst())
                : bucket(config.perMinute(), config.burst()));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return null;
        }
        long retryAfter = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9));
        return Response.fromResponse(ProblemMappers.respond(new Problem("about:blank", "Too many requests", 429,
                "too many submissions from " + (signedIn ? "this account" : "this address") + "; try again in "
                        + retryAfter + " s", List.of()))).header("Retry-After", retryAfter).build();
    }

    private static Bucket bucket(double perMinute, long burst) {
        long refillEveryNanos = (long) (60e9 / perMinute);
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(burst)
                .refillGreedy(1, Duration.ofNanos(refillEveryNanos)).build()).build();
    }

    private boolean limited(String method, String path) {
        for (String entry : config.paths()) {
            String[] parts = entry.trim().split(" ", 2);
            if (parts.length == 2 && parts[0].equalsIgnoreCase(method) && path.startsWith(parts[1])) {
                return true;
            }
        }
        return false;
    }
}
