package org.gridloop.escalation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.contracts.Topics;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.EventTopics;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SharedInfra;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** A record that is not an event goes to the dead-letter topic and the consumer keeps going. */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class PoisonRecordIT {

    @Test
    void aPoisonRecordIsDeadLetteredAndTheNextEventIsStillApplied() {
        String id = TestEvents.newRequestId();
        String poison = "this is not JSON " + UUID.randomUUID();
        Instant now = Instant.now();
        try (EventTopics deadLetters = EventTopics.watch(Topics.DEAD_LETTERS)) {
            // same key, so same partition: the valid event queues behind the poison record
            deadLetters.sendRaw(Topics.REQUESTS, id, poison);
            deadLetters.send(TestEvents.event(EventTypes.REQUEST_SUBMITTED, id, TestEvents.WORKER, now,
                    new RequestEvents.Submitted(id, "patrol", "graffiti", "涂鸦",
                            new RequestEvents.Location(39.905, 116.445, null), "110105001001002", List.of(), false,
                            now)));

            await().atMost(EventTopics.PATIENCE).until(() -> deadLetters.records().stream()
                    .anyMatch(r -> poison.equals(value(r))));
            List<ConsumerRecord<String, byte[]>> dead = deadLetters.records().stream()
                    .filter(r -> poison.equals(value(r))).toList();
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).key()).isEqualTo(id);
            assertThat(header(dead.get(0), "dead-letter-topic")).isEqualTo(Topics.REQUESTS);
            assertThat(header(dead.get(0), "dead-letter-consumer")).isEqualTo("escalation");
            assertThat(header(dead.get(0), "dead-letter-reason")).contains("not a CloudEvent");
        }

        String token = SharedInfra.get().jwt().token(DemoUser.STREET_SUPERVISOR);
        await().atMost(EventTopics.PATIENCE).untilAsserted(() ->
                given().auth().oauth2(token).when().get("/api/cases/" + id + "/timeline")
                        .then().statusCode(200).body("entries", hasSize(1))
                        .body("entries[0].type", equalTo(EventTypes.REQUEST_SUBMITTED.name())));
    }

    static String value(ConsumerRecord<String, byte[]> record) {
        return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
