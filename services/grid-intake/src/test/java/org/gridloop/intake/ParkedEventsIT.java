package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.AnswerResult;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EscalationDecision;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.EventCodec;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.Topics;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.EventTopics;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.intake.application.LoopEvents;
import org.gridloop.platform.db.Sql;
import org.gridloop.platform.messaging.EventHandlers;
import org.gridloop.platform.messaging.ParkedEvents;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.gridloop.intake.Fixtures.assertStatus;
import static org.gridloop.intake.Fixtures.awaitStatus;
import static org.gridloop.intake.Fixtures.nextSpot;
import static org.gridloop.intake.Fixtures.submit;
import static org.gridloop.intake.Fixtures.token;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * An event whose handler keeps failing is parked and its partition goes on; the later events of the same request
 * queue behind it, and once it can be applied the re-driver applies them all, in their order.
 */
@QuarkusTest
@TestProfile(ParkedEventsIT.FailingHandlers.class)
@QuarkusTestResource(InfraTestResource.class)
class ParkedEventsIT {

    static final String REPLAY = "{\"consumer\":\"grid-intake\"}";

    /** Requests whose dispatch.resolved fails to apply, as a bug or a missing piece of data would make it. */
    static final Set<String> FAILING = ConcurrentHashMap.newKeySet();

    public static class FailingHandlers implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FailingTable.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridloop.messaging.redrive.interval", "PT0.5S",
                    "gridloop.messaging.redrive.first-pause", "PT0.2S");
        }
    }

    /** The service's own table, with a seeded failure in front of dispatch.resolved. */
    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class FailingTable {
        @Produces
        @Singleton
        EventHandlers handlers(LoopEvents loop) {
            return EventHandlers.forConsumer("grid-intake")
                    .on(EventTypes.DISPATCH_RESOLVED, event -> {
                        if (FAILING.contains(event.subject())) {
                            throw new IllegalStateException("seeded failure for " + event.subject());
                        }
                        loop.dispatchResolved(event);
                    })
                    .on(EventTypes.ESCALATION_DECIDED, loop::escalationDecided)
                    .build();
        }
    }

    @Inject
    ParkedEvents parked;

    @Inject
    Sql sql;

    private static CloudEvent<DispatchEvents.Resolved> resolved(String id) {
        return CloudEvent.of(EventTypes.DISPATCH_RESOLVED, "/gridloop/report-in", id, Actor.SYSTEM,
                new DispatchEvents.Resolved(id, 1, List.of(new DispatchEvents.Answer("water", "lead", AnswerResult.FIXED, "好"))));
    }

    @Test
    void aFailingEventIsParkedItsRequestWaitsBehindItOthersGoOnAndTheRedriveKeepsTheOrder() {
        String stuck = submit(DemoUser.RESIDENT, "water-leak", nextSpot()).getString("id");
        String other = submit(DemoUser.RESIDENT, "water-leak", nextSpot()).getString("id");
        assertStatus(stuck, "WHISTLED");
        assertStatus(other, "WHISTLED");
        FAILING.add(stuck);
        try (EventTopics topics = EventTopics.watch(Topics.REQUESTS)) {
            topics.send(resolved(stuck));
            topics.send(CloudEvent.of(EventTypes.ESCALATION_DECIDED, "/gridloop/escalation", stuck,
                    new Actor("sun", "supervisor"), new EscalationEvents.Decided(stuck, "E-1", "DISTRICT", "110105",
                            "sun", EscalationDecision.ORDER_CLOSING, null, null, null, "督办结案")));
            topics.send(resolved(other));

            // the other request goes on; the stuck one is parked, its closing order queued behind it
            awaitStatus(other, "VERIFYING");
            await().atMost(EventTopics.PATIENCE).until(() -> parked.list("grid-intake", 100).stream()
                    .filter(p -> p.requestId().equals(stuck)).count() == 2);
            List<ParkedEvents.Parked> waiting = parked.list("grid-intake", 100).stream()
                    .filter(p -> p.requestId().equals(stuck)).toList();
            assertThat(waiting).extracting(ParkedEvents.Parked::eventType).containsExactly(
                    EventTypes.DISPATCH_RESOLVED.name(), EventTypes.ESCALATION_DECIDED.name());
            assertThat(waiting.get(0).reason()).contains("seeded failure");
            assertThat(waiting.get(1).reason()).contains("behind an earlier parked event");
            assertStatus(stuck, "WHISTLED");

            // fixed: the re-driver applies both, in their order — verification requested, then closed by order
            FAILING.remove(stuck);
            awaitStatus(stuck, "CLOSED");
            await().atMost(EventTopics.PATIENCE).until(() -> topics.count(stuck, EventTypes.REQUEST_CLOSED) == 1);
            assertThat(topics.events(stuck)).extracting(CloudEvent::type).endsWith(
                    EventTypes.REQUEST_VERIFICATION_REQUESTED.name(), EventTypes.REQUEST_CLOSED.name());
            assertThat(parked.list("grid-intake", 100)).noneMatch(p -> p.requestId().equals(stuck));
        } finally {
            FAILING.clear();
        }
    }

    /**
     * The periodic re-drive skips its round while the messaging metrics' count of the table (every 5 s) found nothing
     * waiting and this instance parked nothing since: an event another instance parked (and could not re-drive, say
     * it stopped) is still taken up, once the next count sees it.
     */
    @Test
    void anEventAnotherInstanceParkedIsReDrivenByThisOne() {
        String id = submit(DemoUser.RESIDENT, "water-leak", nextSpot()).getString("id");
        assertStatus(id, "WHISTLED");
        parkAsAnotherInstance(resolved(id), ParkedEvents.WAITING, 0);
        awaitStatus(id, "VERIFYING");
        assertThat(parked.list("grid-intake", 100)).noneMatch(p -> p.requestId().equals(id));
    }

    /**
     * An event that failed every re-drive is DEAD: it stays parked, its request where it was, until an admin has
     * fixed the cause and replays it on the service that owns it; then the re-drive applies it.
     */
    @Test
    void aDeadEventWaitsForAnAdminsReplayAndIsThenApplied() {
        String id = submit(DemoUser.RESIDENT, "water-leak", nextSpot()).getString("id");
        assertStatus(id, "WHISTLED");
        parkAsAnotherInstance(resolved(id), ParkedEvents.DEAD, 8);
        // re-drive rounds (every 0.5 s here) leave a DEAD event alone
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertStatus(id, "WHISTLED");
            assertThat(statuses(id)).containsExactly(ParkedEvents.DEAD);
        });
        given().auth().oauth2(token(DemoUser.ADMIN)).when().get("/api/admin/parked-events").then().statusCode(200)
                .body("findAll { it.requestId == '" + id + "' }.status", contains(ParkedEvents.DEAD));
        for (String bad : List.of("abc", "0", "1001", "99999999999")) {
            given().auth().oauth2(token(DemoUser.ADMIN)).queryParam("limit", bad).when()
                    .get("/api/admin/parked-events").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        }

        given().auth().oauth2(token(DemoUser.GRID_WORKER)).contentType(ContentType.JSON).body(REPLAY).when()
                .post("/api/admin/parked-events/replay").then().statusCode(403);
        // named for another service's consumer: refused, nothing replayed
        given().auth().oauth2(token(DemoUser.ADMIN)).contentType(ContentType.JSON).body("{\"consumer\":\"report-in\"}")
                .when().post("/api/admin/parked-events/replay").then().statusCode(400);
        assertThat(statuses(id)).containsExactly(ParkedEvents.DEAD);

        given().auth().oauth2(token(DemoUser.ADMIN)).contentType(ContentType.JSON).body(REPLAY).when()
                .post("/api/admin/parked-events/replay").then().statusCode(200)
                .body("consumer", equalTo("grid-intake")).body("replayed", equalTo(1));
        awaitStatus(id, "VERIFYING");
        assertThat(parked.list("grid-intake", 100)).noneMatch(p -> p.requestId().equals(id));
    }

    /** The statuses of the request's parked events, oldest first. */
    private List<String> statuses(String requestId) {
        return parked.list("grid-intake", 100).stream().filter(p -> p.requestId().equals(requestId))
                .map(ParkedEvents.Parked::status).toList();
    }

    /** Writes a parked event as ParkedEvents.park would from another process: this one never saw the event. */
    private void parkAsAnotherInstance(CloudEvent<?> event, String status, int attempts) {
        sql.update("INSERT INTO grid_intake.parked_event (consumer, record_key, event_id, event_type, source, "
                        + "event_time, actor, actor_role, payload, topic, kafka_partition, kafka_offset, reason, "
                        + "status, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?)",
                "grid-intake", event.subject(), event.id(), event.type(), event.source(), event.time(),
                event.actor(), event.actorrole(), new String(EventCodec.data(event), StandardCharsets.UTF_8),
                Topics.DISPATCHES, "parked by another instance", status, attempts, Instant.now());
    }
}
