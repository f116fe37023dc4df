package org.gridloop.reportin;

import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.contracts.Topics;
import org.gridloop.infra.EventTopics;

import java.util.List;
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
        return CloudEvent.of(EventTypes.REQUEST_WHISTLED, "/gridloop/grid-intake", requestId, Actor.SYSTEM,
                new RequestEvents.Whistled(requestId, 1, category, "测试: " + category + " 💧",
                        new RequestEvents.Location(39.905, 116.445, "建国里 3 号"), GRID, "routing rule"));
    }

    static void send(CloudEvent<?> event) {
        try (EventTopics topics = EventTopics.producer()) {
            topics.send(event);
        }
    }

    /** Every event on gridloop.dispatches for this request, in order, read from the beginning. */
    static List<CloudEvent<?>> dispatchEvents(String requestId) {
        return DISPATCHES.events(requestId);
    }

    /** One watcher of gridloop.dispatches for the whole test run. */
    private static final EventTopics DISPATCHES = EventTopics.watch(Topics.DISPATCHES);

    @SuppressWarnings("unchecked")
    static <T> List<T> payloads(String requestId, org.gridloop.contracts.EventType<T> type) {
        return dispatchEvents(requestId).stream().filter(e -> e.type().equals(type.name()))
                .map(e -> (T) e.data()).toList();
    }

}
