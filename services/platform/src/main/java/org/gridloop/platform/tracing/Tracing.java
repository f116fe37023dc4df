package org.gridloop.platform.tracing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.gridloop.platform.background.Background;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One case's loop as one trace. A case's trace is the one its first event was written in (the resident's or grid
 * worker's submission) and is kept per service in {@code case_traces}. Every event carries the W3C trace context of
 * the step that wrote it ({@code ce_traceparent}, the CloudEvents distributed-tracing extension): a step already in
 * the case's trace (an HTTP request continuing it, a consumer applying an event of the case) passes its own span on;
 * a step outside it (a BPMN timer, an async continuation, a person's next action, which arrive with no trace or a
 * trace of their own) gets a span in the case's trace, linked to the span it ran in. Consumers apply each event in
 * a span whose parent is the event's context, so what they write continues the trace through the next service.
 *
 * <p>Off (the OpenTelemetry SDK disabled, the default) everything here is a no-op: nothing is looked up or written.
 * On, a case's trace is kept for {@code gridloop.tracing.case-retention} (90 days): a step of an older case starts
 * a trace of its own.
 */
@ApplicationScoped
public class Tracing {

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return java.util.List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;
    private final boolean on;
    private final Sql sql;
    private final String remember;
    private final String lookUp;
    private final String prune;
    private final Duration caseRetention;
    private ScheduledExecutorService pruner;
    /** The cases whose trace is known here, so most steps look nothing up. */
    private final Cache<String, String> known = Caffeine.newBuilder().maximumSize(20_000).build();

    Tracing(Tracer tracer, @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "true") boolean disabled,
            TracingConfig config, Sql sql, DatabaseConfig database) {
        this.caseRetention = config.caseRetention();
        this.tracer = tracer;
        this.on = !disabled;
        this.sql = sql;
        String table = database.schema() + ".case_traces";
        this.remember = "INSERT INTO " + table + " (request_id, traceparent) VALUES (?, ?) ON CONFLICT DO NOTHING";
        this.lookUp = "SELECT traceparent FROM " + table + " WHERE request_id = ?";
        this.prune = "DELETE FROM " + table + " WHERE created_at < ?";
    }

    void start(@Observes StartupEvent startup) {
        if (on) {
            pruner = Background.every("case-traces-pruning", Duration.ofMinutes(5), Duration.ofHours(6),
                    this::pruneNow);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (pruner != null) {
            pruner.shutdownNow();
        }
    }

    /**
     * The trace context an event of {@code requestId} written now carries (inside the step's transaction), or null
     * when tracing is off or the event belongs to no case.
     */
    public String forEvent(String requestId, String eventType) {
        if (!on || requestId == null) {
            return null;
        }
        Span current = Span.current();
        SpanContext running = current.getSpanContext();
        String theCase = caseTrace(requestId);
        if (theCase == null) {
            if (!running.isValid()) {
                return null;
            }
            String started = traceparent(running);
            rememberCase(requestId, started);
            return started;
        }
        Context caseContext = context(theCase);
        if (running.isValid() && running.getTraceId().equals(Span.fromContext(caseContext).getSpanContext().getTraceId())) {
            return traceparent(running);
        }
        var step = tracer.spanBuilder(eventType).setParent(caseContext).setSpanKind(SpanKind.INTERNAL)
                .setAttribute("gridloop.request_id", requestId);
        if (running.isValid()) {
            step.addLink(running);
        }
        Span span = step.startSpan();
        span.end();
        return traceparent(span.getSpanContext());
    }

    /** The span an outbox event is published in, child of the step that wrote it; null when there is none. */
    public Span publishing(String traceparent, String topic, String eventType) {
        if (!on || traceparent == null) {
            return null;
        }
        return tracer.spanBuilder("publish " + topic).setParent(context(traceparent)).setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka").setAttribute("messaging.destination.name", topic)
                .setAttribute("cloudevents.event_type", eventType).startSpan();
    }

    /** The W3C form of a span's context. */
    public static String traceparent(SpanContext span) {
        if (span == null || !span.isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.root().with(Span.wrap(span)), carrier, Map::put);
        return carrier.get("traceparent");
    }

    /**
     * Runs {@code apply} for one consumed event in a consumer span continuing the event's trace (and remembers the
     * event's case trace here); just runs it when tracing is off or the event carries no trace.
     */
    public void consuming(String consumer, CloudEvent<?> event, Runnable apply) {
        if (!on || event.traceparent() == null) {
            apply.run();
            return;
        }
        if (event.subject() != null && known.getIfPresent(event.subject()) == null) {
            rememberCase(event.subject(), event.traceparent());
        }
        Span span = tracer.spanBuilder(consumer + " " + event.type()).setParent(context(event.traceparent()))
                .setSpanKind(SpanKind.CONSUMER).setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.consumer.group.name", consumer)
                .setAttribute("cloudevents.event_id", event.id())
                .setAttribute("cloudevents.event_type", event.type())
                .setAttribute("gridloop.request_id", event.subject() == null ? "" : event.subject()).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            apply.run();
        } catch (RuntimeException e) {
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private void pruneNow() {
        try {
            sql.update(prune, Instant.now().minus(caseRetention));
        } catch (RuntimeException e) {
            // the next run tries again; a chore that threw would never run again
            org.jboss.logging.Logger.getLogger(Tracing.class).warnf("case traces not pruned now: %s", e.getMessage());
        }
    }

    private String caseTrace(String requestId) {
        String cached = known.getIfPresent(requestId);
        if (cached != null) {
            return cached;
        }
        String stored = sql.one(lookUp, row -> row.getString(1), requestId).orElse(null);
        if (stored != null) {
            known.put(requestId, stored);
        }
        return stored;
    }

    /**
     * Keeps the case's trace (the first one wins, also against another replica). Cached only once it is read back
     * committed-or-ours: the cache may run ahead of a rolled-back transaction, which costs a missing link at worst.
     */
    private void rememberCase(String requestId, String traceparent) {
        sql.update(remember, requestId, traceparent);
        known.put(requestId, sql.one(lookUp, row -> row.getString(1), requestId).orElse(traceparent));
    }

    private static Context context(String traceparent) {
        return W3C.extract(Context.root(), traceparent, TRACEPARENT);
    }
}
