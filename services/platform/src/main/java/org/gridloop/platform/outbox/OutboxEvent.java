package org.gridloop.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridloop.contracts.CloudEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event on its way from a step's transaction to Kafka, as the relay reads it back: a row of the outbox table, or a
 * message the step wrote into PostgreSQL's WAL ({@link WalRelay}), where it travels as this JSON object.
 */
record OutboxEvent(String topic, String key, String id, String type, String source, Instant time, String actor,
                   String actorRole, String payload, String traceparent) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static OutboxEvent of(CloudEvent<?> event, String payload, String traceparent) {
        return new OutboxEvent(event.topic(), event.subject(), event.id(), event.type(), event.source(), event.time(),
                event.actor(), event.actorrole(), payload, traceparent);
    }

    String json() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("topic", topic);
        fields.put("key", key);
        fields.put("id", id);
        fields.put("type", type);
        fields.put("source", source);
        fields.put("time", time == null ? null : time.toString());
        fields.put("actor", actor);
        fields.put("actorRole", actorRole);
        fields.put("traceparent", traceparent);
        fields.put("payload", payload);
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + type + " for the WAL", e);
        }
    }

    static OutboxEvent fromJson(byte[] json) {
        try {
            Map<?, ?> f = JSON.readValue(json, Map.class);
            String time = (String) f.get("time");
            return new OutboxEvent((String) f.get("topic"), (String) f.get("key"), (String) f.get("id"),
                    (String) f.get("type"), (String) f.get("source"), time == null ? null : Instant.parse(time),
                    (String) f.get("actor"), (String) f.get("actorRole"), (String) f.get("payload"),
                    (String) f.get("traceparent"));
        } catch (IOException e) {
            throw new UncheckedIOException("an outbox message in the WAL is not an event", e);
        }
    }
}
