package org.gridloop.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The public HTTP APIs, called asynchronously. Actions that may race the asynchronous loop (a 409: "not at that step
 * yet") are retried with backoff, as a person would try again a moment later.
 */
final class Api {

    /** {@code retryAfter}: the Retry-After header, null when the answer had none. */
    record Reply(int status, String body, String retryAfter) {
        Reply(int status, String body) {
            this(status, body, null);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Metrics metrics;
    /** At least this many attempts per action (fault runs: people keep trying while a service restarts). */
    volatile int minAttempts = 1;

    Api(ExecutorService executor, ScheduledExecutorService scheduler, Metrics metrics) {
        this.http = HttpClient.newBuilder().executor(executor).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.scheduler = scheduler;
        this.metrics = metrics;
    }

    CompletableFuture<Reply> send(String method, String url, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Reply(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null)));
    }

    /** 照片: uploads a photo (JPEG bytes) to grid-intake; its id, or null when the upload was refused or failed. */
    CompletableFuture<String> uploadPhoto(String intake, String token, byte[] jpeg) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(intake + "/api/photos")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).header("Content-Type", "image/jpeg");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).handle((r, error) -> {
            boolean ok = error == null && r.statusCode() == 201;
            metrics.action("photo", error != null ? "io-error" : ok ? "ok" : Integer.toString(r.statusCode()));
            if (!ok) {
                return null;
            }
            String body = r.body();
            int at = body.indexOf("\"id\":\"");
            return at < 0 ? null : body.substring(at + 6, body.indexOf('"', at + 6));
        });
    }

    /**
     * Sends, retrying 409/429/5xx and I/O errors up to {@code attempts} times; records the outcome under name, the
     * first attempt's status on its own (how often the action came before the service was ready for it), and the
     * case as abandoned when the final outcome is not 2xx (nothing else will move it on).
     */
    CompletableFuture<Reply> act(String caseId, String name, String method, String url, String token, String json,
                                 int attempts) {
        CompletableFuture<Reply> result = new CompletableFuture<>();
        attempt(caseId, name, method, url, token, json, Math.max(attempts, minAttempts), 0, result);
        return result;
    }

    private void attempt(String caseId, String name, String method, String url, String token, String json,
                         int attempts, int n, CompletableFuture<Reply> result) {
        send(method, url, token, json).whenComplete((reply, error) -> {
            String outcome = error != null ? errorLabel(error) : reply.ok() ? "ok" : Integer.toString(reply.status());
            if (n == 0) {
                metrics.firstAttempt(name, outcome);
            }
            // 404 and 409 too: the service may not have applied the event that made this step possible yet
            boolean retry = n + 1 < attempts && (error != null || reply.status() == 404 || reply.status() == 409
                    || reply.status() == 429 || reply.status() >= 500);
            if (retry) {
                long delay = Math.min(4000, 200L << Math.min(n, 5));
                scheduler.schedule(() -> attempt(caseId, name, method, url, token, json, attempts, n + 1, result),
                        delay, TimeUnit.MILLISECONDS);
                return;
            }
            metrics.action(name, outcome);
            if (!"ok".equals(outcome) && caseId != null) {
                metrics.abandon(caseId, name, outcome, error == null ? null : String.valueOf(error));
            }
            result.complete(error != null ? new Reply(0, String.valueOf(error)) : reply);
        });
    }

    private static String errorLabel(Throwable error) {
        return error instanceof IOException || error.getCause() instanceof IOException ? "io-error" : "error";
    }
}
