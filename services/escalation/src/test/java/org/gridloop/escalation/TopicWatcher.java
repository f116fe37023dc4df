package org.gridloop.escalation;

import org.gridloop.contracts.CloudEvent;
import org.gridloop.infra.EventTopics;

import java.util.List;

/** Reads a topic of the real broker from the beginning in the background, as another service would. */
final class TopicWatcher implements AutoCloseable {

    private final EventTopics topics;

    TopicWatcher(String topic) {
        topics = EventTopics.watch(topic);
    }

    List<CloudEvent<?>> events(String key, String type) {
        return topics.events(key).stream().filter(e -> e.type().equals(type)).toList();
    }

    @Override
    public void close() {
        topics.close();
    }
}
