package org.gridloop.escalation;

import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventType;
import org.gridloop.contracts.Topics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Events as the other services would produce them, at a chosen time (send them with {@code EventTopics}). */
final class TestEvents {

    static final Actor WORKER = new Actor("wang", "grid-worker");

    private TestEvents() {
    }

    /** Waits (up to a minute) until the cases' timelines hold every one of the events: they are applied. */
    static void awaitOnTimelines(List<String> requestIds, List<CloudEvent<?>> events) {
        String admin = org.gridloop.infra.SharedInfra.get().jwt().token(org.gridloop.infra.DemoUser.ADMIN);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> seen = new ArrayList<>();
            for (String id : requestIds) {
                List<String> ids = io.restassured.RestAssured.given().auth().oauth2(admin).when()
                        .get("/api/cases/" + id + "/timeline").then().extract().jsonPath()
                        .getList("entries.eventId", String.class);
                if (ids != null) {
                    seen.addAll(ids);
                }
            }
            org.assertj.core.api.Assertions.assertThat(seen)
                    .containsAll(events.stream().map(CloudEvent::id).toList());
        });
    }

    static String newRequestId() {
        return "REQ-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** An event of {@code type} that happened at {@code time}. */
    static <T> CloudEvent<T> event(EventType<T> type, String requestId, Actor actor, Instant time, T payload) {
        // written as the topic's owner writes it: the consumers dead-letter any other producer
        CloudEvent<T> e = CloudEvent.of(type, Topics.owner(type.topic()).orElseThrow(), requestId, actor, payload);
        return new CloudEvent<>(e.specversion(), e.id(), e.source(), e.type(), e.subject(), time,
                e.datacontenttype(), e.actor(), e.actorrole(), e.data());
    }
}
