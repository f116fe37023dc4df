package org.gridloop.escalation.rest;

import org.gridloop.escalation.domain.CaseFile;
import org.gridloop.escalation.domain.TimelineEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A case's full timeline, oldest step first. */
public record TimelineView(String requestId, String gridCode, String category, String status, List<Entry> entries) {

    /**
     * One step. {@code stage} is discovery, acceptance, routing, handling, verification, feedback, closing or
     * escalation; {@code sinceSubmitted} the ISO-8601 duration from submission (or the first step) to this one.
     */
    public record Entry(String eventId, String type, String stage, String actor, String actorRole, String department,
                        Instant occurredAt, String detail, String sinceSubmitted) {
    }

    public static TimelineView of(CaseFile file, List<TimelineEntry> entries) {
        Instant start = file.submittedAt != null ? file.submittedAt
                : entries.isEmpty() ? null : entries.get(0).occurredAt;
        List<Entry> views = entries.stream()
                .map(e -> new Entry(e.eventId, e.eventType, e.stage, e.actor, e.actorRole, e.department,
                        e.occurredAt, e.detail, start == null ? null : Duration.between(start, e.occurredAt).toString()))
                .toList();
        return new TimelineView(file.requestId, file.gridCode, file.category, file.status.name(), views);
    }
}
