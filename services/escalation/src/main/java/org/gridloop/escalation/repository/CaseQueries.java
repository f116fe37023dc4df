package org.gridloop.escalation.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.escalation.domain.CaseFile;
import org.gridloop.escalation.domain.TimelineEntry;

import java.util.List;

/** What supervisors read of a case: Hibernate Reactive, no transaction, never a write. */
@ApplicationScoped
public class CaseQueries {

    @WithSession
    public Uni<CaseFile> byId(String requestId) {
        return CaseFile.findById(requestId);
    }

    /** Every step of the case, by the time it happened (steps of equal time in the order they were applied). */
    @WithSession
    public Uni<List<TimelineEntry>> timeline(String requestId) {
        return TimelineEntry.list("requestId = ?1 order by occurredAt, recordedAt, id", requestId);
    }
}
