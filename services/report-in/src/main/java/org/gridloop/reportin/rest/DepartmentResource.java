package org.gridloop.reportin.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.reportin.repository.DispatchQueries;

import java.util.List;

/**
 * The names of the departments, for the people who see department codes (on their whistles, a dispatch's chart, a
 * case's timeline): the pages show a code by its name in the reader's language. Read only; the full directory (unit,
 * kind) stays with the admins ({@link AdminResource}).
 */
@Path("/api/departments")
@Tag(name = "Departments", description = "The departments' names in Chinese and English, by code")
@Produces(MediaType.APPLICATION_JSON)
public class DepartmentResource {

    private final DispatchQueries queries;

    DepartmentResource(DispatchQueries queries) {
        this.queries = queries;
    }

    @GET
    @PermitAll
    @Operation(summary = "The departments' names", description = "Every department of the directory by its code, "
            + "with its name in Chinese and in English, ordered by code. The events and the other endpoints (this "
            + "service's and escalation's) name a department by its code; the pages word it with this list. Public: "
            + "a resident following their case (possibly anonymous, by tracking token) reads which department "
            + "answered; names only, nothing about staff.")
    public Uni<List<DepartmentNameView>> names() {
        return queries.departments().map(list -> list.stream().map(DepartmentNameView::of).toList());
    }
}
