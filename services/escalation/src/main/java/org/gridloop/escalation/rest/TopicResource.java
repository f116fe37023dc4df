package org.gridloop.escalation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.escalation.domain.FactChanges;
import org.gridloop.escalation.repository.Topics;
import org.gridloop.escalation.security.UnitScope;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Roles;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * 每月一题: a unit's supervisor picks the month's high-frequency problem (a category in the unit's area, usually
 * found on the hotspot view), tracks its cases and figures here until it is closed with a summary.
 */
@Path("/api/topics")
@Tag(name = "Monthly topic", description = "每月一题: the month's high-frequency problem of a unit, tracked to its end")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class TopicResource {

    public record NewTopic(String unit, String month, String category, String title, String goal) {
    }

    public record Closing(String summary) {
    }

    /** A topic with how its cases stand (from its month's first day until it closed, or today). */
    public record TopicView(Topics.Topic topic, LocalDate to, Topics.Progress progress, List<Topics.OpenCase> openCases,
                            List<Topics.MonthCount> months) {
    }

    private final UnitScope scope;
    private final Topics topics;

    TopicResource(UnitScope scope, Topics topics) {
        this.scope = scope;
        this.topics = topics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pick the month's topic", description = "A supervisor picks the topic of a month (`month` "
            + "2026-12, default this one; not a month past) for their unit or a unit under it (`unit`, default their "
            + "own): a `category` (the routing tables' code), a `title` (≤ 200) and an optional `goal` (≤ 1000). One "
            + "topic per unit and month.")
    @APIResponse(responseCode = "201", description = "picked: the topic and how its cases stand")
    @APIResponse(responseCode = "400", description = "a field missing or malformed, or a month past")
    @APIResponse(responseCode = "403", description = "not a supervisor (admins: no unit), or the unit is not under theirs")
    @APIResponse(responseCode = "409", description = "the unit has a topic for that month already")
    public Response pick(NewTopic body) {
        if (scope.admin()) {
            throw ProblemException.forbidden("a topic is a unit's: admins supervise no unit");
        }
        if (body == null) {
            throw ProblemException.badField("category", "required");
        }
        String unit = scope.requireUnit(body.unit());
        YearMonth now = YearMonth.now(FactChanges.ZONE);
        YearMonth month = blank(body.month()) ? now : Period.month("month", body.month());
        if (month.isBefore(now)) {
            throw ProblemException.badField("month", "this month or a later one");
        }
        if (blank(body.category()) || !body.category().matches("[a-z0-9-]{1,64}")) {
            throw ProblemException.badField("category", "a category code, e.g. garbage");
        }
        if (blank(body.title()) || body.title().length() > 200) {
            throw ProblemException.badField("title", "required, at most 200 characters");
        }
        if (body.goal() != null && body.goal().length() > 1000) {
            throw ProblemException.badField("goal", "at most 1000 characters");
        }
        Topics.Topic topic = new Topics.Topic("TOPIC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(),
                unit, month.atDay(1), body.category(), body.title().strip(), blank(body.goal()) ? null
                : body.goal().strip(), scope.actor(), Instant.now(), null, null, null);
        if (!topics.add(topic)) {
            throw ProblemException.conflict("unit " + unit + " has a topic for " + month + " already");
        }
        return Response.created(URI.create("/api/topics/" + topic.id())).entity(view(topic)).build();
    }

    @GET
    @Operation(summary = "The topics", description = "The topics of the caller's unit and the units under it (or "
            + "under `unit`), newest month first.")
    @APIResponse(responseCode = "200", description = "the topics")
    public List<Topics.Topic> list(@QueryParam("unit") String unit) {
        return topics.under(blank(unit) ? scope.prefix() : UnitScope.prefixOf(scope.requireUnit(unit)));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A topic and how its cases stand", description = "Its cases in the unit and category since "
            + "its month's first day (until it closed, else today; rejected reports left out, merged duplicates "
            + "counted apart as repeats): how many, closed, RESOLVED, rated and satisfied; the open ones (oldest "
            + "first, at most " + Topics.OPEN_LIMIT + "); the reports per month from three months before.")
    @APIResponse(responseCode = "200", description = "the topic")
    @APIResponse(responseCode = "404", description = "no such topic under the caller's unit")
    public TopicView get(@PathParam("id") String id) {
        return view(visible(id));
    }

    @POST
    @Path("{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Close a topic with its summary", description = "`summary` (required, ≤ 4000): what was "
            + "done and what came of it; by a supervisor whose unit covers the topic's.")
    @APIResponse(responseCode = "200", description = "closed")
    @APIResponse(responseCode = "400", description = "no summary")
    @APIResponse(responseCode = "403", description = "admins (no unit)")
    @APIResponse(responseCode = "404", description = "no such topic under the caller's unit")
    @APIResponse(responseCode = "409", description = "closed already")
    public TopicView close(@PathParam("id") String id, Closing body) {
        if (scope.admin()) {
            throw ProblemException.forbidden("a topic is closed by its unit's supervisors");
        }
        Topics.Topic topic = visible(id);
        if (body == null || blank(body.summary()) || body.summary().length() > 4000) {
            throw ProblemException.badField("summary", "required, at most 4000 characters");
        }
        if (!topics.close(id, scope.actor(), Instant.now(), body.summary().strip())) {
            throw ProblemException.conflict("topic " + id + " is closed already");
        }
        return view(topics.find(id).orElse(topic));
    }

    private Topics.Topic visible(String id) {
        return topics.find(id).filter(t -> scope.covers(t.unit()))
                .orElseThrow(() -> ProblemException.notFound("no topic " + id));
    }

    private TopicView view(Topics.Topic t) {
        LocalDate today = LocalDate.now(FactChanges.ZONE);
        LocalDate to = t.closedAt() != null ? FactChanges.day(t.closedAt()) : today;
        if (to.isBefore(t.month())) {
            to = t.month().minusDays(1); // a topic picked ahead of its month: nothing counts yet
        }
        LocalDate monthsTo = to.isBefore(today) ? to : today;
        return new TopicView(t, to, topics.progress(t, to), topics.open(t, to),
                topics.months(t, t.month().minusMonths(3), monthsTo.isBefore(t.month()) ? t.month() : monthsTo));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
