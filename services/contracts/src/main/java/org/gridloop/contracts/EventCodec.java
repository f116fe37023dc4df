package org.gridloop.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Events on Kafka in CloudEvents binary content mode (the CloudEvents Java SDK's Kafka binding): the attributes
 * travel as {@code ce_*} headers, the payload as the record's JSON value, the key is the request id. A consumer
 * reads the type from its header ({@link #type}) and decodes only what it wants.
 */
public final class EventCodec {

    /** The header holding the CloudEvents {@code type}, for filtering before decoding. */
    public static final String TYPE_HEADER = "ce_type";
    public static final String DATA_CONTENT_TYPE = "application/json";
    static final String ACTOR = "actor";
    static final String ACTOR_ROLE = "actorrole";
    /** The CloudEvents distributed-tracing extension: the W3C trace context of the step that produced the event. */
    static final String TRACEPARENT = "traceparent";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // an emoji in a resident's text stays one UTF-8 character, not an escaped surrogate pair
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // a code a newer producer added (an EscalationDecision this version lacks) is null, which the
            // consumers skip, not a poison event
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

    private EventCodec() {
    }

    /** The CloudEvents type of a record from its header alone, or null when it has none. */
    public static String type(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(TYPE_HEADER);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The payload as it is stored and sent: JSON. */
    public static byte[] data(CloudEvent<?> event) {
        try {
            return MAPPER.writeValueAsBytes(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode the data of " + event.type(), e);
        }
    }

    /** The Kafka record announcing {@code event} on its topic. */
    public static ProducerRecord<String, byte[]> record(CloudEvent<?> event) {
        return record(event.topic(), event.attributes(), data(event));
    }

    /** The Kafka record of an event whose payload is already JSON (as the outbox keeps it). */
    public static ProducerRecord<String, byte[]> record(String topic, CloudEvent.Attributes attributes, byte[] data) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(attributes.id())
                .withSource(URI.create(attributes.source()))
                .withType(attributes.type())
                .withDataContentType(DATA_CONTENT_TYPE)
                .withData(data);
        if (attributes.subject() != null) {
            builder.withSubject(attributes.subject());
        }
        if (attributes.time() != null) {
            builder.withTime(attributes.time().atOffset(ZoneOffset.UTC));
        }
        if (attributes.actor() != null) {
            builder.withExtension(ACTOR, attributes.actor());
        }
        if (attributes.actorRole() != null) {
            builder.withExtension(ACTOR_ROLE, attributes.actorRole());
        }
        if (attributes.traceparent() != null) {
            builder.withExtension(TRACEPARENT, attributes.traceparent());
        }
        return KafkaMessageFactory.createWriter(topic, null, null, attributes.subject()).writeBinary(builder.build());
    }

    /**
     * Decodes a record of any known type.
     *
     * @throws PoisonEventException when it is not a CloudEvent of a known type and version with a payload that fits
     */
    public static CloudEvent<?> decode(Headers headers, byte[] value) {
        io.cloudevents.CloudEvent read;
        try {
            read = KafkaMessageFactory.createReader(headers, value).toEvent();
        } catch (CloudEventRWException | IllegalStateException | IllegalArgumentException e) {
            throw new PoisonEventException("not a CloudEvent: " + e.getMessage(), e);
        }
        if (read.getSpecVersion() != SpecVersion.V1) {
            throw new PoisonEventException("unsupported CloudEvents specversion: " + read.getSpecVersion());
        }
        for (String[] attribute : new String[][]{{"id", read.getId()}, {"type", read.getType()},
                {"source", read.getSource() == null ? null : read.getSource().toString()}}) {
            if (attribute[1] == null || attribute[1].isBlank()) {
                throw new PoisonEventException("CloudEvents attribute " + attribute[0] + " must be a non-empty string");
            }
        }
        EventType<?> type = EventTypes.require(read.getType());
        return bind(read, type);
    }

    /** Decodes a record that must be of the given type. */
    @SuppressWarnings("unchecked")
    public static <T> CloudEvent<T> decode(Headers headers, byte[] value, EventType<T> expected) {
        CloudEvent<?> event = decode(headers, value);
        if (!expected.name().equals(event.type())) {
            throw new PoisonEventException("expected " + expected.name() + " but got " + event.type());
        }
        return (CloudEvent<T>) event;
    }

    /** Binds a payload kept as JSON (the outbox's, a parked record's) to its type. */
    public static <T> T payload(EventType<T> type, byte[] json) {
        if (json == null || json.length == 0) {
            throw new PoisonEventException(type.name() + " without data");
        }
        try {
            T payload = MAPPER.readValue(json, type.payload());
            if (payload == null) {
                throw new PoisonEventException(type.name() + " without data");
            }
            return payload;
        } catch (IOException | IllegalArgumentException e) {
            throw new PoisonEventException("data does not fit " + type.name() + ": " + e.getMessage(), e);
        }
    }

    private static <T> CloudEvent<T> bind(io.cloudevents.CloudEvent read, EventType<T> type) {
        CloudEventData data = read.getData();
        T payload = payload(type, data == null ? null : data.toBytes());
        EventValues.check(payload);
        OffsetDateTime time = read.getTime();
        return new CloudEvent<>(CloudEvent.SPEC_VERSION, read.getId(), read.getSource().toString(), type.name(),
                read.getSubject(), time == null ? null : time.toInstant(), read.getDataContentType(),
                text(read.getExtension(ACTOR)), text(read.getExtension(ACTOR_ROLE)), payload,
                traceparent(read.getExtension(TRACEPARENT)));
    }

    /**
     * A W3C traceparent as the extension carries it, or null when it has none or one of another shape: a broken
     * trace context loses the trace, never the event.
     */
    static String traceparent(Object extension) {
        String value = text(extension);
        return value != null && TRACEPARENT_SHAPE.matcher(value).matches() ? value : null;
    }

    private static final java.util.regex.Pattern TRACEPARENT_SHAPE =
            java.util.regex.Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private static String text(Object extension) {
        return extension == null ? null : extension.toString();
    }

    /** The shared mapper, configured for events (ISO-8601 instants). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** An instant as the {@code ce_time} header carries it. */
    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
