package org.gridloop.intake;

import org.gridloop.contracts.CloudEvent;
import org.gridloop.infra.EventTopics;

import java.time.Duration;
import java.util.List;

/** Reads and writes the real broker directly, as another service would (through the shared EventTopics). */
final class KafkaProbe {

    private KafkaProbe() {
    }

    static void send(CloudEvent<?> event) {
        try (EventTopics topics = EventTopics.producer()) {
            topics.send(event);
        }
    }

    /** Every event with this key on the topic, read from the beginning for {@code window}. */
    static List<CloudEvent<?>> events(String topic, String key, Duration window) {
        try (EventTopics topics = EventTopics.watch(topic)) {
            Thread.sleep(window.toMillis());
            return topics.events(key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long count(List<CloudEvent<?>> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).count();
    }
}
