package org.gridloop.escalation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.DispatchLimit;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.infra.ApiFuzzer;
import org.gridloop.infra.AuthorizationMatrix.Owned;
import org.gridloop.infra.AuthorizationMatrix.Rule;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.EventTopics;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SecurityAndFuzzChecks;
import org.gridloop.infra.SharedInfra;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * escalation's rules and real case and escalation for the shared checks (every endpoint × every role, bad tokens, a
 * real escalation refused to outsiders), and its fuzzing: nothing changes but a rebuild an admin may start and a
 * monthly report issued on demand (a body that names nothing asks for the caller's unit and this month: valid).
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class SecurityAndFuzzIT extends SecurityAndFuzzChecks {

    static final String GRID = "110105001001001";

    /** The role boundary of every endpoint. A new endpoint without a rule here fails the test. */
    static final List<Rule> RULES = List.of(
            Rule.roles("GET", "/api/cases/\\{requestId}(/timeline)?", "supervisor", "admin"),
            // 上提一级 on purpose is a supervisor's act from their unit: admins have no level to raise from
            Rule.roles("POST", "/api/cases/\\{requestId}/raise", "supervisor"),
            // 街道对职能部门的评价: the grid that called the departments (its workers) and the supervisors above it
            Rule.roles("(GET|POST)", "/api/cases/\\{requestId}/department-ratings", "grid-worker", "supervisor"),
            Rule.roles("GET", "/api/escalations", "supervisor", "admin"),
            Rule.roles("GET", "/api/escalations/\\{id}", "supervisor", "admin"),
            Rule.roles("POST", "/api/escalations/\\{id}/decision", "supervisor", "admin"),
            Rule.roles("GET", "/api/kpis", "supervisor", "admin"),
            Rule.roles("GET", "/api/hotspots(/months|/repeated)?", "supervisor", "admin"),
            // 每月一题: admins read them, a unit's supervisors pick and close them
            Rule.roles("GET", "/api/topics(/\\{id})?", "supervisor", "admin"),
            Rule.roles("POST", "/api/topics(/\\{id}/close)?", "supervisor"),
            Rule.roles("GET", "/api/reports(/\\{id}(/pdf)?)?", "supervisor", "admin"),
            Rule.roles("POST", "/api/reports", "supervisor", "admin"),
            // 评价结果公开: figures for anyone, no sign-in
            Rule.open("GET", "/api/public/(figures|rankings|department-rankings)"),
            Rule.roles("GET", "/api/audit/(overdue|escalated|rankings|department-rankings|cases\\.csv|kpis\\.csv)",
                    "supervisor", "admin"),
            Rule.roles("(GET|POST)", "/api/admin/rebuild", "admin"),
            Rule.roles("POST", "/api/admin/repeated-places", "admin"),
            Rule.roles("POST", "/api/admin/dead-letters/replay", "admin"),
            Rule.roles("GET", "/api/admin/parked-events", "admin"),
            Rule.roles("POST", "/api/admin/parked-events/replay", "admin"));

    @Override
    protected List<Rule> rules() {
        return RULES;
    }

    /** A case of street 110105001 whose escalation rests at the district: not another street's. */
    @Override
    protected Owned owned() {
        String id = TestEvents.newRequestId();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        Instant due = t0.plus(Duration.ofMinutes(30));
        RequestEvents.Location spot = new RequestEvents.Location(39.905, 116.445, null);
        try (EventTopics topics = EventTopics.producer()) {
            topics.send(TestEvents.event(EventTypes.REQUEST_SUBMITTED, id, new Actor("alice", "resident"), t0,
                    new RequestEvents.Submitted(id, "resident", "water-leak", "漏水", spot, GRID, List.of(), false,
                            t0)));
            topics.send(TestEvents.event(EventTypes.DISPATCH_STARTED, id, Actor.SYSTEM, t0.plusSeconds(90),
                    new DispatchEvents.Started(id, 1, "water-leak", GRID, "110105", false, List.of(
                            new DispatchEvents.CalledDepartment("water", "lead", due, t0.plus(Duration.ofDays(1)))))));
            topics.send(TestEvents.event(EventTypes.DISPATCH_LIMIT_MISSED, id, Actor.SYSTEM, due,
                    new DispatchEvents.LimitMissed(id, 1, "water", DispatchLimit.REPORT_IN, due, GRID)));
        }
        // the test ladder lifts every 3 s up to the district, which waits an hour: check it there, where it stays
        String escalation = await().atMost(EventTopics.PATIENCE).until(() -> given()
                .auth().oauth2(SharedInfra.get().jwt().token(DemoUser.DISTRICT_SUPERVISOR))
                .when().get("/api/escalations?status=open").then().statusCode(200).extract().jsonPath()
                .<String>getList("findAll { it.requestId == '" + id + "' && it.level == 'DISTRICT' }.escalationId")
                .stream().findFirst().orElse(null), java.util.Objects::nonNull);
        return new Owned(Map.of("requestId", id, "id", escalation), DemoUser.DISTRICT_SUPERVISOR,
                "/api/escalations/" + escalation,
                // a grid worker of another grid (the case's own grid workers may rate its departments)
                List.of(DemoUser.STREET_SUPERVISOR_2, DemoUser.RESIDENT, DemoUser.GRID_WORKER_2, DemoUser.WATER),
                Pattern.compile("/api/admin/.*"));
    }

    @Test
    void fuzzingFindsNo5xxAndChangesNothingButARebuild() throws Exception {
        ApiFuzzer.Report report = fuzz(Duration.ofSeconds(20));
        assertThat(report.created().keySet()).as("no fuzzed request may change anything but start a rebuild, count "
                + "the repeated places or issue a report").isSubsetOf(java.util.Set.of("POST /api/admin/rebuild",
                "POST /api/reports", "POST /api/admin/repeated-places"));
    }
}
