package org.gridloop.intake.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EventType;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.intake.repository.ProgressLines;
import org.gridloop.platform.outbox.OutboxListener;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * 办理进展: the residents' plain-language progress, one line per step a resident cares about, written with the step's
 * own events (in their transaction) and with the departments' answers when a round is resolved. Internal steps
 * (claims, missed limits) are left out; only codes and values are kept (a category, a department, a result, a
 * rating), never anybody's words.
 */
@ApplicationScoped
public class ResidentProgress implements OutboxListener {

    /** The resident-facing steps and what of each the page needs. */
    private static final Map<String, Function<Object, Map<String, Object>>> STEPS = new LinkedHashMap<>();

    static {
        step(EventTypes.REQUEST_SUBMITTED, s -> Map.of());
        step(EventTypes.REQUEST_ACCEPTED, a -> Map.of("category", a.category()));
        step(EventTypes.REQUEST_REJECTED, r -> Map.of("reason", r.reason().name()));
        step(EventTypes.REQUEST_MERGED, m -> Map.of("into", m.intoRequestId()));
        step(EventTypes.REQUEST_ROUTED_TO_GRID, r -> Map.of());
        step(EventTypes.REQUEST_HANDLED_ON_SITE, h -> Map.of());
        step(EventTypes.REQUEST_RAISED, r -> Map.of("level", String.valueOf(r.level())));
        step(EventTypes.REQUEST_WHISTLED, w -> Map.of("round", w.round()));
        step(EventTypes.REQUEST_CALLER_DECIDED, d -> Map.of("decision", d.decision().name()));
        step(EventTypes.REQUEST_VERIFICATION_REQUESTED, v -> Map.of());
        step(EventTypes.REQUEST_VERIFIED, v -> Map.of("passed", v.passed()));
        step(EventTypes.REQUEST_FEEDBACK_REQUESTED, f -> Map.of());
        step(EventTypes.REQUEST_RATED, r -> Map.of("rating", r.rating()));
        step(EventTypes.REQUEST_RETURN_VISIT_REQUESTED, v -> Map.of());
        step(EventTypes.REQUEST_RETURN_VISITED, v -> Map.of("reached", v.reached()));
        step(EventTypes.REQUEST_REOPENED, r -> Map.of("reworkCount", r.reworkCount()));
        step(EventTypes.REQUEST_CLOSED, c -> Map.of("outcome", c.outcome().name()));
    }

    @SuppressWarnings("unchecked")
    private static <T> void step(EventType<T> type, Function<T, Map<String, Object>> params) {
        STEPS.put(type.name(), data -> params.apply((T) data));
    }

    private final ProgressLines lines;

    ResidentProgress(ProgressLines lines) {
        this.lines = lines;
    }

    @Override
    public void added(CloudEvent<?> event) {
        Function<Object, Map<String, Object>> params = STEPS.get(event.type());
        if (params != null && event.subject() != null) {
            lines.add(event.subject(), event.time() != null ? event.time() : Instant.now(), code(event.type()),
                    params.apply(event.data()));
        }
    }

    /** 答复: what each department of the resolved round answered (result only; the notes stay on the request). */
    public void answered(String requestId, Instant at, List<DispatchEvents.Answer> answers) {
        lines.add(requestId, at, code(EventTypes.DISPATCH_RESOLVED.name()), Map.of("answers", answers.stream()
                .map(a -> Map.of("department", a.department(), "result", String.valueOf(a.result()))).toList()));
    }

    /** gridloop.request.accepted.v1 → request.accepted. */
    static String code(String type) {
        return type.replaceFirst("^gridloop\\.", "").replaceFirst("\\.v\\d+$", "");
    }
}
