package org.gridloop.escalation.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gridloop.escalation.domain.CaseFile;
import org.gridloop.escalation.domain.TimelineEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A case's full timeline, oldest step first. */
public record TimelineView(String requestId, String gridCode, String category, String status, List<Entry> entries,
                           List<StageSpan> stages) {

    private static final ObjectMapper PARAMS = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> PARAMS_TYPE = new TypeReference<>() {
    };

    /**
     * How long the case spent in a stage: from the stage's first event to the first event of a later stage (or the
     * last event, for the stage the case is in); {@code limitMissed} when a time limit of the case was missed
     * while in it.
     */
    public record StageSpan(String stage, Instant from, Instant to, String duration, boolean limitMissed) {
    }

    /**
     * One step. {@code stage} is discovery, acceptance, routing, handling, verification, feedback, closing or
     * escalation; {@code detail} what the step says, as a code and parameters; {@code sinceSubmitted} the ISO-8601
     * duration from submission (or the first step) to this one.
     */
    public record Entry(String eventId, String type, String stage, String actor, String actorRole, String department,
                        Instant occurredAt, Detail detail, String sinceSubmitted, String sincePrevious,
                        boolean limitMissed) {
    }

    /**
     * What a step says, for the pages to word in the reader's language: {@code code} is the event type without its
     * prefix and version ({@code dispatch.answered}), or {@code legacy} for an entry recorded before details were
     * codes (its English text in {@code params.text}); {@code params} the values, by name (see the service README).
     */
    @Schema(description = "What a step says: a code and its parameters, worded by the pages in the reader's language")
    public record Detail(
            @Schema(description = "the event type without prefix and version, e.g. dispatch.answered; or legacy",
                    example = "dispatch.answered") String code,
            @Schema(description = "the values by name, e.g. {\"department\": \"water\", \"result\": \"FIXED\", "
                    + "\"note\": \"pipe replaced\"}; a value not known is left out") Map<String, Object> params) {
    }

    public static TimelineView of(CaseFile file, List<TimelineEntry> entries) {
        Instant start = file.submittedAt != null ? file.submittedAt
                : entries.isEmpty() ? null : entries.get(0).occurredAt;
        List<Entry> views = new java.util.ArrayList<>();
        List<StageSpan> stages = new java.util.ArrayList<>();
        Instant previous = null;
        String lastStage = null;
        for (TimelineEntry e : entries) {
            boolean missed = isLimitMissed(e.eventType);
            views.add(new Entry(e.eventId, e.eventType, e.stage, e.actor, e.actorRole, e.department, e.occurredAt,
                    detail(e), start == null ? null : Duration.between(start, e.occurredAt).toString(),
                    previous == null ? null : Duration.between(previous, e.occurredAt).toString(), missed));
            previous = e.occurredAt;
            // limit-missed, escalation and evaluation steps mark the stage the case is in; they do not start one
            if (missed || "escalation".equals(e.stage) || "evaluation".equals(e.stage)) {
                if (missed && !stages.isEmpty()) {
                    StageSpan s = stages.remove(stages.size() - 1);
                    stages.add(new StageSpan(s.stage(), s.from(), s.to(), s.duration(), true));
                }
                continue;
            }
            if (!e.stage.equals(lastStage)) {
                if (!stages.isEmpty()) {
                    StageSpan s = stages.remove(stages.size() - 1);
                    stages.add(new StageSpan(s.stage(), s.from(), e.occurredAt,
                            Duration.between(s.from(), e.occurredAt).toString(), s.limitMissed()));
                }
                stages.add(new StageSpan(e.stage, e.occurredAt, e.occurredAt, "PT0S", false));
                lastStage = e.stage;
            } else {
                StageSpan s = stages.remove(stages.size() - 1);
                stages.add(new StageSpan(s.stage(), s.from(), e.occurredAt,
                        Duration.between(s.from(), e.occurredAt).toString(), s.limitMissed()));
            }
        }
        return new TimelineView(file.requestId, file.gridCode, file.category, file.status.name(), views, stages);
    }

    private static Detail detail(TimelineEntry e) {
        try {
            return new Detail(e.detailCode, PARAMS.readValue(e.detailParams, PARAMS_TYPE));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("timeline entry " + e.eventId + ": parameters not JSON", ex);
        }
    }

    static boolean isLimitMissed(String type) {
        return org.gridloop.contracts.EventTypes.REQUEST_LIMIT_MISSED.name().equals(type)
                || org.gridloop.contracts.EventTypes.DISPATCH_LIMIT_MISSED.name().equals(type);
    }
}
