package org.gridloop.intake.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.intake.domain.RequestStatus;
import org.gridloop.intake.domain.ServiceRequest;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** What the pages and Open311 read: Hibernate Reactive, no transaction, never a write. */
@ApplicationScoped
public class RequestQueries {

    /** What a grid worker's task list shows: new cases to review, cases to handle, department work to verify. */
    static final Set<RequestStatus> TASK_STATUSES = Set.of(RequestStatus.SUBMITTED, RequestStatus.ACCEPTED,
            RequestStatus.GRID_HANDLING, RequestStatus.VERIFYING);

    @WithSession
    public Uni<ServiceRequest> byId(String id) {
        return ServiceRequest.findById(id);
    }

    @WithSession
    public Uni<ServiceRequest> byTrackingTokenHash(String hash) {
        return ServiceRequest.<ServiceRequest>find("trackingTokenHash", hash).firstResult();
    }

    /** The duplicates merged into {@code id}: their reporters follow it. */
    @WithSession
    public Uni<List<ServiceRequest>> mergedInto(String id) {
        return ServiceRequest.list("mergedInto", id);
    }

    /** The open tasks of these grids, oldest first, at most {@code limit}. */
    @WithSession
    public Uni<List<ServiceRequest>> tasks(Collection<String> grids, int limit) {
        return ServiceRequest.<ServiceRequest>find("gridCode in ?1 and status in ?2 order by createdAt",
                grids, TASK_STATUSES).page(0, limit).list();
    }

    /** Open311's search: by ids, or by time window, categories and statuses; newest first. */
    @WithSession
    public Uni<List<ServiceRequest>> search(List<String> ids, Instant start, Instant end, Collection<String> categories,
                                            Collection<RequestStatus> statuses, int limit) {
        Sort newestFirst = Sort.descending("createdAt").and("id", Sort.Direction.Descending);
        if (!ids.isEmpty()) {
            return ServiceRequest.<ServiceRequest>find("id in ?1", newestFirst, ids).range(0, limit - 1).list();
        }
        StringBuilder where = new StringBuilder("createdAt >= :start and createdAt <= :end");
        io.quarkus.panache.common.Parameters params = io.quarkus.panache.common.Parameters.with("start", start)
                .and("end", end);
        if (!categories.isEmpty()) {
            where.append(" and category in :codes");
            params = params.and("codes", categories);
        }
        if (!statuses.isEmpty()) {
            where.append(" and status in :statuses");
            params = params.and("statuses", statuses);
        }
        return ServiceRequest.<ServiceRequest>find(where.toString(), newestFirst, params).range(0, limit - 1).list();
    }
}
