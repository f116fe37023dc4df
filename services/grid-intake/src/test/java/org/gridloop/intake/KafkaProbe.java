package org.gridloop.intake;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventCodec;
import org.gridloop.infra.SharedInfra;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads and writes the real broker directly, as another service would. */
final class KafkaProbe {

    private KafkaProbe() {
    }

    static void send(CloudEvent<?> event) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", SharedInfra.get().kafka().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(event.topic(), event.subject(), EventCodec.encode(event))).get();
        }
    }

    /** Every record with this key on the topic, read from the beginning for {@code window}. */
    static List<CloudEvent<?>> events(String topic, String key, Duration window) {
        List<CloudEvent<?>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", SharedInfra.get().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant end = Instant.now().plus(window);
            while (Instant.now().isBefore(end)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        try {
                            found.add(EventCodec.decode(record.value()));
                        } catch (org.gridloop.contracts.PoisonEventException poison) {
                            // a poison record a test planted: not an event
                        }
                    }
                }
            }
        }
        return found;
    }

    static long count(List<CloudEvent<?>> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).count();
    }
}
