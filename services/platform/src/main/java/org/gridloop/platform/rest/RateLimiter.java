package org.gridloop.platform.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits the public, unauthenticated write endpoints (anonymous reports, Open311 submissions) per client address:
 * a token bucket of {@code gridloop.rate-limit.per-minute} with bursts up to {@code gridloop.rate-limit.burst}.
 * Over the limit: 429 with Retry-After. Signed-in callers are not limited here.
 */
@ApplicationScoped
public class RateLimiter {

    @ConfigProperty(name = "gridloop.rate-limit.per-minute", defaultValue = "30")
    double perMinute;

    @ConfigProperty(name = "gridloop.rate-limit.burst", defaultValue = "10")
    double burst;

    /** "METHOD /path-prefix" entries the limit applies to. */
    @ConfigProperty(name = "gridloop.rate-limit.paths", defaultValue = "POST /api/requests,POST /open311/")
    List<String> paths;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updatedNanos;
    }

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext context, HttpServerRequest request) {
        if (context.getHeaderString("Authorization") != null || !limited(context.getMethod(),
                context.getUriInfo().getRequestUri().getPath())) {
            return null;
        }
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        if (buckets.size() > 100_000) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(client, k -> {
            Bucket b = new Bucket();
            b.tokens = burst;
            b.updatedNanos = System.nanoTime();
            return b;
        });
        synchronized (bucket) {
            long now = System.nanoTime();
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedNanos) / 60e9 * perMinute);
            bucket.updatedNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return null;
            }
            long retryAfter = (long) Math.ceil((1 - bucket.tokens) / perMinute * 60);
            return Response.fromResponse(ProblemMappers.respond(new Problem("about:blank", "Too many requests", 429,
                            "too many submissions from this address; try again in " + retryAfter + " s", List.of())))
                    .header("Retry-After", retryAfter).build();
        }
    }

    private boolean limited(String method, String path) {
        for (String entry : paths) {
            String[] parts = entry.trim().split(" ", 2);
            if (parts.length == 2 && parts[0].equalsIgnoreCase(method) && path.startsWith(parts[1])) {
                return true;
            }
        }
        return false;
    }
}
