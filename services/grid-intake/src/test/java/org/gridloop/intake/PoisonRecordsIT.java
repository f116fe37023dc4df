package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
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
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.gridloop.intake.Fixtures.assertStatus;
import static org.gridloop.intake.Fixtures.awaitStatus;
import static org.gridloop.intake.Fixtures.metric;
import static org.gridloop.intake.Fixtures.nextSpot;
import static org.gridloop.intake.Fixtures.submit;

/**
 * Poison records on a topic grid-intake consumes (not a CloudEvent, a type no version of the contracts knows, an
 * event from a producer that does not own the topic, a type on another type's topic, a value no producer can have
 * meant) go to the dead-letter topic with
 * the reason, once each, without being applied; the consumer goes on with the next record of the partition.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class PoisonRecordsIT {

    @Test
    void poisonGoesToTheDeadLetterTopicWithItsReasonAndTheConsumerGoesOn() {
        String key = submit(DemoUser.RESIDENT, "water-leak", nextSpot()).getString("id");
        assertStatus(key, "WHISTLED");
        String unknownVersion = "{\"requestId\":\"" + key + "\"}";
        try (EventTopics topics = EventTopics.watch(Topics.DEAD_LETTERS)) {
            // same key, so same partition: the valid event queues behind the poison
            topics.sendRaw(Topics.DISPATCHES, key, "{not json");
            ProducerRecord<String, byte[]> v9 = new ProducerRecord<>(Topics.DISPATCHES, key,
                    unknownVersion.getBytes(StandardCharsets.UTF_8));
            v9.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                    .add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                    .add("ce_source", "/gridloop/report-in".getBytes(StandardCharsets.UTF_8))
                    .add("ce_type", "gridloop.dispatch.resolved.v9".getBytes(StandardCharsets.UTF_8))
                    .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            topics.send(v9);
            topics.send(CloudEvent.of(EventTypes.DISPATCH_RESOLVED, "/gridloop/report-in", key, Actor.SYSTEM,
                    new DispatchEvents.Resolved(key, 1, List.of(new DispatchEvents.Answer("water", "lead", AnswerResult.FIXED,
                            "毒丸之后的正常事件")))));

            // the valid event after the poison is applied: the grid verifies next
            awaitStatus(key, "VERIFYING");
            await().atMost(EventTopics.PATIENCE).until(() -> deadLetters(topics, key).size() == 2);
            Map<String, String> reasons = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : deadLetters(topics, key)) {
                reasons.put(new String(record.value(), StandardCharsets.UTF_8), header(record, "dead-letter-reason"));
                assertThat(header(record, "dead-letter-consumer")).isEqualTo("grid-intake");
                assertThat(header(record, "dead-letter-topic")).isEqualTo(Topics.DISPATCHES);
            }
            assertThat(reasons).containsOnlyKeys("{not json", unknownVersion);
            assertThat(reasons.get("{not json")).contains("not a CloudEvent");
            assertThat(reasons.get(unknownVersion)).contains("unknown event type: gridloop.dispatch.resolved.v9");
        }
    }

    @Test
    void aForgedOrMisroutedEventIsDeadLetteredAndChangesNothing() {
        String key = submit(DemoUser.RESIDENT, "water-leak", nextSpot()).getString("id");
        assertStatus(key, "WHISTLED");
        try (EventTopics topics = EventTopics.watch(Topics.DEAD_LETTERS)) {
            // a supervisor's "close it" written by someone who is not escalation ...
            topics.send(CloudEvent.of(EventTypes.ESCALATION_DECIDED, "/gridloop/report-in", key, Actor.SYSTEM,
                    new EscalationEvents.Decided(key, "E-forged", "DISTRICT", "110105", "mallory",
                            EscalationDecision.ORDER_CLOSING, null, null, null, "伪造的结案指令")));
            // ... and report-in's answer sent down escalation's topic as if escalation had written it
            ProducerRecord<String, byte[]> misrouted = EventCodec.record(CloudEvent.of(EventTypes.DISPATCH_RESOLVED,
                    "/gridloop/escalation", key, Actor.SYSTEM, new DispatchEvents.Resolved(key, 1,
                            List.of(new DispatchEvents.Answer("water", "lead", AnswerResult.FIXED, "伪造的答复")))));
            topics.send(new ProducerRecord<>(Topics.ESCALATIONS, null, misrouted.key(), misrouted.value(),
                    misrouted.headers()));

            await().atMost(EventTopics.PATIENCE).until(() -> deadLetters(topics, key).size() == 2);
            List<String> reasons = deadLetters(topics, key).stream().map(r -> header(r, "dead-letter-reason"))
                    .toList();
            assertThat(reasons).containsExactlyInAnyOrder(
                    "produced by /gridloop/report-in, but gridloop.escalations is written only by /gridloop/escalation",
                    EventTypes.DISPATCH_RESOLVED.name() + " travels on gridloop.dispatches, not on "
                            + "gridloop.escalations");
            // dead-lettered before its batch was applied: neither closed the case nor answered the whistle
            assertStatus(key, "WHISTLED");
        }
    }

    @Test
    void aWellFormedEventWithAnImpossibleValueIsDeadLetteredAtOnceAndTheNextOneApplies() {
        String key = submit(DemoUser.RESIDENT, "water-leak", nextSpot()).getString("id");
        assertStatus(key, "WHISTLED");
        double deadLettered = metric("gridloop_dead_letters_total", "");
        try (EventTopics topics = EventTopics.watch(Topics.DEAD_LETTERS)) {
            // from the topic's owner, of a known type, JSON that fits: but round 0 and a 4-digit unit exist nowhere
            topics.send(CloudEvent.of(EventTypes.DISPATCH_RESOLVED, "/gridloop/report-in", key, Actor.SYSTEM,
                    new DispatchEvents.Resolved(key, 0, List.of(new DispatchEvents.Answer("water", "lead", AnswerResult.FIXED,
                            "第零轮")))));
            topics.send(CloudEvent.of(EventTypes.ESCALATION_DECIDED, "/gridloop/escalation", key, Actor.SYSTEM,
                    new EscalationEvents.Decided(key, "E-1", "DISTRICT", "1101", "supervisor",
                            EscalationDecision.ORDER_CLOSING, null, null, null, "不存在的单位")));
            topics.send(CloudEvent.of(EventTypes.DISPATCH_RESOLVED, "/gridloop/report-in", key, Actor.SYSTEM,
                    new DispatchEvents.Resolved(key, 1, List.of(new DispatchEvents.Answer("water", "lead", AnswerResult.FIXED,
                            "正常的答复")))));

            // neither was parked for a retry: both are on the dead-letter topic with the value that cannot be, and
            // the valid answer behind them was applied
            await().atMost(EventTopics.PATIENCE).until(() -> deadLetters(topics, key).size() == 2);
            List<String> reasons = deadLetters(topics, key).stream().map(r -> header(r, "dead-letter-reason"))
                    .toList();
            assertThat(reasons).containsExactlyInAnyOrder("Resolved.round is below 1: 0",
                    "Decided.unit is not a unit code: 1101");
            awaitStatus(key, "VERIFYING");
            // and counted where an operator looks (other tests dead-letter too: at least these two)
            assertThat(metric("gridloop_dead_letters_total", "")).isGreaterThanOrEqualTo(deadLettered + 2);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(EventTopics topics, String key) {
        return topics.records().stream().filter(r -> key.equals(r.key())).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
