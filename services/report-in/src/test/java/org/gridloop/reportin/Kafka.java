package org.gridloop.reportin;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventCodec;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.contracts.Topics;
import org.gridloop.infra.SharedInfra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The test's own plain Kafka clients: what grid-intake would send, and what report-in published. */
final class Kafka {

    static final String GRID = "110105001001001";

    private Kafka() {
    }

    static String newRequestId() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }

    static CloudEvent<RequestEvents.Whistled> whistle(String requestId, String category) {
        return CloudEvent.of(EventTypes.REQUEST_WHISTLED, "/test", requestId, Actor.SYSTEM,
                new RequestEvents.Whistled(requestId, 1, category, "测试: " + category + " 💧",
                        new RequestEvents.Location(39.905, 116.445, "建国里 3 号"), GRID, "routing rule"));
    }

    static void send(CloudEvent<?> event) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(event.topic(), event.subject(), EventCodec.encode(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every event on gridloop.dispatches for this request, in order, read from the beginning. */
    static List<CloudEvent<?>> dispatchEvents(String requestId) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<CloudEvent<?>> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DISPATCHES, Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 10_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (requestId.equals(record.key())) {
                        events.add(EventCodec.decode(record.value()));
                    }
                }
            }
        }
        return events;
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> payloads(String requestId, org.gridloop.contracts.EventType<T> type) {
        return dispatchEvents(requestId).stream().filter(e -> e.type().equals(type.name()))
                .map(e -> (T) e.data()).toList();
    }

    private static String bootstrap() {
        return SharedInfra.get().kafka().bootstrapServers();
    }
}
