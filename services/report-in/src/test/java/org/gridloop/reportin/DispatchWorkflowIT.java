package org.gridloop.reportin;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.assertj.core.groups.Tuple;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.AnswerResult;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.DispatchLimit;
import org.gridloop.contracts.DisputeDecision;
import org.gridloop.contracts.EscalationDecision;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.gridloop.reportin.TestEvents.DISPATCHES;
import static org.gridloop.reportin.DispatchIT.WAIT;
import static org.gridloop.reportin.DispatchIT.answer;
import static org.gridloop.reportin.DispatchIT.awaitResolved;
import static org.gridloop.reportin.DispatchIT.awaitCalled;
import static org.gridloop.reportin.DispatchIT.reportIn;
import static org.gridloop.reportin.DispatchIT.resolved;
import static org.gridloop.reportin.DispatchIT.started;
import static org.gridloop.reportin.DispatchIT.token;
import static org.gridloop.reportin.DispatchIT.whistled;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/**
 * Issue 4 end to end through the real broker and database: progress notes, joint handling with two co-departments,
 * jurisdiction disputes (re-routed, confirmed, undecided), escalation decisions, closing by order, and a reopened
 * round calling the same departments.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class DispatchWorkflowIT {

    @jakarta.inject.Inject
    org.camunda.bpm.engine.RuntimeService runtime;

    static final DemoUser ENVIRONMENT = new DemoUser("zheng", "生态环境 郑", Set.of("department"), List.of(),
            "environment", null);

    static void post(DemoUser user, String path, String body, int status) {
        given().auth().oauth2(token(user)).contentType(ContentType.JSON).body(body)
                .when().post("/api/dispatches/" + path).then().statusCode(status);
    }

    static void escalation(String requestId, EscalationDecision decision, String department, String toDepartment,
                           Instant newDeadline, String note) {
        DISPATCHES.send(CloudEvent.of(EventTypes.ESCALATION_DECIDED, "/gridloop/escalation", requestId, Actor.SYSTEM,
                new EscalationEvents.Decided(requestId, "E-" + requestId, "STREET", "110105001", "liu", decision,
                        department, toDepartment, newDeadline, note)));
    }

    @Test
    void progressNotesNeedAReportInAndAreRecorded() {
        String id = whistled("water-leak", DemoUser.WATER);
        post(DemoUser.WATER, id + "/progress", "{\"note\":\"已到场\"}", 409);
        reportIn(id, DemoUser.WATER);
        post(DemoUser.WATER, id + "/progress", "{\"note\":\" \"}", 400);
        post(DemoUser.URBAN, id + "/progress", "{\"note\":\"不是我的\"}", 404);
        post(DemoUser.WATER, id + "/progress", "{\"note\":\"已关阀，明日换管\"}", 200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(DISPATCHES.payloads(id, EventTypes.DISPATCH_PROGRESSED))
                .containsExactly(new DispatchEvents.Progressed(id, 1, "water", "已关阀，明日换管")));
        given().auth().oauth2(token(DemoUser.WATER)).when().get("/api/dispatches/" + id).then().statusCode(200)
                .body("journal.kind", equalTo(List.of("PROGRESS")))
                .body("journal[0].text", equalTo("已关阀，明日换管"))
                .body("journal[0].department", equalTo("water"));
    }

    @Test
    void jointHandlingTheLeadAnswersAfterBothCoDepartments() {
        String id = whistled("illegal-construction", DemoUser.URBAN);
        awaitCalled(id, DemoUser.HOUSING);
        awaitCalled(id, ENVIRONMENT);
        assertThat(started(id).departments())
                .extracting(DispatchEvents.CalledDepartment::department, DispatchEvents.CalledDepartment::role)
                .containsExactly(Tuple.tuple("urban-management", "lead"), Tuple.tuple("housing", "co"),
                        Tuple.tuple("environment", "co"));
        reportIn(id, DemoUser.URBAN);
        reportIn(id, DemoUser.HOUSING);
        reportIn(id, ENVIRONMENT);

        given().auth().oauth2(token(DemoUser.URBAN)).contentType(ContentType.JSON).body("{\"result\":\"FIXED\"}")
                .when().post("/api/dispatches/" + id + "/answer").then().statusCode(409)
                .body("detail", allOf(containsString("housing"), containsString("environment")));
        answer(id, DemoUser.HOUSING, "{\"result\":\"FIXED\",\"note\":\"已拆除\"}");
        given().auth().oauth2(token(DemoUser.URBAN)).contentType(ContentType.JSON).body("{\"result\":\"FIXED\"}")
                .when().post("/api/dispatches/" + id + "/answer").then().statusCode(409)
                .body("detail", allOf(containsString("environment"), not(containsString("housing"))));
        answer(id, ENVIRONMENT, "{\"result\":\"PARTLY\",\"note\":\"建筑垃圾待清运\"}");
        // (a round resolved before the lead answered would be the one resolution read, with two answers)
        answer(id, DemoUser.URBAN, "{\"result\":\"FIXED\",\"note\":\"联合执法完成\"}");

        awaitResolved(id, 1);
        assertThat(resolved(id).get(0).answers()).containsExactly(
                new DispatchEvents.Answer("urban-management", "lead", AnswerResult.FIXED, "联合执法完成"),
                new DispatchEvents.Answer("housing", "co", AnswerResult.FIXED, "已拆除"),
                new DispatchEvents.Answer("environment", "co", AnswerResult.PARTLY, "建筑垃圾待清运"));
    }

    /**
     * 会商联办: a supervisor's COORDINATE names departments; each is called into the running round as co-handling with
     * its own limits counted from the decision (an unknown department and one called already are left out), sees the
     * case in its list, and the round resolves only once they answered too (the lead answering last, as always).
     */
    @Test
    void coordinateConvenesTheNamedDepartmentsAndTheRoundWaitsForThem() {
        String id = whistled("water-leak", DemoUser.WATER);
        reportIn(id, DemoUser.WATER);
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        DISPATCHES.send(CloudEvent.of(EventTypes.ESCALATION_DECIDED, "/gridloop/escalation", id, Actor.SYSTEM,
                new EscalationEvents.Decided(id, "E-" + id, "STREET", "110105001", "liu",
                        EscalationDecision.COORDINATE, "water", null, null, "会商：住建、城管协办",
                        List.of("housing", "urban-management", "water", "no-such-department"))));
        await().atMost(WAIT).until(() -> DISPATCHES.count(id, EventTypes.DISPATCH_CONVENED) == 1);
        DispatchEvents.Convened convened = DISPATCHES.payloads(id, EventTypes.DISPATCH_CONVENED).get(0);
        assertThat(convened.round()).isEqualTo(1);
        assertThat(convened.escalationId()).isEqualTo("E-" + id);
        assertThat(convened.departments()).extracting(DispatchEvents.CalledDepartment::department,
                DispatchEvents.CalledDepartment::role).containsExactly(Tuple.tuple("housing", "co"),
                Tuple.tuple("urban-management", "co"));
        assertThat(convened.departments()).allSatisfy(d -> {
            assertThat(d.reportInDue()).isAfter(before);
            assertThat(d.resolveDue()).isAfter(d.reportInDue());
        });
        awaitCalled(id, DemoUser.HOUSING);
        awaitCalled(id, DemoUser.URBAN);
        // each convened department is a branch of the round with its own timers: its report-in limit (seconds in
        // the tests) is announced when missed, like any called department's
        Instant urbanDue = convened.departments().get(1).reportInDue();
        await().atMost(WAIT).untilAsserted(() -> assertThat(DISPATCHES.payloads(id, EventTypes.DISPATCH_LIMIT_MISSED))
                .anySatisfy(missed -> {
                    assertThat(missed.department()).isEqualTo("urban-management");
                    assertThat(missed.limit()).isEqualTo(DispatchLimit.REPORT_IN);
                    // (stored in PostgreSQL to the microsecond)
                    assertThat(missed.due()).isCloseTo(urbanDue, org.assertj.core.api.Assertions.within(1,
                            java.time.temporal.ChronoUnit.MILLIS));
                }));

        reportIn(id, DemoUser.HOUSING);
        reportIn(id, DemoUser.URBAN);
        given().auth().oauth2(token(DemoUser.WATER)).contentType(ContentType.JSON).body("{\"result\":\"FIXED\"}")
                .when().post("/api/dispatches/" + id + "/answer").then().statusCode(409)
                .body("detail", allOf(containsString("housing"), containsString("urban-management")));
        answer(id, DemoUser.HOUSING, "{\"result\":\"FIXED\",\"note\":\"楼内管道已换\"}");
        answer(id, DemoUser.URBAN, "{\"result\":\"FIXED\",\"note\":\"路面已恢复\"}");
        answer(id, DemoUser.WATER, "{\"result\":\"FIXED\",\"note\":\"主管已修\"}");
        assertThat(awaitResolved(id, 1).get(0).answers()).extracting(DispatchEvents.Answer::department)
                .containsExactlyInAnyOrder("water", "housing", "urban-management");
    }

    @Test
    void aDisputeReroutedCallsTheOtherDepartmentInItsPlace() {
        String id = whistled("water-leak", DemoUser.WATER);
        post(DemoUser.WATER, id + "/dispute", "{}", 400);
        post(DemoUser.URBAN, id + "/dispute", "{\"reason\":\"不归我们\"}", 404);
        given().auth().oauth2(token(DemoUser.WATER)).contentType(ContentType.JSON)
                .body("{\"reason\":\"漏的是楼内管道，属物业与住建\"}")
                .when().post("/api/dispatches/" + id + "/dispute").then().statusCode(200)
                .body("status", equalTo("DISPUTED")).body("disputeReason", equalTo("漏的是楼内管道，属物业与住建"));
        post(DemoUser.WATER, id + "/report-in", "", 409);
        await().atMost(WAIT).until(() -> !DISPATCHES.payloads(id, EventTypes.DISPATCH_DISPUTED).isEmpty());

        String decision = id + "/disputes/water/decision";
        post(DemoUser.WATER, decision, "{\"decision\":\"CONFIRM\"}", 403);
        post(DemoUser.STREET_SUPERVISOR_2, decision, "{\"decision\":\"CONFIRM\"}", 404);
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).contentType(ContentType.JSON)
                .body("{\"decision\":\"REROUTE\"}").when().post("/api/dispatches/" + decision)
                .then().statusCode(400).body("errors[0].field", equalTo("toDepartment"));
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).contentType(ContentType.JSON)
                .body("{\"decision\":\"REROUTE\",\"toDepartment\":\"nowhere\"}").when().post("/api/dispatches/" + decision)
                .then().statusCode(400).body("errors[0].field", equalTo("toDepartment"));
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).contentType(ContentType.JSON)
                .body("{\"decision\":\"REROUTE\",\"toDepartment\":\"housing\",\"note\":\"楼内管道归住建\"}")
                .when().post("/api/dispatches/" + decision).then().statusCode(200)
                .body("department", equalTo(List.of("water", "housing")))
                .body("status", equalTo(List.of("REROUTED", "CALLED")));
        post(DemoUser.STREET_SUPERVISOR, decision, "{\"decision\":\"CONFIRM\"}", 409);

        await().atMost(WAIT).untilAsserted(() -> assertThat(DISPATCHES.payloads(id, EventTypes.DISPATCH_DISPUTE_DECIDED))
                .containsExactly(new DispatchEvents.DisputeDecided(id, 1, "water", DisputeDecision.REROUTED, "housing",
                        "楼内管道归住建")));
        awaitCalled(id, DemoUser.HOUSING);
        given().auth().oauth2(token(DemoUser.HOUSING)).when().get("/api/dispatches").then()
                .body("find { it.requestId == '" + id + "' }.role", equalTo("lead"))
                .body("find { it.requestId == '" + id + "' }.status", equalTo("CALLED"));
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).when().get("/api/dispatches/" + id).then()
                .body("departments.find { it.department == 'water' }.status", equalTo("REROUTED"))
                .body("journal.kind", equalTo(List.of("DISPUTE", "DECISION")));
        post(DemoUser.WATER, id + "/report-in", "", 409);

        reportIn(id, DemoUser.HOUSING);
        answer(id, DemoUser.HOUSING, "{\"result\":\"FIXED\",\"note\":\"已更换立管\"}");
        awaitResolved(id, 1);
        assertThat(resolved(id).get(0).answers()).containsExactly(
                new DispatchEvents.Answer("housing", "lead", AnswerResult.FIXED, "已更换立管"));
    }

    /**
     * The supervisor page's list of disputes to decide: a supervisor above the grid sees the open dispute with the
     * department's reason, one of another street does not, a department may not ask; once decided it is gone.
     */
    @Test
    void openDisputesAreListedForTheSupervisorsAboveTheGridUntilDecided() {
        String id = whistled("sewer-blockage", DemoUser.WATER);
        awaitCalled(id, DemoUser.HOUSING);
        String mine = "find { it.requestId == '" + id + "' }";
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).when().get("/api/dispatches/disputes").then()
                .statusCode(200).body("requestId", not(hasItem(id)));
        post(DemoUser.HOUSING, id + "/dispute", "{\"reason\":\"下水道属排水集团\"}", 200);

        for (DemoUser supervisor : List.of(DemoUser.STREET_SUPERVISOR, DemoUser.DISTRICT_SUPERVISOR,
                DemoUser.CITY_SUPERVISOR, DemoUser.ADMIN)) {
            given().auth().oauth2(token(supervisor)).when().get("/api/dispatches/disputes").then().statusCode(200)
                    .body("findAll { it.requestId == '" + id + "' }.department", equalTo(List.of("housing")))
                    .body(mine + ".reason", equalTo("下水道属排水集团"))
                    .body(mine + ".role", equalTo("co"))
                    .body(mine + ".category", equalTo("sewer-blockage"))
                    .body(mine + ".gridCode", equalTo(TestEvents.GRID))
                    .body(mine + ".disputedAt", not(nullValue()));
        }
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR_2)).when().get("/api/dispatches/disputes").then()
                .statusCode(200).body("requestId", not(hasItem(id)));
        given().auth().oauth2(token(DemoUser.HOUSING)).when().get("/api/dispatches/disputes").then().statusCode(403);

        post(DemoUser.STREET_SUPERVISOR, id + "/disputes/housing/decision", "{\"decision\":\"CONFIRM\"}", 200);
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).when().get("/api/dispatches/disputes").then()
                .statusCode(200).body("requestId", not(hasItem(id)));
    }

    @Test
    void anUndecidedDisputeMissesItsLimitAndAConfirmedOneCarriesOn() {
        // the test profile sets gridloop.limits.dispute-decision=PT3S
        String id = whistled("street-light", DemoUser.URBAN);
        reportIn(id, DemoUser.URBAN);
        post(DemoUser.URBAN, id + "/dispute", "{\"reason\":\"路灯归属供电公司\"}", 200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(DISPATCHES.payloads(id, EventTypes.DISPATCH_LIMIT_MISSED))
                .anySatisfy(missed -> {
                    assertThat(missed.department()).isEqualTo("urban-management");
                    assertThat(missed.limit()).isEqualTo(DispatchLimit.DISPUTE_DECISION);
                    assertThat(missed.due()).isNotNull();
                }));
        given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).contentType(ContentType.JSON)
                .body("{\"decision\":\"CONFIRM\",\"note\":\"路灯由城管维护\"}")
                .when().post("/api/dispatches/" + id + "/disputes/urban-management/decision").then().statusCode(200)
                .body("[0].status", equalTo("REPORTED_IN"));
        await().atMost(WAIT).until(() -> !DISPATCHES.payloads(id, EventTypes.DISPATCH_DISPUTE_DECIDED).isEmpty());
        answer(id, DemoUser.URBAN, "{\"result\":\"FIXED\"}");
        awaitResolved(id, 1);
        assertThat(resolved(id).get(0).answers()).containsExactly(
                new DispatchEvents.Answer("urban-management", "lead", AnswerResult.FIXED, null));
    }

    @Test
    void anEscalationReassignmentCallsTheNewDepartment() {
        String id = whistled("water-leak", DemoUser.WATER);
        escalation(id, EscalationDecision.REASSIGN, "water", "housing", null, "上提一级后改派住建");
        awaitCalled(id, DemoUser.HOUSING);
        reportIn(id, DemoUser.HOUSING);
        post(DemoUser.WATER, id + "/report-in", "", 409);
        answer(id, DemoUser.HOUSING, "{\"result\":\"FIXED\"}");
        awaitResolved(id, 1);
        assertThat(resolved(id).get(0).answers()).containsExactly(
                new DispatchEvents.Answer("housing", "lead", AnswerResult.FIXED, null));
        given().auth().oauth2(token(DemoUser.ADMIN)).when().get("/api/dispatches/" + id).then()
                .body("journal.kind", hasItem(EscalationDecision.REASSIGN.name()))
                .body("departments.find { it.department == 'water' }.status", equalTo("REROUTED"));
    }

    @Test
    void aNewDeadlineReArmsTheResolutionTimerAndCoordinationIsNoted() {
        String id = whistled("water-leak", DemoUser.WATER);
        reportIn(id, DemoUser.WATER);
        Instant deadline = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        escalation(id, EscalationDecision.NEW_DEADLINE, "water", null, deadline, "延期 5 秒");
        escalation(id, EscalationDecision.COORDINATE, null, null, null, "周三会商");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(DemoUser.WATER))
                .when().get("/api/dispatches/" + id).then()
                .body("departments[0].resolveDue", equalTo(deadline.toString()))
                .body("journal.kind", hasItems(EscalationDecision.NEW_DEADLINE.name(),
                        EscalationDecision.COORDINATE.name())));
        await().atMost(WAIT).untilAsserted(() -> assertThat(DISPATCHES.payloads(id, EventTypes.DISPATCH_LIMIT_MISSED))
                .anySatisfy(missed -> {
                    assertThat(missed.department()).isEqualTo("water");
                    assertThat(missed.limit()).isEqualTo(DispatchLimit.RESOLUTION);
                    assertThat(missed.due()).isEqualTo(deadline);
                }));
        // still the department's to answer
        answer(id, DemoUser.WATER, "{\"result\":\"FIXED\"}");
        awaitResolved(id, 1);
    }

    @Test
    void orderClosingResolvesWithTheAnswersSoFar() {
        String id = whistled("sewer-blockage", DemoUser.WATER);
        awaitCalled(id, DemoUser.HOUSING);
        reportIn(id, DemoUser.HOUSING);
        answer(id, DemoUser.HOUSING, "{\"result\":\"PARTLY\",\"note\":\"需业主配合\"}");
        await().atMost(WAIT).until(() -> !DISPATCHES.payloads(id, EventTypes.DISPATCH_ANSWERED).isEmpty());
        escalation(id, EscalationDecision.ORDER_CLOSING, null, null, null, "区级责令办结");
        awaitResolved(id, 1);
        List<DispatchEvents.Answer> answers = resolved(id).get(0).answers();
        assertThat(answers).hasSize(2);
        assertThat(answers.get(0).department()).isEqualTo("water");
        assertThat(answers.get(0).role()).isEqualTo("lead");
        assertThat(answers.get(0).result()).isNull();
        assertThat(answers.get(0).note()).startsWith("NONE").contains("区级责令办结");
        assertThat(answers.get(1)).isEqualTo(new DispatchEvents.Answer("housing", "co", AnswerResult.PARTLY, "需业主配合"));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(DemoUser.WATER))
                .when().get("/api/dispatches/" + id).then().body("status", equalTo("RESOLVED"))
                .body("closedByOrder", equalTo(true)));
        post(DemoUser.WATER, id + "/report-in", "", 409);
    }

    @Test
    void aSupervisorClosesByOrderAndTheProcessEnds() {
        String id = whistled("water-leak", DemoUser.WATER);
        reportIn(id, DemoUser.WATER);
        post(DemoUser.WATER, id + "/close", "{}", 403);
        post(DemoUser.STREET_SUPERVISOR_2, id + "/close", "{}", 404);
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).contentType(ContentType.JSON)
                .body("{\"note\":\"会商决定由街道统筹\"}").when().post("/api/dispatches/" + id + "/close")
                .then().statusCode(200).body("status", equalTo("RESOLVED")).body("closedByOrder", equalTo(true));
        post(DemoUser.STREET_SUPERVISOR, id + "/close", "{}", 409);
        post(DemoUser.WATER, id + "/answer", "{\"result\":\"FIXED\"}", 409);
        // the process took the closing in, in the same step: nothing of it is left to resolve again or to time out
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
        awaitResolved(id, 1);
        DispatchEvents.Answer answer = resolved(id).get(0).answers().get(0);
        assertThat(answer.department()).isEqualTo("water");
        assertThat(answer.result()).isNull();
        assertThat(answer.note()).startsWith("NONE");
    }

    @Test
    void aReopenedRoundCallsTheSameDepartmentsAgain() {
        String id = whistled("sewer-blockage", DemoUser.WATER);
        awaitCalled(id, DemoUser.HOUSING);
        reportIn(id, DemoUser.WATER);
        reportIn(id, DemoUser.HOUSING);
        answer(id, DemoUser.HOUSING, "{\"result\":\"FIXED\"}");
        answer(id, DemoUser.WATER, "{\"result\":\"FIXED\"}");
        awaitResolved(id, 1);

        // the grid worker's verification failed: grid-intake whistles round 2 (here with a category the table
        // would send to the district, to show that a reopened round does not ask the table again)
        DISPATCHES.send(CloudEvent.of(EventTypes.REQUEST_WHISTLED, "/gridloop/grid-intake", id, Actor.SYSTEM,
                new RequestEvents.Whistled(id, 2, "other", "核查未通过：仍在冒水",
                        new RequestEvents.Location(39.905, 116.445, "建国里 3 号"), TestEvents.GRID, "verification failed")));
        await().atMost(WAIT).until(() -> DISPATCHES.payloads(id, EventTypes.DISPATCH_STARTED).size() == 2);
        DispatchEvents.Started reopened = DISPATCHES.payloads(id, EventTypes.DISPATCH_STARTED).get(1);
        assertThat(reopened.round()).isEqualTo(2);
        assertThat(reopened.fallback()).isFalse();
        assertThat(reopened.departments()).extracting(DispatchEvents.CalledDepartment::department,
                DispatchEvents.CalledDepartment::role).containsExactly(Tuple.tuple("water", "lead"),
                Tuple.tuple("housing", "co"));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(DemoUser.WATER))
                .when().get("/api/dispatches/" + id).then().statusCode(200).body("round", equalTo(2))
                .body("status", equalTo("OPEN")).body("departments.status", equalTo(List.of("CALLED", "CALLED"))));
        reportIn(id, DemoUser.WATER);
        reportIn(id, DemoUser.HOUSING);
        answer(id, DemoUser.HOUSING, "{\"result\":\"FIXED\"}");
        answer(id, DemoUser.WATER, "{\"result\":\"FIXED\",\"note\":\"二次维修\"}");
        awaitResolved(id, 2);
        assertThat(resolved(id).get(1).round()).isEqualTo(2);
    }

    @Test
    void adminListsTheDepartmentsAndTheDeployedRoutingRules() {
        given().auth().oauth2(token(DemoUser.ADMIN)).when().get("/api/admin/departments").then().statusCode(200)
                .body("code", hasItems("water", "urban-management", "housing", "environment", "transport", "gas",
                        "landscaping", "district-110105"))
                .body("find { it.code == 'district-110105' }.kind", equalTo("district-office"))
                .body("find { it.code == 'district-110105' }.unit", equalTo("110105"));
        given().auth().oauth2(token(DemoUser.ADMIN)).when().get("/api/admin/routing-rules").then().statusCode(200)
                .body("hitPolicy", equalTo("FIRST"))
                .body("inputs", equalTo(List.of("category", "district")))
                .body("outputs", equalTo(List.of("lead", "coDepartments", "limitClass", "reportInLimit",
                        "resolveLimit")))
                .body("rules.find { it.id == 'Rule_water_leak' }.inputEntries", equalTo(List.of("\"water-leak\"", "-")))
                .body("rules.find { it.id == 'Rule_water_leak' }.outputEntries",
                        equalTo(List.of("\"water\"", "", "\"utilities\"", "", "")))
                .body("rules.find { it.id == 'Rule_gas_smell' }.outputEntries[3]", equalTo("\"PT15M\""))
                .body("rules.find { it.id == 'Rule_illegal_construction_110105' }.description",
                        containsString("environment"));
        given().auth().oauth2(token(DemoUser.WATER)).when().get("/api/admin/departments").then().statusCode(403);
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).when().get("/api/admin/routing-rules")
                .then().statusCode(403);
    }

    /**
     * The pages word a department code by its name in the reader's language: every code of the directory, both names,
     * for anyone (a resident following their case by tracking token reads which department answered).
     */
    @Test
    void everyoneReadsTheDepartmentsNamesInBothLanguages() {
        for (DemoUser user : java.util.Arrays.asList(DemoUser.WATER, DemoUser.STREET_SUPERVISOR, DemoUser.RESIDENT,
                DemoUser.GRID_WORKER, null)) {
            (user == null ? given() : given().auth().oauth2(token(user))).when().get("/api/departments").then()
                    .statusCode(200)
                    .body("code", equalTo(List.of("district-110105", "environment", "gas", "housing", "landscaping",
                            "transport", "urban-management", "water")))
                    .body("find { it.code == 'water' }.nameZh", equalTo("水务局"))
                    .body("find { it.code == 'water' }.nameEn", equalTo("Water Authority"))
                    .body("find { it.code == 'district-110105' }.nameZh", equalTo("朝阳区城市运行管理中心"))
                    .body("find { it.code == 'water' }.unit", nullValue());
        }
    }
}
