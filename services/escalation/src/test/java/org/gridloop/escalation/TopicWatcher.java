package org.gridloop.escalation;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventCodec;
import org.gridloop.infra.SharedInfra;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Reads a topic of the real broker from the beginning in the background, as another service would. */
final class TopicWatcher implements AutoCloseable {

    private final Map<String, List<CloudEvent<?>>> byKey = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private final Thread thread;

    TopicWatcher(String topic) {
        thread = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafka().bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "watcher-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.key() != null) {
                            byKey.computeIfAbsent(record.key(), k -> new CopyOnWriteArrayList<>())
                                    .add(EventCodec.decode(record.value()));
                        }
                    }
                }
            }
        }, "watcher-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    List<CloudEvent<?>> events(String key, String type) {
        return byKey.getOrDefault(key, List.of()).stream().filter(e -> e.type().equals(type)).toList();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
