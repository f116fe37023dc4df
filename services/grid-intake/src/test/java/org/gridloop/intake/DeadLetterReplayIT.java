package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.AnswerResult;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DeadLetterHeaders;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EventCodec;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.Topics;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.EventTopics;
import org.gridloop.infra.InfraTestResource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.gridloop.intake.Fixtures.assertStatus;
import static org.gridloop.intake.Fixtures.nextSpot;
import static org.gridloop.intake.Fixtures.submit;
import static org.gridloop.intake.Fixtures.token;

/**
 * After a fix, an admin replays the dead letters: the ones grid-intake's consumer wrote are consumed again (a
 * department's answer an older version could not read now moves its case on), once however often the replay runs;
 * another consumer's dead letters are not grid-intake's to apply; what is still poison stays one dead letter.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class DeadLetterReplayIT {

    static final String REPLAY = "{\"consumer\":\"grid-intake\"}";

    @Test
    void anAdminReplaysThisServicesDeadLettersAndEachIsAppliedOnce() {
        String mine = submit(DemoUser.RESIDENT, "water-leak", nextSpot()).getString("id");
        String theirs = submit(DemoUser.RESIDENT, "sewer-blockage", nextSpot()).getString("id");
        assertStatus(mine, "WHISTLED");
        assertStatus(theirs, "WHISTLED");
        String forged = "R-FORGED-" + System.nanoTime();
        try (EventTopics topics = EventTopics.producer()) {
            topics.send(deadLetter(mine, "grid-intake", "/gridloop/report-in"));
            topics.send(deadLetter(theirs, "report-in", "/gridloop/report-in"));
            // still poison after any fix: written by a service that does not own the topic
            topics.send(deadLetter(forged, "grid-intake", "/gridloop/escalation"));
        }
        given().auth().oauth2(token(DemoUser.GRID_WORKER)).contentType(ContentType.JSON).body(REPLAY).when()
                .post("/api/admin/dead-letters/replay").then().statusCode(403);
        // named for another service's consumer: refused, nothing replayed
        given().auth().oauth2(token(DemoUser.ADMIN)).contentType(ContentType.JSON).body("{\"consumer\":\"report-in\"}")
                .when().post("/api/admin/dead-letters/replay").then().statusCode(400);
        assertStatus(mine, "WHISTLED");

        for (int replay = 0; replay < 2; replay++) {
            int stillPoison = given().auth().oauth2(token(DemoUser.ADMIN)).contentType(ContentType.JSON).body(REPLAY)
                    .when().post("/api/admin/dead-letters/replay").then().statusCode(200)
                    .extract().jsonPath().getInt("stillPoison");
            assertThat(stillPoison).isGreaterThanOrEqualTo(1);
            assertStatus(mine, "VERIFYING");
            assertStatus(theirs, "WHISTLED");
        }
        // what is still poison stays a single dead letter: replays never multiply the topic. The marker is written
        // after both replays answered, with the same key (same partition): once it is read, so is anything the
        // replays wrote there
        try (EventTopics dead = EventTopics.watch(Topics.DEAD_LETTERS)) {
            dead.sendRaw(Topics.DEAD_LETTERS, forged, "marker");
            await().atMost(EventTopics.PATIENCE).until(() -> deadLetters(dead, forged).contains("marker"));
            assertThat(deadLetters(dead, forged)).as("the forged dead letter, then the marker")
                    .containsExactly(null, "marker");
        }
        // the case moves on one step (the worker verifies): once that is read, every event of the replays before it
        // was read too
        try (EventTopics requests = EventTopics.watch(Topics.REQUESTS)) {
            given().auth().oauth2(token(DemoUser.GRID_WORKER)).contentType(ContentType.JSON)
                    .body("{\"passed\":true}").post("/api/tasks/" + mine + "/verification").then().statusCode(200);
            await().atMost(EventTopics.PATIENCE)
                    .until(() -> requests.count(mine, EventTypes.REQUEST_FEEDBACK_REQUESTED) > 0);
            assertThat(requests.count(mine, EventTypes.REQUEST_VERIFICATION_REQUESTED))
                    .as("replayed twice, applied once").isEqualTo(1);
        }
    }

    /** The dead letters with this key, in the order read: the marker's text, null for a dead CloudEvent. */
    private static List<String> deadLetters(EventTopics dead, String key) {
        return dead.records().stream().filter(r -> key.equals(r.key()))
                .map(r -> r.headers().lastHeader(EventCodec.TYPE_HEADER) == null ? new String(r.value(), StandardCharsets.UTF_8)
                        : null).toList();
    }

    /** A department's answer as the consumer would have dead-lettered it: the record with where it came from. */
    private static ProducerRecord<String, byte[]> deadLetter(String requestId, String consumer, String source) {
        ProducerRecord<String, byte[]> answer = EventCodec.record(CloudEvent.of(EventTypes.DISPATCH_RESOLVED,
                source, requestId, Actor.SYSTEM, new DispatchEvents.Resolved(requestId, 1,
                        List.of(new DispatchEvents.Answer("water", "lead", AnswerResult.FIXED, "修好了")))));
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.DEAD_LETTERS, null, answer.key(),
                answer.value(), answer.headers());
        dead.headers().add(DeadLetterHeaders.REASON, bytes("unknown event type (an older version)"))
                .add(DeadLetterHeaders.CONSUMER, bytes(consumer))
                .add(DeadLetterHeaders.TOPIC, bytes(Topics.DISPATCHES))
                .add(DeadLetterHeaders.PARTITION, bytes("0"))
                .add(DeadLetterHeaders.OFFSET, bytes("0"));
        return dead;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
