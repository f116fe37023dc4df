package org.gridloop.reportin;

import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.contracts.Topics;
import org.gridloop.infra.EventTopics;

import java.util.UUID;

/** What grid-intake would send, and the shared watcher of what report-in published (send with it too). */
final class TestEvents {

    static final String GRID = "110105001001001";

    /** gridloop.dispatches from its beginning, one watcher for the whole test run. */
    static final EventTopics DISPATCHES = EventTopics.watch(Topics.DISPATCHES);

    private TestEvents() {
    }

    static String newRequestId() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }

    static CloudEvent<RequestEvents.Whistled> whistle(String requestId, String category) {
        return CloudEvent.of(EventTypes.REQUEST_WHISTLED, "/gridloop/grid-intake", requestId, Actor.SYSTEM,
                new RequestEvents.Whistled(requestId, 1, category, "测试: " + category + " 💧",
                        new RequestEvents.Location(39.905, 116.445, "建国里 3 号"), GRID, "routing rule"));
    }
}
