package org.gridloop.contracts;

import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Keeps {@code asyncapi.yaml} and {@link EventTypes} in step: every event type is documented on its topic's channel
 * as a CloudEvent in binary content mode ({@code ce_*} headers pinned to its type, the payload as the value) with a
 * payload schema that matches its record, and the document describes no event the code does not know.
 */
class AsyncApiDocumentTest {

    private static final String DOCUMENT = "/asyncapi.yaml";
    /** Content type of every event: the record value is the payload as JSON. */
    private static final String APPLICATION_JSON = "application/json";
    /** The one headers schema every event message narrows to its type. */
    private static final String CLOUD_EVENT_HEADERS = "#/components/schemas/CloudEventHeaders";
    /** The headers a consumer cannot do without: EventCodec rejects a record lacking any of them. */
    private static final List<String> REQUIRED_HEADERS = List.of("ce_specversion", "ce_id", "ce_source", "ce_type");
    /** Messages of the document that are not CloudEvents of the catalogue. */
    private static final Set<String> NON_EVENT_MESSAGES = Set.of("DeadLetter");

    private static Map<String, Object> document;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream(DOCUMENT)) {
            assertThat(in).as("%s on the classpath", DOCUMENT).isNotNull();
            document = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(in), DOCUMENT);
        }
    }

    static Stream<EventType<?>> eventTypes() {
        return EventTypes.all().stream();
    }

    // ---- the document itself ---------------------------------------------------------------------------------

    @Test
    void isAnAsyncApi26DocumentWithTheLocalKafkaServer() {
        assertThat(document.get("asyncapi")).isEqualTo("2.6.0");
        assertThat(map(document.get("info"), "info")).containsKeys("title", "version", "description");
        assertThat(document.get("defaultContentType")).isEqualTo(APPLICATION_JSON);
        Map<String, Object> local = map(map(document.get("servers"), "servers").get("local"), "servers.local");
        assertThat(local).containsEntry("url", "127.0.0.1:9092").containsEntry("protocol", "kafka");
    }

    @Test
    void hasOneChannelPerTopicAndNoOther() throws IllegalAccessException {
        Set<String> topics = new LinkedHashSet<>();
        for (Field field : Topics.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                topics.add((String) field.get(null));
            }
        }
        assertThat(channels().keySet()).containsExactlyInAnyOrderElementsOf(topics);
        channels().forEach((name, channel) -> assertThat(
                map(map(map(channel, name).get("bindings"), name + ".bindings").get("kafka"), name + ".kafka"))
                .as("kafka binding of channel %s", name)
                .containsEntry("topic", name));
    }

    @Test
    void everyRefResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty();
        refs.forEach(ref -> assertThat(pointer(ref)).as("target of %s", ref).isNotNull());
    }

    // ---- (a) every event type is documented, on its topic ----------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void everyEventTypeHasAMessageOfThatName(EventType<?> type) {
        Map<String, Object> message = message(type);
        assertThat(message.get("messageId")).as("messageId of %s", type).isEqualTo(type.name());
        assertThat(message.get("contentType")).as("contentType of %s", type).isEqualTo(APPLICATION_JSON);
        assertThat(message.get("title")).as("title of %s", type).isInstanceOf(String.class);
        assertThat(message.get("summary")).as("summary of %s", type).isInstanceOf(String.class);
        Map<String, Object> kafka = map(map(message.get("bindings"), type + ".bindings").get("kafka"),
                type + ".bindings.kafka");
        assertThat(map(resolve(kafka.get("key")), type + " key")).as("Kafka key of %s", type)
                .containsEntry("type", "string");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void everyEventTypeIsOnTheChannelOfItsTopicOnly(EventType<?> type) {
        channels().keySet().forEach(channel -> {
            if (channel.equals(type.topic())) {
                assertThat(channelMessageNames(channel)).as("messages of channel %s", channel).contains(type.name());
            } else {
                assertThat(channelMessageNames(channel)).as("messages of channel %s", channel)
                        .doesNotContain(type.name());
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void headersAreTheCloudEventHeadersPinnedToThatType(EventType<?> type) {
        Map<String, Object> headers = map(message(type).get("headers"), type + ".headers");
        assertThat(refs(headers)).as("headers of %s use the shared %s", type, CLOUD_EVENT_HEADERS)
                .contains(CLOUD_EVENT_HEADERS);

        assertThat(headersRequired(type)).as("required headers of %s", type).containsAll(REQUIRED_HEADERS);
        Map<String, Map<String, Object>> properties = headersProperties(type);
        assertThat(properties).as("headers of %s", type).containsKeys("ce_specversion", "ce_id", "ce_source",
                "ce_type", "ce_subject", "ce_time", "ce_actor", "ce_actorrole", "content-type");
        assertThat(properties.get("ce_type")).as("ce_type of %s", type).containsEntry("const", type.name());
        assertThat(properties.get("ce_specversion")).containsEntry("const", CloudEvent.SPEC_VERSION);
        assertThat(properties.get("ce_time")).containsEntry("format", "date-time");
        assertThat(properties.get("content-type")).containsEntry("const", APPLICATION_JSON);
        properties.forEach((name, property) -> assertThat(types(property)).as("type of header %s of %s", name, type)
                .isIn(List.of(), List.of("string")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void headersSchemaDescribesTheHeadersTheCodecWrites(EventType<?> type) {
        CloudEvent.Attributes attributes = new CloudEvent.Attributes("e-1", "/gridloop/test", type.name(), "R-1",
                Instant.parse("2025-03-01T10:00:00Z"), "anonymous", "resident");
        Headers written = EventCodec.record(type.topic(), attributes, "{}".getBytes(StandardCharsets.UTF_8)).headers();
        Map<String, String> values = new LinkedHashMap<>();
        written.forEach(h -> values.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));

        Map<String, Map<String, Object>> properties = headersProperties(type);
        assertThat(properties.keySet()).as("documented headers of %s", type).containsAll(values.keySet());
        assertThat(values.keySet()).as("headers the codec writes for %s", type).containsAll(headersRequired(type));
        properties.forEach((name, property) -> {
            if (property.containsKey("const") && values.containsKey(name)) {
                assertThat(values.get(name)).as("header %s of %s", name, type).isEqualTo(property.get("const"));
            }
        });
        assertThat(EventCodec.DATA_CONTENT_TYPE).isEqualTo(APPLICATION_JSON);
    }

    // ---- (b) the payload schema matches the payload record ---------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void payloadSchemaMatchesThePayloadRecord(EventType<?> type) {
        Object payload = message(type).get("payload");
        assertThat(map(payload, type + " payload")).as("payload of %s is a $ref", type).containsOnlyKeys("$ref");
        checkRecord(type.payload(), map(resolve(payload), type + " payload"), type.name() + ".payload");
    }

    // ---- (c) the document describes no event the code does not know -----------------------------------------

    @Test
    void everyDocumentedMessageIsAKnownEventType() {
        Set<String> known = EventTypes.all().stream().map(EventType::name).collect(Collectors.toSet());
        List<String> documented = new ArrayList<>();
        map(components().get("messages"), "components.messages").forEach((key, value) -> {
            Map<String, Object> message = map(value, key);
            String name = (String) message.get("name");
            assertThat(name).as("name of components.messages.%s", key).isNotNull();
            assertThat(key).as("key of message %s", name).isEqualTo(name);
            documented.add(name);
            if (APPLICATION_JSON.equals(message.get("contentType"))
                    || refs(message.get("headers")).contains(CLOUD_EVENT_HEADERS)) {
                assertThat(known).as("a CloudEvent message must be in EventTypes").contains(name);
            }
        });
        channels().keySet().forEach(channel -> documented.addAll(channelMessageNames(channel)));

        assertThat(documented).allSatisfy(name -> assertThat(known.contains(name) || NON_EVENT_MESSAGES.contains(name))
                .as("message %s is neither in EventTypes nor a known non-event message", name)
                .isTrue());
    }

    @Test
    void everyPayloadSchemaIsUsed() {
        Set<String> referenced = new LinkedHashSet<>();
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        refs.forEach(ref -> referenced.add(ref.substring(ref.lastIndexOf('/') + 1)));
        assertThat(referenced).containsAll(map(components().get("schemas"), "components.schemas").keySet());
    }

    @Test
    void deadLetterMessageDocumentsTheHeadersTheConsumersAdd() {
        assertThat(channelMessageNames(Topics.DEAD_LETTERS)).containsExactly("DeadLetter");
        Map<String, Object> message = map(map(components().get("messages"), "messages").get("DeadLetter"),
                "DeadLetter");
        Map<String, Object> headers = map(resolve(message.get("headers")), "headers");
        assertThat(map(headers.get("properties"), "headers.properties").keySet())
                .containsExactlyInAnyOrderElementsOf(DeadLetterHeaders.ALL);
        assertThat(stringList(list(headers.get("required"), "headers.required")))
                .containsExactlyInAnyOrderElementsOf(DeadLetterHeaders.ALL);
        assertThat(message).as("a dead letter is no CloudEvent of the catalogue").doesNotContainKey("contentType");
    }

    // ---- schema checks ---------------------------------------------------------------------------------------

    /** The schema has exactly the record's components, each of the right type; required iff not nullable. */
    private static void checkRecord(Class<?> record, Map<String, Object> schema, String path) {
        assertThat(record.isRecord()).as("%s is a record", record.getName()).isTrue();
        assertThat(schema.get("type")).as("type of %s", path).isEqualTo("object");
        Map<String, Object> properties = map(schema.get("properties"), path + ".properties");
        List<String> components = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
        assertThat(properties.keySet()).as("properties of %s (record %s)", path, record.getName())
                .containsExactlyInAnyOrderElementsOf(components);

        List<?> required = schema.containsKey("required") ? list(schema.get("required"), path + ".required")
                : List.of();
        assertThat(properties.keySet()).as("required of %s", path).containsAll(stringList(required));

        for (RecordComponent component : record.getRecordComponents()) {
            String name = component.getName();
            String at = path + "." + name;
            Map<String, Object> property = map(properties.get(name), at);
            boolean nullable = isNullable(property);
            boolean isRequired = required.contains(name);
            if (component.getType().isPrimitive() || name.equals("requestId") || name.endsWith("RequestId")) {
                assertThat(isRequired).as("%s (primitive or id) is required", at).isTrue();
            }
            assertThat(nullable).as("%s is nullable exactly when it is not required", at).isEqualTo(!isRequired);
            checkType(component.getGenericType(), property, at);
        }
    }

    private static void checkType(Type type, Map<String, Object> schema, String path) {
        Map<String, Object> nonNull = withoutNull(schema, path);
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            assertThat(types(nonNull)).as("type of %s", path).containsExactly("array");
            checkType(parameterized.getActualTypeArguments()[0], map(nonNull.get("items"), path + ".items"),
                    path + "[]");
        } else if (type instanceof Class<?> cls && cls.isRecord()) {
            assertThat(nonNull).as("%s refers to a schema of %s", path, cls.getSimpleName()).containsKey("$ref");
            checkRecord(cls, map(resolve(nonNull), path), path);
        } else if (type == String.class) {
            assertThat(types(nonNull)).as("type of %s", path).containsExactly("string");
        } else if (type instanceof Class<?> cls && cls.isEnum()) {
            assertThat(types(nonNull)).as("type of %s", path).containsExactly("string");
            List<String> codes = Arrays.stream(cls.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            List<Object> documented = list(schema.get("enum"), path + ".enum").stream().filter(Objects::nonNull)
                    .map(Object.class::cast).toList();
            assertThat(documented)
                    .as("enum of %s: the codes of %s", path, cls.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(List.<Object>copyOf(codes));
        } else if (type == Instant.class) {
            assertThat(types(nonNull)).as("type of %s", path).containsExactly("string");
            assertThat(nonNull.get("format")).as("format of %s", path).isEqualTo("date-time");
        } else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            assertThat(types(nonNull)).as("type of %s", path).containsExactly("integer");
        } else if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            assertThat(types(nonNull)).as("type of %s", path).containsExactly("number");
        } else if (type == boolean.class || type == Boolean.class) {
            assertThat(types(nonNull)).as("type of %s", path).containsExactly("boolean");
        } else {
            fail("%s: no JSON Schema mapping for Java type %s; extend this test", path, type.getTypeName());
        }
    }

    /** Whether the schema admits null: {@code type: [x, 'null']} or {@code oneOf: [.., {type: 'null'}]}. */
    private static boolean isNullable(Map<String, Object> schema) {
        if (schema.containsKey("oneOf")) {
            return list(schema.get("oneOf"), "oneOf").stream().anyMatch(s -> types(map(s, "oneOf")).contains("null"));
        }
        return types(schema).contains("null");
    }

    /** The schema with its null alternative removed, $ref kept unresolved. */
    private static Map<String, Object> withoutNull(Map<String, Object> schema, String path) {
        if (schema.containsKey("oneOf")) {
            List<Map<String, Object>> alternatives = list(schema.get("oneOf"), path + ".oneOf").stream()
                    .map(s -> map(s, path))
                    .filter(s -> !types(s).equals(List.of("null")))
                    .toList();
            assertThat(alternatives).as("non-null alternatives of %s", path).hasSize(1);
            return alternatives.get(0);
        }
        Map<String, Object> copy = new LinkedHashMap<>(schema);
        List<String> types = new ArrayList<>(types(schema));
        types.remove("null");
        if (!types.isEmpty()) {
            copy.put("type", types.size() == 1 ? types.get(0) : types);
        }
        return copy;
    }

    private static List<String> types(Map<String, Object> schema) {
        Object type = schema.get("type");
        if (type == null) {
            return List.of();
        }
        return type instanceof List<?> list ? stringList(list) : List.of(String.valueOf(type));
    }

    // ---- navigation ------------------------------------------------------------------------------------------

    private static Map<String, Object> components() {
        return map(document.get("components"), "components");
    }

    private static Map<String, Object> channels() {
        return map(document.get("channels"), "channels");
    }

    private static Map<String, Object> message(EventType<?> type) {
        Map<String, Object> messages = map(components().get("messages"), "components.messages");
        List<Map<String, Object>> named = messages.values().stream()
                .map(m -> map(m, "message"))
                .filter(m -> type.name().equals(m.get("name")))
                .toList();
        assertThat(named).as("messages named %s in components.messages", type.name()).hasSize(1);
        return named.get(0);
    }

    /** Names of the messages of a channel's publish and subscribe operations. */
    private static List<String> channelMessageNames(String channel) {
        Map<String, Object> item = map(channels().get(channel), "channels." + channel);
        List<String> names = new ArrayList<>();
        for (String operation : List.of("publish", "subscribe")) {
            if (!item.containsKey(operation)) {
                continue;
            }
            Map<String, Object> message = map(map(item.get(operation), operation).get("message"),
                    channel + "." + operation + ".message");
            List<?> messages = message.containsKey("oneOf") ? list(message.get("oneOf"), "oneOf") : List.of(message);
            for (Object m : messages) {
                names.add((String) map(resolve(m), channel + " message").get("name"));
            }
        }
        return names;
    }

    /** The parts of a message's headers schema: itself and, resolved, each part of its {@code allOf}. */
    private static List<Map<String, Object>> headersParts(EventType<?> type) {
        Map<String, Object> headers = map(resolve(message(type).get("headers")), type + ".headers");
        List<Map<String, Object>> parts = new ArrayList<>();
        if (headers.containsKey("allOf")) {
            for (Object part : list(headers.get("allOf"), type + ".headers.allOf")) {
                parts.add(map(resolve(part), type + ".headers.allOf"));
            }
        }
        parts.add(headers);
        return parts;
    }

    /** The header properties of a message, each merged over the parts of an {@code allOf} (later parts win). */
    private static Map<String, Map<String, Object>> headersProperties(EventType<?> type) {
        Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
        for (Map<String, Object> part : headersParts(type)) {
            if (part.containsKey("properties")) {
                map(part.get("properties"), type + ".headers.properties").forEach((name, property) -> properties
                        .computeIfAbsent(name, n -> new LinkedHashMap<>())
                        .putAll(map(resolve(property), type + ".headers." + name)));
            }
        }
        return properties;
    }

    /** The required headers of a message: the union over the parts of an {@code allOf}. */
    private static Set<String> headersRequired(EventType<?> type) {
        Set<String> required = new LinkedHashSet<>();
        for (Map<String, Object> part : headersParts(type)) {
            if (part.containsKey("required")) {
                required.addAll(stringList(list(part.get("required"), type + ".headers.required")));
            }
        }
        return required;
    }

    /** The {@code $ref}s in a schema, its own and those of its {@code allOf} parts, unresolved. */
    private static List<String> refs(Object schema) {
        List<String> refs = new ArrayList<>();
        if (schema instanceof Map<?, ?> m) {
            if (m.containsKey("$ref")) {
                refs.add(String.valueOf(m.get("$ref")));
            }
            if (m.get("allOf") instanceof List<?> parts) {
                parts.forEach(part -> refs.addAll(refs(part)));
            }
        }
        return refs;
    }

    /** Follows {@code $ref}s (local JSON pointers only). */
    private static Object resolve(Object node) {
        Object current = node;
        for (int hops = 0; current instanceof Map<?, ?> m && m.containsKey("$ref"); hops++) {
            assertThat(hops).as("$ref chain too long at %s", m.get("$ref")).isLessThan(10);
            String ref = String.valueOf(m.get("$ref"));
            current = pointer(ref);
            assertThat(current).as("target of %s", ref).isNotNull();
        }
        return current;
    }

    private static Object pointer(String ref) {
        assertThat(ref).as("only local references").startsWith("#/");
        Object current = document;
        for (String token : ref.substring(2).split("/")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(token.replace("~1", "/").replace("~0", "~"));
        }
        return current;
    }

    private static void collectRefs(Object node, List<String> refs) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((key, value) -> {
                if ("$ref".equals(key)) {
                    refs.add(String.valueOf(value));
                } else {
                    collectRefs(value, refs);
                }
            });
        } else if (node instanceof List<?> l) {
            l.forEach(item -> collectRefs(item, refs));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String what) {
        assertThat(node).as("%s is a mapping", what).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    private static List<?> list(Object node, String what) {
        assertThat(node).as("%s is a list", what).isInstanceOf(List.class);
        return (List<?>) node;
    }

    private static List<String> stringList(List<?> list) {
        return list.stream().map(item -> Objects.toString(item)).toList();
    }
}
