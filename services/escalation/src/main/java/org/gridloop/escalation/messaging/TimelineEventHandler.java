package org.gridloop.escalation.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.PoisonEventException;
import org.gridloop.escalation.domain.CaseFile;
import org.gridloop.escalation.domain.CaseStatus;
import org.gridloop.escalation.domain.EventSummary;
import org.gridloop.escalation.domain.Stage;
import org.gridloop.escalation.domain.TimelineEntry;
import org.gridloop.escalation.evaluation.FactProjection;
import org.gridloop.platform.inbox.Inbox;

import java.time.Instant;

/**
 * Applies one event to the case timeline in one Hibernate Reactive transaction: the inbox row, the case file and
 * the timeline entry commit together. A repeat delivery finds its inbox row and changes nothing.
 */
@ApplicationScoped
public class TimelineEventHandler {


    public static final String CONSUMER = "escalation.timeline";

    @Inject
    Inbox inbox;

    @Inject
    FactProjection facts;

    @ConfigProperty(name = "gridloop.schema")
    String schema;

    public Uni<Void> handle(CloudEvent<?> event) {
        Stage stage = Stage.of(event.type())
                .orElseThrow(() -> new PoisonEventException("no timeline stage for " + event.type()));
        String requestId = requestId(event);
        Instant recordedAt = Instant.now();
        Instant occurredAt = event.time() != null ? event.time() : recordedAt;
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, event).chain(first -> !first
                ? Uni.createFrom().voidItem()
                : openCase(requestId)
                        .chain(() -> CaseFile.<CaseFile>findById(requestId))
                        .invoke(file -> file.apply(event, occurredAt))
                        .chain(file -> entry(event, requestId, stage, occurredAt, recordedAt).persist())
                        .chain(() -> facts.apply(event, requestId, occurredAt))
                        .replaceWithVoid()));
    }

    /** Creates the case row the first time any topic mentions the request; a concurrent creator's row wins. */
    private Uni<Integer> openCase(String requestId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT INTO " + schema + ".case_file (request_id, status, round) "
                        + "VALUES (:id, :status, 1) ON CONFLICT (request_id) DO NOTHING")
                .setParameter("id", requestId)
                .setParameter("status", CaseStatus.SUBMITTED.name())
                .executeUpdate());
    }

    private static TimelineEntry entry(CloudEvent<?> event, String requestId, Stage stage, Instant occurredAt,
                                       Instant recordedAt) {
        EventSummary summary = EventSummary.of(event.data());
        TimelineEntry entry = new TimelineEntry();
        entry.eventId = event.id();
        entry.requestId = requestId;
        entry.eventType = event.type();
        entry.stage = stage.code();
        entry.actor = event.actor();
        entry.actorRole = event.actorrole();
        entry.department = summary.department();
        entry.occurredAt = occurredAt;
        entry.recordedAt = recordedAt;
        entry.detail = summary.detail();
        return entry;
    }

    /** The CloudEvents subject names the request (it is also the Kafka key). */
    static String requestId(CloudEvent<?> event) {
        String subject = event.subject();
        if (subject == null || subject.isBlank() || subject.length() > 64) {
            throw new PoisonEventException(event.type() + " " + event.id() + " names no usable request id");
        }
        if (event.id().length() > 64) {
            throw new PoisonEventException("event id longer than 64 characters");
        }
        return subject;
    }
}
