package org.gridloop.escalation.evaluation;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.escalation.domain.CaseGrid;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds one event into the evaluation facts ({@code case_fact}, {@code dispatch_fact}, {@code escalation_fact}),
 * inside the timeline's transaction (same inbox row). Every column is folded so that the order of events does not
 * matter: first times with LEAST, last times and dues with GREATEST, flags with OR; the latest rating follows the
 * rating time. So the two topics may interleave freely and a replay gives the same rows.
 */
@ApplicationScoped
public class FactProjection {

    /** Periods are days in the city's time zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @ConfigProperty(name = "gridloop.schema")
    String schema;

    public Uni<Void> apply(CloudEvent<?> event, String requestId, Instant at) {
        Object data = event.data();
        List<Statement> statements = new ArrayList<>();
        String grid = grid(data);
        if (data instanceof RequestEvents.Submitted s) {
            Instant submitted = s.submittedAt() != null ? s.submittedAt() : at;
            statements.add(caseUpdate("submitted_at = LEAST(submitted_at, :t), day = CASE WHEN submitted_at IS NULL "
                    + "OR :t < submitted_at THEN :day ELSE day END", "t", submitted, "day", day(submitted)));
        } else if (data instanceof RequestEvents.Accepted) {
            statements.add(caseUpdate("accepted_at = LEAST(accepted_at, :t)", "t", at));
        } else if (data instanceof RequestEvents.RoutedToGrid r) {
            statements.add(caseUpdate("routed_at = LEAST(routed_at, :t), due_at = GREATEST(due_at, :due)",
                    "t", at, "due", r.handleDue()));
        } else if (data instanceof RequestEvents.Whistled) {
            statements.add(caseUpdate("routed_at = LEAST(routed_at, :t), whistled_at = LEAST(whistled_at, :t)",
                    "t", at));
        } else if (data instanceof RequestEvents.HandledOnSite) {
            statements.add(caseUpdate("handled_at = LEAST(handled_at, :t), finished_at = GREATEST(finished_at, :t)",
                    "t", at));
        } else if (data instanceof RequestEvents.VerificationRequested) {
            statements.add(caseUpdate("verification_requested_at = LEAST(verification_requested_at, :t)", "t", at));
        } else if (data instanceof RequestEvents.Verified) {
            statements.add(caseUpdate("verified_at = LEAST(verified_at, :t)", "t", at));
        } else if (data instanceof RequestEvents.FeedbackRequested) {
            statements.add(caseUpdate("feedback_requested_at = LEAST(feedback_requested_at, :t)", "t", at));
        } else if (data instanceof RequestEvents.Rated r) {
            statements.add(caseUpdate("first_rated_at = LEAST(first_rated_at, :t), "
                    + "rating = CASE WHEN rated_at IS NULL OR :t >= rated_at THEN :rating ELSE rating END, "
                    + "rated_at = GREATEST(rated_at, :t)", "t", at, "rating", r.rating()));
        } else if (data instanceof RequestEvents.Reopened r) {
            statements.add(caseUpdate("rework_count = GREATEST(rework_count, :n)", "n", r.reworkCount()));
        } else if (data instanceof RequestEvents.LimitMissed) {
            statements.add(caseUpdate("limit_missed = TRUE"));
        } else if (data instanceof RequestEvents.Closed c) {
            statements.add(caseUpdate("closed_at = LEAST(closed_at, :t), outcome = CASE WHEN closed_at IS NULL "
                    + "OR :t <= closed_at THEN :outcome ELSE outcome END", "t", at, "outcome", c.outcome()));
        } else if (data instanceof DispatchEvents.Started s) {
            Instant resolveDue = null;
            for (DispatchEvents.CalledDepartment d : s.departments()) {
                statements.add(new Statement("INSERT INTO " + schema + ".dispatch_fact (request_id, round, "
                        + "department, grid_code, day, called_at, report_in_due, resolve_due) VALUES (:id, :round, "
                        + ":dept, :grid, :day, :t, :rdue, :sdue) ON CONFLICT (request_id, round, department) DO UPDATE "
                        + "SET grid_code = EXCLUDED.grid_code, day = EXCLUDED.day, called_at = EXCLUDED.called_at, "
                        + "report_in_due = EXCLUDED.report_in_due, resolve_due = EXCLUDED.resolve_due",
                        params("round", s.round(), "dept", d.department(), "grid", s.gridCode(), "day", day(at),
                                "t", at, "rdue", d.reportInDue(), "sdue", d.resolveDue())));
                if (d.resolveDue() != null && (resolveDue == null || d.resolveDue().isAfter(resolveDue))) {
                    resolveDue = d.resolveDue();
                }
            }
            statements.add(caseUpdate("due_at = GREATEST(due_at, :due)", "due", resolveDue));
            statements.add(allReportedIn());
        } else if (data instanceof DispatchEvents.ReportedIn r) {
            statements.add(dispatchUpsert(r.round(), r.department(), "reported_in_at", at, null));
            statements.add(allReportedIn());
        } else if (data instanceof DispatchEvents.Answered a) {
            statements.add(dispatchUpsert(a.round(), a.department(), "answered_at", at, a.result()));
        } else if (data instanceof DispatchEvents.LimitMissed) {
            statements.add(caseUpdate("limit_missed = TRUE"));
        } else if (data instanceof DispatchEvents.Resolved) {
            statements.add(caseUpdate("handled_at = LEAST(handled_at, :t), finished_at = GREATEST(finished_at, :t)",
                    "t", at));
        } else if (data instanceof EscalationEvents.Raised r) {
            statements.add(new Statement("INSERT INTO " + schema + ".escalation_fact (escalation_id, request_id, "
                    + "grid_code, department, trigger_name, day, raised_at, level) VALUES (:eid, :id, :grid, :dept, "
                    + ":trigger, :day, :t, :level) ON CONFLICT (escalation_id) DO UPDATE SET grid_code = "
                    + "EXCLUDED.grid_code, department = EXCLUDED.department, trigger_name = EXCLUDED.trigger_name, "
                    + "day = EXCLUDED.day, raised_at = EXCLUDED.raised_at",
                    params("eid", r.escalationId(), "grid", r.gridCode(), "dept", r.department(),
                            "trigger", r.trigger(), "day", day(at), "t", at, "level", r.level())));
        } else if (data instanceof EscalationEvents.Lifted l) {
            statements.add(escalationUpsert(l.escalationId(), "lifts = GREATEST(escalation_fact.lifts, :lifts), "
                    + "level = CASE WHEN :lifts >= escalation_fact.lifts THEN :level ELSE escalation_fact.level END",
                    params("lifts", org.gridloop.contracts.UnitCodes.Level.valueOf(l.level()).ordinal() - 1,
                            "level", l.level())));
        } else if (data instanceof EscalationEvents.Decided d) {
            statements.add(escalationUpsert(d.escalationId(), "decision = :decision",
                    params("decision", d.decision())));
            if ("NEW_DEADLINE".equals(d.decision())) {
                // 缓办: a supervisor granted more time; the case leaves the on-time closing figure
                statements.add(caseUpdate("deferred = TRUE, due_at = GREATEST(due_at, :due)", "due",
                        d.newDeadline()));
            }
        } else if (data instanceof EscalationEvents.Ended e) {
            statements.add(escalationUpsert(e.escalationId(), "ended_at = LEAST(escalation_fact.ended_at, :t), "
                    + "end_reason = :reason", params("t", at, "reason", e.reason())));
        }
        if (statements.isEmpty() && grid == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> {
            Uni<Void> chain = openCase(session, requestId, grid);
            for (Statement statement : statements) {
                chain = chain.chain(() -> statement.run(session, requestId));
            }
            return chain;
        });
    }

    private Uni<Void> openCase(Mutiny.Session session, String requestId, String grid) {
        return session.createNativeQuery("INSERT INTO " + schema + ".case_fact (request_id, grid_code) "
                        + "VALUES (:id, :grid) ON CONFLICT (request_id) DO UPDATE SET grid_code = "
                        + "COALESCE(EXCLUDED.grid_code, case_fact.grid_code)")
                .setParameter("id", requestId)
                .setParameter("grid", grid)
                .executeUpdate().replaceWithVoid();
    }

    private Statement caseUpdate(String set, Object... pairs) {
        return new Statement("UPDATE " + schema + ".case_fact SET " + set + " WHERE request_id = :id", params(pairs));
    }

    private Statement dispatchUpsert(int round, String department, String column, Instant at, String result) {
        return new Statement("INSERT INTO " + schema + ".dispatch_fact (request_id, round, department, " + column
                + ", result) VALUES (:id, :round, :dept, :t, :result) ON CONFLICT (request_id, round, department) "
                + "DO UPDATE SET " + column + " = LEAST(dispatch_fact." + column + ", EXCLUDED." + column + "), "
                + "result = COALESCE(EXCLUDED.result, dispatch_fact.result)",
                params("round", round, "dept", department, "t", at, "result", result));
    }

    /** The first round is "reported in" when every department called in it reported in: the last one's time. */
    private Statement allReportedIn() {
        return new Statement("UPDATE " + schema + ".case_fact SET all_reported_in_at = (SELECT CASE WHEN "
                + "count(*) = count(reported_in_at) AND count(*) > 0 THEN max(reported_in_at) END FROM " + schema
                + ".dispatch_fact d WHERE d.request_id = :id AND d.round = (SELECT min(round) FROM " + schema
                + ".dispatch_fact m WHERE m.request_id = :id)) WHERE request_id = :id", params());
    }

    private Statement escalationUpsert(String escalationId, String set, Map<String, Object> params) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("eid", escalationId);
        return new Statement("INSERT INTO " + schema + ".escalation_fact (escalation_id, request_id) VALUES (:eid, :id) "
                + "ON CONFLICT (escalation_id) DO NOTHING", all,
                "UPDATE " + schema + ".escalation_fact SET " + set.replace("escalation_fact.", "")
                        + " WHERE escalation_id = :eid");
    }

    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    public static LocalDate day(Instant at) {
        return at.atZone(ZONE).toLocalDate();
    }

    /** The case's grid: what request and dispatch events say, and the escalation's own record of it. */
    private static String grid(Object data) {
        return data instanceof EscalationEvents.Raised r ? r.gridCode() : CaseGrid.of(data);
    }

    /** One or two native statements with named parameters; {@code :id} is always the request id. */
    private record Statement(String sql, Map<String, Object> params, String then) {

        Statement(String sql, Map<String, Object> params) {
            this(sql, params, null);
        }

        Uni<Void> run(Mutiny.Session session, String requestId) {
            Uni<Void> first = execute(session, sql, requestId);
            return then == null ? first : first.chain(() -> execute(session, then, requestId));
        }

        private Uni<Void> execute(Mutiny.Session session, String text, String requestId) {
            var query = session.createNativeQuery(text);
            if (text.contains(":id")) {
                query.setParameter("id", requestId);
            }
            for (Map.Entry<String, Object> p : params.entrySet()) {
                if (text.contains(":" + p.getKey())) {
                    query.setParameter(p.getKey(), bind(p.getValue()));
                }
            }
            return query.executeUpdate().replaceWithVoid();
        }

        private static Object bind(Object value) {
            return value instanceof Instant i ? OffsetDateTime.ofInstant(i, ZoneOffset.UTC) : value;
        }
    }
}
