package org.gridloop.reportin.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.reportin.domain.AssignmentStatus;
import org.gridloop.reportin.domain.Department;
import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.domain.Dispatch;
import org.gridloop.reportin.domain.DispatchNote;
import org.gridloop.reportin.domain.DispatchStatus;

import java.util.List;

/** What the department and supervisor pages read: Hibernate Reactive, no transaction, never a write. */
@ApplicationScoped
public class DispatchQueries {

    /** A department's assignments, newest first. */
    @WithSession
    public Uni<List<DepartmentAssignment>> ofDepartment(String department, int limit) {
        return DepartmentAssignment.<DepartmentAssignment>find("department = ?1 order by createdAt desc", department)
                .page(0, limit).list();
    }

    /** The assignments of dispatches whose grid is under {@code unit}, newest first. */
    @WithSession
    public Uni<List<DepartmentAssignment>> underUnit(String unit, int limit) {
        return DepartmentAssignment.<DepartmentAssignment>find(
                        "id in (select a.id from DepartmentAssignment a, Dispatch d where d.requestId = a.requestId "
                                + "and d.round = a.round and d.gridCode like ?1) order by createdAt desc",
                        prefix(unit) + "%")
                .page(0, limit).list();
    }

    /**
     * The open jurisdiction disputes (the department DISPUTED, its round still OPEN) of dispatches whose grid is under
     * {@code unit} (every dispatch when {@code unit} is null: admins), the longest waiting first.
     */
    @WithSession
    public Uni<List<DepartmentAssignment>> openDisputes(String unit, int limit) {
        String query = "id in (select a.id from DepartmentAssignment a, Dispatch d where d.requestId = a.requestId "
                + "and d.round = a.round and a.status = ?1 and d.status = ?2"
                + (unit == null ? "" : " and d.gridCode like ?3") + ") order by disputedAt, createdAt";
        return (unit == null
                ? DepartmentAssignment.<DepartmentAssignment>find(query, AssignmentStatus.DISPUTED, DispatchStatus.OPEN)
                : DepartmentAssignment.<DepartmentAssignment>find(query, AssignmentStatus.DISPUTED, DispatchStatus.OPEN,
                        prefix(unit) + "%"))
                .page(0, limit).list();
    }

    /** What a unit's codes start with: its own code, the city's first four digits (every district of the city). */
    private static String prefix(String unit) {
        return UnitCodes.level(unit) == UnitCodes.Level.CITY ? unit.substring(0, 4) : unit;
    }

    @WithSession
    public Uni<List<DepartmentAssignment>> newest(int limit) {
        return DepartmentAssignment.<DepartmentAssignment>find("order by createdAt desc").page(0, limit).list();
    }

    @WithSession
    public Uni<List<Dispatch>> dispatches(List<String> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : Dispatch.list("id in ?1", ids);
    }

    /** The request's current (highest) round, or null. */
    @WithSession
    public Uni<Dispatch> current(String requestId) {
        return Dispatch.<Dispatch>find("requestId = ?1 order by round desc", requestId).firstResult();
    }

    @WithSession
    public Uni<List<DepartmentAssignment>> assignments(String requestId, int round) {
        return DepartmentAssignment.list("requestId = ?1 and round = ?2 order by role desc, department", requestId,
                round);
    }

    @WithSession
    public Uni<List<DispatchNote>> notes(String requestId, int round) {
        return DispatchNote.list("requestId = ?1 and round = ?2 order by createdAt", requestId, round);
    }

    @WithSession
    public Uni<List<Department>> departments() {
        return Department.listAll(Sort.by("code"));
    }
}
