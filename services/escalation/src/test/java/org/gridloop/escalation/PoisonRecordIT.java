package org.gridloop.escalation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.contracts.Topics;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SharedInfra;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

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
        try (TestEvents events = new TestEvents()) {
            // same key, so same partition: the valid event queues behind the poison record
            events.send(Topics.REQUESTS, id, poison);
            events.send(TestEvents.event(EventTypes.REQUEST_SUBMITTED, id, TestEvents.WORKER, now,
                    new RequestEvents.Submitted(id, "patrol", "graffiti", "涂鸦",
                            new RequestEvents.Location(39.905, 116.445, null), "110105001001002", List.of(), false,
                            now)));
        }

        ConsumerRecord<String, String> dead = awaitDeadLetter(poison);
        assertThat(dead.key()).isEqualTo(id);
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.REQUESTS);
        assertThat(header(dead, "dead-letter-reason")).contains("not a CloudEvent");

        String token = SharedInfra.get().jwt().token(DemoUser.STREET_SUPERVISOR);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(token).when().get("/api/cases/" + id + "/timeline")
                        .then().statusCode(200).body("entries", hasSize(1))
                        .body("entries[0].type", equalTo(EventTypes.REQUEST_SUBMITTED.name())));
    }

    static ConsumerRecord<String, String> awaitDeadLetter(String value) {
        AtomicReference<ConsumerRecord<String, String>> found = new AtomicReference<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test.dead-letters." + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTERS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (value.equals(record.value())) {
                        found.set(record);
                    }
                }
                return found.get() != null;
            });
        }
        return found.get();
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
