package org.gridloop.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EventCodecTest {

    private static final String SOURCE = "grid-intake";
    private static final String DESCRIPTION = "小区门口的路灯坏了三天，晚上很黑 🌃💡 请尽快修理！";

    private static CloudEvent<RequestEvents.Submitted> submitted() {
        RequestEvents.Submitted payload = new RequestEvents.Submitted("R-1", "resident", "street-light", DESCRIPTION,
                new RequestEvents.Location(39.9087, 116.3975, "东城区东华门街道 12 号楼"), "DC-03",
                List.of("https://photos.example/1.jpg", "https://photos.example/2.jpg"), true,
                Instant.parse("2025-03-01T19:42:06.123456789Z"));
        return CloudEvent.of(EventTypes.REQUEST_SUBMITTED, SOURCE, "R-1", Actor.ANONYMOUS, payload);
    }

    /** A valid encoded Submitted event, changed by {@code edit}. */
    private static String submittedJson(Consumer<ObjectNode> edit) {
        try {
            ObjectNode tree = (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(submitted()));
            edit.accept(tree);
            return EventCodec.mapper().writeValueAsString(tree);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode data(ObjectNode envelope) {
        return (ObjectNode) envelope.get("data");
    }

    // ---- round trip ------------------------------------------------------------------------------------------

    @Test
    void roundTripKeepsEveryAttributeAndTheChineseTextAndEmoji() {
        CloudEvent<RequestEvents.Submitted> event = submitted();

        String json = EventCodec.encode(event);
        // as it travels through Kafka: UTF-8 bytes
        String received = new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

        assertThat(json).contains(DESCRIPTION).contains("\"specversion\":\"1.0\"");
        assertThat(EventCodec.decode(received, EventTypes.REQUEST_SUBMITTED)).isEqualTo(event);
        assertThat(EventCodec.decode(received)).isEqualTo(event);
        assertThat(EventCodec.decode(received, EventTypes.REQUEST_SUBMITTED).data().description())
                .isEqualTo(DESCRIPTION);
    }

    @Test
    void roundTripOfANestedListPayload() {
        DispatchEvents.Started started = new DispatchEvents.Started("R-2", 1, "street-light", "DC-03", "东城区",
                false, List.of(
                new DispatchEvents.CalledDepartment("城管委", "LEAD", Instant.parse("2025-03-02T08:00:00Z"),
                        Instant.parse("2025-03-05T08:00:00Z")),
                new DispatchEvents.CalledDepartment("供电公司", "CO", Instant.parse("2025-03-02T08:00:00Z"),
                        Instant.parse("2025-03-05T08:00:00Z"))));
        CloudEvent<DispatchEvents.Started> event = CloudEvent.of(EventTypes.DISPATCH_STARTED, "report-in", "R-2",
                Actor.SYSTEM, started);

        assertThat(EventCodec.decode(EventCodec.encode(event), EventTypes.DISPATCH_STARTED)).isEqualTo(event);
    }

    @Test
    void encodesInstantsAsIsoTextAndLeavesNullAttributesOut() throws Exception {
        CloudEvent<RequestEvents.Accepted> event = new CloudEvent<>(CloudEvent.SPEC_VERSION, "e-1", SOURCE,
                EventTypes.REQUEST_ACCEPTED.name(), null, Instant.parse("2025-03-01T10:00:00Z"), null, null, null,
                new RequestEvents.Accepted("R-1", "street-light", null));

        JsonNode tree = EventCodec.mapper().readTree(EventCodec.encode(event));

        assertThat(tree.get("time").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(tree.has("subject")).isFalse();
        assertThat(tree.has("actor")).isFalse();
        assertThat(tree.has("topic")).as("topic() is not an attribute").isFalse();
        assertThat(tree.get("data").has("gridCode")).as("payload nulls are written").isTrue();
        assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void decodingWithTheWrongExpectedTypeIsPoison() {
        String json = EventCodec.encode(submitted());

        assertThatThrownBy(() -> EventCodec.decode(json, EventTypes.REQUEST_ACCEPTED))
                .isInstanceOf(PoisonEventException.class)
                .hasMessage("expected gridloop.request.accepted.v1 but got gridloop.request.submitted.v1");
    }

    // ---- poison records --------------------------------------------------------------------------------------

    static Stream<Arguments> poison() {
        return Stream.of(
                Arguments.of("empty", "", "empty record"),
                Arguments.of("blank", "  \n", "empty record"),
                Arguments.of("not JSON", "路灯坏了 {", "not JSON"),
                Arguments.of("truncated JSON", EventCodec.encode(submitted()).substring(0, 40), "not JSON"),
                Arguments.of("JSON array", "[{\"specversion\":\"1.0\"}]", "not a JSON object"),
                Arguments.of("JSON string", "\"gridloop.request.submitted.v1\"", "not a JSON object"),
                Arguments.of("JSON null", "null", "not a JSON object"),
                Arguments.of("missing specversion", submittedJson(e -> e.remove("specversion")),
                        "unsupported CloudEvents specversion: null"),
                Arguments.of("specversion 0.3", submittedJson(e -> e.put("specversion", "0.3")),
                        "unsupported CloudEvents specversion: 0.3"),
                Arguments.of("missing id", submittedJson(e -> e.remove("id")),
                        "missing CloudEvents attribute: id"),
                Arguments.of("null id", submittedJson(e -> e.putNull("id")),
                        "missing CloudEvents attribute: id"),
                Arguments.of("missing source", submittedJson(e -> e.remove("source")),
                        "missing CloudEvents attribute: source"),
                Arguments.of("missing type", submittedJson(e -> e.remove("type")),
                        "missing CloudEvents attribute: type"),
                Arguments.of("unknown version of a type",
                        submittedJson(e -> e.put("type", "gridloop.request.submitted.v9")),
                        "unknown event type: gridloop.request.submitted.v9"),
                Arguments.of("missing data", submittedJson(e -> e.remove("data")),
                        "gridloop.request.submitted.v1 without data"),
                Arguments.of("null data", submittedJson(e -> e.putNull("data")),
                        "gridloop.request.submitted.v1 without data"),
                Arguments.of("object where a list of strings is expected",
                        submittedJson(e -> data(e).putObject("photoUrls").put("first", "a.jpg")),
                        "data does not fit gridloop.request.submitted.v1"),
                Arguments.of("text that is no boolean",
                        submittedJson(e -> data(e).put("anonymous", "maybe")),
                        "data does not fit gridloop.request.submitted.v1"),
                Arguments.of("null for a primitive",
                        submittedJson(e -> data(e).putNull("anonymous")),
                        "data does not fit gridloop.request.submitted.v1"),
                Arguments.of("missing primitive",
                        submittedJson(e -> data(e).remove("anonymous")),
                        "data does not fit gridloop.request.submitted.v1"),
                Arguments.of("missing primitive of a nested record",
                        submittedJson(e -> ((ObjectNode) data(e).get("location")).remove("longitude")),
                        "data does not fit gridloop.request.submitted.v1"),
                Arguments.of("text for a number",
                        submittedJson(e -> ((ObjectNode) data(e).get("location")).put("latitude", "north")),
                        "data does not fit gridloop.request.submitted.v1"),
                Arguments.of("data not an object", submittedJson(e -> e.put("data", "路灯坏了")),
                        "data does not fit gridloop.request.submitted.v1"),
                Arguments.of("bad time", submittedJson(e -> e.put("time", "yesterday evening")),
                        "bad time attribute"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poison")
    void poisonRecordsAreRejectedWithAHelpfulMessage(String name, String json, String message) {
        assertThatThrownBy(() -> EventCodec.decode(json))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining(message);
        assertThatThrownBy(() -> EventCodec.decode(json, EventTypes.REQUEST_SUBMITTED))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining(message);
    }

    @Test
    void nonNumericRoundIsPoison() {
        CloudEvent<RequestEvents.Whistled> whistled = CloudEvent.of(EventTypes.REQUEST_WHISTLED, SOURCE, "R-1",
                Actor.SYSTEM, new RequestEvents.Whistled("R-1", 1, "street-light", DESCRIPTION,
                        new RequestEvents.Location(39.9, 116.4, null), "DC-03", "not on site"));
        String json = EventCodec.encode(whistled).replace("\"round\":1", "\"round\":\"first\"");
        assertThat(json).contains("\"round\":\"first\"");

        assertThatThrownBy(() -> EventCodec.decode(json, EventTypes.REQUEST_WHISTLED))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("data does not fit gridloop.request.whistled.v1")
                .hasMessageContaining("round");
    }

    @Test
    void unknownFieldsAreIgnoredSoAddingAnOptionalFieldIsCompatible() {
        String json = submittedJson(e -> {
            e.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            data(e).put("priority", "HIGH");
        });

        assertThat(EventCodec.decode(json, EventTypes.REQUEST_SUBMITTED).data().description()).isEqualTo(DESCRIPTION);
    }

    // ---- CloudEvent ------------------------------------------------------------------------------------------

    @Test
    void ofStampsAFreshUuidSpecVersionAndTime() {
        Instant before = Instant.now();
        CloudEvent<RequestEvents.Submitted> first = submitted();
        CloudEvent<RequestEvents.Submitted> second = submitted();

        assertThat(first.specversion()).isEqualTo("1.0");
        assertThat(UUID.fromString(first.id()).toString()).isEqualTo(first.id());
        assertThat(UUID.fromString(first.id()).version()).isEqualTo(4);
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.type()).isEqualTo("gridloop.request.submitted.v1");
        assertThat(first.source()).isEqualTo(SOURCE);
        assertThat(first.subject()).isEqualTo("R-1");
        assertThat(first.time()).isBetween(before, Instant.now());
        assertThat(first.datacontenttype()).isEqualTo("application/json");
        assertThat(first.actor()).isEqualTo("anonymous");
        assertThat(first.actorrole()).isEqualTo("resident");
    }

    @Test
    void withIdKeepsTheCallersId() {
        CloudEvent<RequestEvents.Accepted> event = CloudEvent.withId("R-1:accepted", EventTypes.REQUEST_ACCEPTED,
                SOURCE, "R-1", Actor.SYSTEM, new RequestEvents.Accepted("R-1", "street-light", "DC-03"));

        assertThat(event.id()).isEqualTo("R-1:accepted");
        assertThat(event.specversion()).isEqualTo(CloudEvent.SPEC_VERSION);
        assertThat(event.time()).isCloseTo(Instant.now(), within(Duration.ofSeconds(5)));
        assertThat(event.actor()).isEqualTo("system");
    }

    @Test
    void topicIsTheTopicOfTheType() {
        assertThat(submitted().topic()).isEqualTo(Topics.REQUESTS);
        CloudEvent<DispatchEvents.ReportedIn> reportedIn = CloudEvent.of(EventTypes.DISPATCH_REPORTED_IN,
                "report-in", "R-1", new Actor("wang.wei", "department"),
                new DispatchEvents.ReportedIn("R-1", 1, "城管委"));
        assertThat(reportedIn.topic()).isEqualTo(Topics.DISPATCHES);
        EventTypes.all().forEach(type -> assertThat(new CloudEvent<>(CloudEvent.SPEC_VERSION, "e", SOURCE,
                type.name(), null, null, null, null, null, null).topic()).isEqualTo(type.topic()));
    }

    @Test
    void topicOfAnUnknownTypeIsPoison() {
        CloudEvent<String> unknown = new CloudEvent<>(CloudEvent.SPEC_VERSION, "e", SOURCE,
                "gridloop.request.submitted.v9", null, null, null, null, null, "x");

        assertThatThrownBy(unknown::topic)
                .isInstanceOf(PoisonEventException.class)
                .hasMessage("unknown event type: gridloop.request.submitted.v9");
    }

    @Test
    void envelopeRequiresIdTypeAndSource() {
        assertThatThrownBy(() -> new CloudEvent<>(CloudEvent.SPEC_VERSION, null, SOURCE,
                EventTypes.REQUEST_ACCEPTED.name(), null, null, null, null, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("id");
    }
}
