package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.contracts.Topics;
import org.gridloop.infra.EventTopics;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SharedInfra;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Poison records (bad JSON, unknown type, unknown version) go to the dead-letter topic with the reason; the
 * process driver and the state consumer go on with the next record. */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class PoisonRecordsIT {

    @Test
    void poisonGoesToTheDeadLetterTopicWithItsReasonAndTheConsumersGoOn() throws Exception {
        String key = "R-POISON-" + UUID.randomUUID().toString().substring(0, 8);
        String unknownVersion = "{\"requestId\":\"" + key + "\"}";
        try (EventTopics producer = EventTopics.producer()) {
            producer.sendRaw(Topics.REQUESTS, key, "{not json");
            ProducerRecord<String, byte[]> v9 = new ProducerRecord<>(Topics.REQUESTS, key,
                    unknownVersion.getBytes(StandardCharsets.UTF_8));
            v9.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                    .add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                    .add("ce_source", "/test".getBytes(StandardCharsets.UTF_8))
                    .add("ce_type", "gridloop.request.submitted.v9".getBytes(StandardCharsets.UTF_8))
                    .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            producer.send(v9);
        }
        KafkaProbe.send(CloudEvent.of(EventTypes.REQUEST_SUBMITTED, "/test", key, Actor.ANONYMOUS,
                new RequestEvents.Submitted(key, "resident", "water-leak", "毒丸之后的正常事件",
                        new RequestEvents.Location(39.905, 116.445, null), "110105001001001", List.of(), true,
                        Instant.now())));

        // the valid event after the poison is applied: the process accepted and whistled it
        await().atMost(Duration.ofSeconds(30)).until(() -> KafkaProbe.count(
                KafkaProbe.events(Topics.REQUESTS, key, Duration.ofSeconds(1)), EventTypes.REQUEST_WHISTLED.name()) == 1);

        // each poison record reached the dead-letter topic once per consumer group, with its reason
        Map<String, List<String>> reasons = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            reasons.clear();
            for (ConsumerRecord<String, String> record : deadLetters(key)) {
                Header reason = record.headers().lastHeader("dead-letter-reason");
                reasons.computeIfAbsent(record.value(), v -> new ArrayList<>())
                        .add(reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8));
            }
            assertThat(reasons.get("{not json")).hasSizeGreaterThanOrEqualTo(2)
                    .allMatch(r -> r.contains("not a CloudEvent"));
            assertThat(reasons.get(unknownVersion)).hasSizeGreaterThanOrEqualTo(2)
                    .allMatch(r -> r.contains("unknown event type: gridloop.request.submitted.v9"));
        });
    }

    private static List<ConsumerRecord<String, String>> deadLetters(String key) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", SharedInfra.get().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTERS));
            Instant end = Instant.now().plusSeconds(3);
            while (Instant.now().isBefore(end)) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }
}
