package org.gridloop.escalation.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;
import org.gridloop.platform.db.Steps;
import org.gridloop.platform.outbox.EventsConfig;
import org.gridloop.platform.outbox.JdbcOutbox;
import org.gridloop.platform.rest.ProblemException;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * 街道对职能部门的评价: the grid or street that called a department rates its response in a round of a case, as one
 * step: the rating is recorded (once per case, round and department), {@code escalation.department-rated} added to
 * the outbox and applied to the read model (the timeline entry and the call's facts) in the same commit, so the
 * figures and the timeline read after the answer already count it. "Reported in on time" is not asked: it is the
 * facts' (RESPONSE).
 */
@ApplicationScoped
public class DepartmentRatings {

    /** What the caller rates: attitude and result, 1 to 5 each, and an optional note (checked by the resource). */
    public record Rate(String requestId, int round, String department, int attitude, int result, String note) {
    }

    /** Who rates: their id and role on the event, and whether their grids or unit cover a case's grid. */
    public record Rater(Actor actor, Predicate<String> coversGrid) {
    }

    /** The rating as recorded. */
    public record Rated(String requestId, int round, String department, String gridCode, int attitude, int result,
                        String note, String ratedBy, Instant ratedAt) {
    }

    /** A call of the case as the facts know it. */
    private record Call(String gridCode, Instant answeredAt, Instant resolveDue) {
    }

    private final Steps steps;
    private final Sql sql;
    private final JdbcOutbox outbox;
    private final ReadModel readModel;
    private final String schema;
    private final String source;

    DepartmentRatings(Steps steps, Sql sql, JdbcOutbox outbox, ReadModel readModel, DatabaseConfig database,
                      EventsConfig events) {
        this.steps = steps;
        this.sql = sql;
        this.outbox = outbox;
        this.readModel = readModel;
        this.schema = database.schema();
        this.source = events.source();
    }

    /**
     * 404 when the department was not called into that round of the case, or the case's grid is not the caller's;
     * 409 when it has neither answered nor let its resolve limit pass (nothing to rate yet), or the caller's side has
     * rated it already. Nothing is written unless it is rated.
     */
    public Rated rate(Rate command, Rater rater) {
        return steps.run(() -> {
            Call call = sql.one("SELECT COALESCE(d.grid_code, c.grid_code) AS grid_code, d.answered_at, d.resolve_due "
                            + "FROM " + schema + ".dispatch_fact d LEFT JOIN " + schema + ".case_fact c "
                            + "ON c.request_id = d.request_id WHERE d.request_id = ? AND d.round = ? "
                            + "AND d.department = ?",
                    row -> new Call(row.getString("grid_code"), Sql.instant(row, "answered_at"),
                            Sql.instant(row, "resolve_due")),
                    command.requestId(), command.round(), command.department())
                    .filter(c -> c.gridCode() != null && rater.coversGrid().test(c.gridCode()))
                    .orElseThrow(() -> ProblemException.notFound("no call of " + command.department() + " in round "
                            + command.round() + " of case " + command.requestId()));
            Instant now = Instant.now();
            if (call.answeredAt() == null && (call.resolveDue() == null || call.resolveDue().isAfter(now))) {
                throw ProblemException.conflict(command.department() + " has not answered round " + command.round()
                        + " yet (nor missed its resolve limit): nothing to rate yet");
            }
            CloudEvent<EscalationEvents.DepartmentRated> event = CloudEvent.of(
                    EventTypes.ESCALATION_DEPARTMENT_RATED, source, command.requestId(), rater.actor(),
                    new EscalationEvents.DepartmentRated(command.requestId(), command.round(), command.department(),
                            call.gridCode(), command.attitude(), command.result(), command.note()));
            int inserted = sql.update("INSERT INTO " + schema + ".department_rating (request_id, round, department, "
                            + "grid_code, rated_by, rater_role, attitude, result, note, rated_at, event_id) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT (request_id, round, department) DO NOTHING",
                    command.requestId(), command.round(), command.department(), call.gridCode(),
                    rater.actor().id(), rater.actor().role(), command.attitude(), command.result(), command.note(),
                    event.time(), event.id());
            if (inserted == 0) {
                throw ProblemException.conflict(command.department() + "'s response in round " + command.round()
                        + " of case " + command.requestId() + " is rated already");
            }
            outbox.add(event);
            readModel.apply(List.of(event));
            return new Rated(command.requestId(), command.round(), command.department(), call.gridCode(),
                    command.attitude(), command.result(), command.note(), rater.actor().id(), event.time());
        });
    }
}
