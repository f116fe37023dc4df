package org.gridloop.escalation.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.escalation.domain.Escalation;
import org.gridloop.escalation.domain.SupervisorTask;

import java.util.Collection;
import java.util.List;

/** The escalations and supervisor tasks as supervisors list them: Hibernate Reactive, reads only. */
@ApplicationScoped
public class EscalationQueries {

    public static final int LIMIT = 500;

    /** Open escalations whose current unit is under {@code unitPrefix}: the tasks its supervisors may decide. */
    @WithSession
    public Uni<List<Escalation>> openUnder(String unitPrefix) {
        return Escalation.<Escalation>find("status = ?1 and unit like ?2 order by raisedAt desc", Escalation.OPEN,
                unitPrefix + "%").page(0, LIMIT).list();
    }

    /** Every escalation of a case whose grid is under {@code unitPrefix}, newest first. */
    @WithSession
    public Uni<List<Escalation>> allUnder(String unitPrefix) {
        return Escalation.<Escalation>find("gridCode like ?1 order by raisedAt desc", unitPrefix + "%")
                .page(0, LIMIT).list();
    }

    @WithSession
    public Uni<Escalation> byId(String id) {
        return Escalation.findById(id);
    }

    /** The supervisor tasks of these escalations, oldest first. */
    @WithSession
    public Uni<List<SupervisorTask>> tasks(Collection<String> escalationIds) {
        if (escalationIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return SupervisorTask.list("escalationId in ?1 order by openedAt, id", escalationIds);
    }
}
