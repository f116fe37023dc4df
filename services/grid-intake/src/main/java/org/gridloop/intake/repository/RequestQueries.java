package org.gridloop.intake.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
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
            RequestStatus.GRID_HANDLING, RequestStatus.AWAITING_DECISION, RequestStatus.VERIFYING,
            RequestStatus.RETURN_VISIT);

    @WithSession
    public Uni<ServiceRequest> byId(String id) {
        return ServiceRequest.findById(id);
    }

    @WithSession
    public Uni<ServiceRequest> byTrackingTokenHash(String hash) {
        return ServiceRequest.<ServiceRequest>find("trackingTokenHash", hash).firstResult();
    }

    /** The open tasks of these grids, oldest first, at most {@code limit}. */
    @WithSession
    public Uni<List<ServiceRequest>> tasks(Collection<String> grids, int limit) {
        return ServiceRequest.<ServiceRequest>find("gridCode in ?1 and status in ?2 order by createdAt",
                grids, TASK_STATUSES).page(0, limit).list();
    }

    /**
     * Open311's search: by ids, or by time window, categories and statuses; newest first. What the publication
     * policy withholds ({@code hiddenCategories}, {@code hiddenStatuses}) is left out here, so the limit counts only
     * what may be shown.
     */
    @WithSession
    public Uni<List<ServiceRequest>> search(List<String> ids, Instant start, Instant end, Collection<String> categories,
                                            Collection<RequestStatus> statuses, Collection<String> hiddenCategories,
                                            Collection<RequestStatus> hiddenStatuses, int limit) {
        Sort newestFirst = Sort.descending("createdAt").and("id", Sort.Direction.Descending);
        StringBuilder where = new StringBuilder();
        Parameters params;
        if (!ids.isEmpty()) {
            where.append("id in :ids");
            params = Parameters.with("ids", ids);
        } else {
            where.append("createdAt >= :start and createdAt <= :end");
            params = Parameters.with("start", start).and("end", end);
            if (!categories.isEmpty()) {
                where.append(" and category in :codes");
                params = params.and("codes", categories);
            }
            if (!statuses.isEmpty()) {
                where.append(" and status in :statuses");
                params = params.and("statuses", statuses);
            }
        }
        if (!hiddenCategories.isEmpty()) {
            where.append(" and category not in :hiddenCodes");
            params = params.and("hiddenCodes", hiddenCategories);
        }
        if (!hiddenStatuses.isEmpty()) {
            where.append(" and status not in :hiddenStatuses");
            params = params.and("hiddenStatuses", hiddenStatuses);
        }
        return ServiceRequest.<ServiceRequest>find(where.toString(), newestFirst, params).range(0, limit - 1).list();
    }
}
