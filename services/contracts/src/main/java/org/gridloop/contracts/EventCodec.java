package org.gridloop.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Reads and writes CloudEvents in structured JSON mode, binding {@code data} to the payload of its type. */
public final class EventCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventCodec() {
    }

    public static String encode(CloudEvent<?> event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode event " + event.type(), e);
        }
    }

    /**
     * Decodes any known event.
     *
     * @throws PoisonEventException when the text is not a CloudEvent of a known type and version
     */
    public static CloudEvent<?> decode(String json) {
        if (json == null || json.isBlank()) {
            throw new PoisonEventException("empty record");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readerFor(JsonNode.class).readValue(json);
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (!(tree instanceof ObjectNode envelope)) {
            throw new PoisonEventException("not a JSON object");
        }
        for (String attribute : new String[]{"specversion", "id", "source", "type"}) {
            JsonNode value = envelope.get(attribute);
            if (value != null && !value.isNull() && (!value.isTextual() || value.asText().isBlank())) {
                throw new PoisonEventException("CloudEvents attribute " + attribute + " must be a non-empty string");
            }
        }
        String specversion = text(envelope, "specversion");
        if (!CloudEvent.SPEC_VERSION.equals(specversion)) {
            throw new PoisonEventException("unsupported CloudEvents specversion: " + specversion);
        }
        for (String attribute : new String[]{"id", "source", "type"}) {
            if (text(envelope, attribute) == null) {
                throw new PoisonEventException("missing CloudEvents attribute: " + attribute);
            }
        }
        EventType<?> type = EventTypes.require(text(envelope, "type"));
        return bind(envelope, type);
    }

    /** Decodes an event that must be of the given type. */
    @SuppressWarnings("unchecked")
    public static <T> CloudEvent<T> decode(String json, EventType<T> expected) {
        CloudEvent<?> event = decode(json);
        if (!expected.name().equals(event.type())) {
            throw new PoisonEventException("expected " + expected.name() + " but got " + event.type());
        }
        return (CloudEvent<T>) event;
    }

    private static <T> CloudEvent<T> bind(ObjectNode envelope, EventType<T> type) {
        JsonNode data = envelope.get("data");
        if (data == null || data.isNull()) {
            throw new PoisonEventException(type.name() + " without data");
        }
        T payload;
        try {
            payload = MAPPER.treeToValue(data, type.payload());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonEventException("data does not fit " + type.name() + ": " + e.getMessage(), e);
        }
        try {
            return new CloudEvent<>(CloudEvent.SPEC_VERSION, text(envelope, "id"), text(envelope, "source"),
                    type.name(), text(envelope, "subject"),
                    envelope.hasNonNull("time") ? MAPPER.treeToValue(envelope.get("time"), java.time.Instant.class)
                            : null,
                    text(envelope, "datacontenttype"), text(envelope, "actor"), text(envelope, "actorrole"),
                    payload);
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("bad time attribute: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The shared mapper, configured for events (ISO-8601 instants). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
