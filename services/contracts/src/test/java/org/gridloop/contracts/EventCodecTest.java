package org.gridloop.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
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

    private static final String SOURCE = "/gridloop/grid-intake";
    private static final String DESCRIPTION = "小区门口的路灯坏了三天，晚上很黑 🌃💡 请尽快修理！";

    private static CloudEvent<RequestEvents.Submitted> submitted() {
        RequestEvents.Submitted payload = new RequestEvents.Submitted("R-1", "resident", "street-light", DESCRIPTION,
                new RequestEvents.Location(39.9087, 116.3975, "东城区东华门街道 12 号楼"), "110101001001003",
                List.of("https://photos.example/1.jpg", "https://photos.example/2.jpg"), true,
                Instant.parse("2025-03-01T19:42:06.123456789Z"));
        return CloudEvent.of(EventTypes.REQUEST_SUBMITTED, SOURCE, "R-1", Actor.ANONYMOUS, payload);
    }

    /** A record as it travels: headers and value copied out of the producer record. */
    private record Wire(Headers headers, byte[] value) {

        static Wire of(ProducerRecord<String, byte[]> record) {
            return new Wire(new RecordHeaders(record.headers().toArray()), record.value());
        }

        CloudEvent<?> decode() {
            return EventCodec.decode(headers, value);
        }

        Wire header(String name, String value) {
            headers.remove(name);
            if (value != null) {
                headers.add(name, value.getBytes(StandardCharsets.UTF_8));
            }
            return this;
        }

        Wire value(String json) {
            return new Wire(headers, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
        }

        /** The payload JSON changed by {@code edit}. */
        Wire data(Consumer<ObjectNode> edit) {
            try {
                ObjectNode tree = (ObjectNode) EventCodec.mapper().readTree(value);
                edit.accept(tree);
                return value(EventCodec.mapper().writeValueAsString(tree));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    private static Wire wire() {
        return Wire.of(EventCodec.record(submitted()));
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    // ---- round trip ------------------------------------------------------------------------------------------

    @Test
    void roundTripKeepsEveryAttributeAndTheChineseTextAndEmoji() {
        CloudEvent<RequestEvents.Submitted> event = submitted();

        ProducerRecord<String, byte[]> record = EventCodec.record(event);

        assertThat(record.topic()).isEqualTo(Topics.REQUESTS);
        assertThat(record.key()).isEqualTo("R-1");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains(DESCRIPTION)
                .as("binary mode: the value is the payload alone").doesNotContain("specversion");
        assertThat(EventCodec.decode(record.headers(), record.value(), EventTypes.REQUEST_SUBMITTED)).isEqualTo(event);
        assertThat(Wire.of(record).decode()).isEqualTo(event);
    }

    @Test
    void attributesTravelAsCeHeaders() {
        CloudEvent<RequestEvents.Submitted> event = submitted();

        ProducerRecord<String, byte[]> record = EventCodec.record(event);

        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_id")).isEqualTo(event.id());
        assertThat(header(record, "ce_type")).isEqualTo("gridloop.request.submitted.v1");
        assertThat(header(record, "ce_source")).isEqualTo(SOURCE);
        assertThat(header(record, "ce_subject")).isEqualTo("R-1");
        assertThat(header(record, "ce_actor")).isEqualTo("anonymous");
        assertThat(header(record, "ce_actorrole")).isEqualTo("resident");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(EventCodec.type(record.headers())).isEqualTo("gridloop.request.submitted.v1");
        assertThat(EventCodec.type(new RecordHeaders())).isNull();
    }

    @Test
    void roundTripOfANestedListPayload() {
        DispatchEvents.Started started = new DispatchEvents.Started("R-2", 1, "street-light", "110101001001003", "110101",
                false, List.of(
                new DispatchEvents.CalledDepartment("城管委", "LEAD", Instant.parse("2025-03-02T08:00:00Z"),
                        Instant.parse("2025-03-05T08:00:00Z")),
                new DispatchEvents.CalledDepartment("供电公司", "CO", Instant.parse("2025-03-02T08:00:00Z"),
                        Instant.parse("2025-03-05T08:00:00Z"))));
        CloudEvent<DispatchEvents.Started> event = CloudEvent.of(EventTypes.DISPATCH_STARTED, "/gridloop/report-in",
                "R-2", Actor.SYSTEM, started);

        assertThat(Wire.of(EventCodec.record(event)).decode()).isEqualTo(event);
    }

    @Test
    void anEscalationDecisionTravelsAsItsNameAndAnUnknownOneDecodesAsNull() throws Exception {
        CloudEvent<EscalationEvents.Decided> event = CloudEvent.of(EventTypes.ESCALATION_DECIDED,
                "/gridloop/escalation", "R-3", new Actor("sun", "supervisor"), new EscalationEvents.Decided("R-3",
                        "E-1", "STREET", "110105007", "sun", EscalationDecision.ORDER_CLOSING, null, null, null,
                        "督办结案"));
        Wire wire = Wire.of(EventCodec.record(event));

        assertThat(EventCodec.mapper().readTree(wire.value()).get("decision").textValue()).isEqualTo("ORDER_CLOSING");
        assertThat(wire.decode()).isEqualTo(event);
        CloudEvent<?> unknown = wire.data(d -> d.put("decision", "ADJOURN")).decode();
        assertThat(((EscalationEvents.Decided) unknown.data()).decision()).isNull();
    }

    @Test
    void reportInsCodesTravelAsTheirNamesAndUnknownOnesDecodeAsNull() throws Exception {
        Instant due = Instant.parse("2025-03-02T08:00:00Z");
        Wire answered = Wire.of(EventCodec.record(CloudEvent.of(EventTypes.DISPATCH_ANSWERED, "/gridloop/report-in",
                "R-4", Actor.SYSTEM, new DispatchEvents.Answered("R-4", 1, "water", AnswerResult.CANNOT_FIX, "地下管网"))));
        Wire decided = Wire.of(EventCodec.record(CloudEvent.of(EventTypes.DISPATCH_DISPUTE_DECIDED,
                "/gridloop/report-in", "R-4", Actor.SYSTEM, new DispatchEvents.DisputeDecided("R-4", 1, "water",
                        DisputeDecision.REROUTED, "housing", null))));
        Wire missed = Wire.of(EventCodec.record(CloudEvent.of(EventTypes.DISPATCH_LIMIT_MISSED, "/gridloop/report-in",
                "R-4", Actor.SYSTEM, new DispatchEvents.LimitMissed("R-4", 1, "water", DispatchLimit.DISPUTE_DECISION,
                        due, null))));

        assertThat(EventCodec.mapper().readTree(answered.value()).get("result").textValue()).isEqualTo("CANNOT_FIX");
        assertThat(EventCodec.mapper().readTree(decided.value()).get("decision").textValue()).isEqualTo("REROUTED");
        assertThat(EventCodec.mapper().readTree(missed.value()).get("limit").textValue())
                .isEqualTo("DISPUTE_DECISION");
        assertThat(((DispatchEvents.Answered) answered.decode().data()).result()).isEqualTo(AnswerResult.CANNOT_FIX);
        assertThat(((DispatchEvents.Answered) answered.data(d -> d.put("result", "MAYBE")).decode().data()).result())
                .isNull();
        assertThat(((DispatchEvents.DisputeDecided) decided.data(d -> d.put("decision", "ADJOURNED")).decode().data())
                .decision()).isNull();
        assertThat(((DispatchEvents.LimitMissed) missed.data(d -> d.put("limit", "LUNCH")).decode().data()).limit())
                .isNull();
    }

    @Test
    void theDepartmentsUnitAndTheRaisersWordsAreOptionalForOlderProducers() throws Exception {
        Instant due = Instant.parse("2025-03-02T08:00:00Z");
        Wire missed = Wire.of(EventCodec.record(CloudEvent.of(EventTypes.DISPATCH_LIMIT_MISSED, "/gridloop/report-in",
                "R-6", Actor.SYSTEM, new DispatchEvents.LimitMissed("R-6", 1, "district-110105",
                        DispatchLimit.RESOLUTION, due, "110105001001001", "110105"))));
        Wire raised = Wire.of(EventCodec.record(CloudEvent.of(EventTypes.ESCALATION_RAISED, "/gridloop/escalation",
                "R-6", Actor.SYSTEM, new EscalationEvents.Raised("R-6", "E-6", "SUPERVISOR_RAISED", null,
                        "110105001001001", "DISTRICT", "110105", due, "liu", "涉及区属道路"))));

        assertThat(((DispatchEvents.LimitMissed) missed.decode().data()).departmentUnit()).isEqualTo("110105");
        assertThat(((DispatchEvents.LimitMissed) missed.data(d -> d.remove("departmentUnit")).decode().data()))
                .isEqualTo(new DispatchEvents.LimitMissed("R-6", 1, "district-110105", DispatchLimit.RESOLUTION, due,
                        "110105001001001"));
        assertThat(((EscalationEvents.Raised) raised.decode().data()).note()).isEqualTo("涉及区属道路");
        EscalationEvents.Raised older = (EscalationEvents.Raised) raised.data(d -> {
            d.remove("raisedBy");
            d.remove("note");
        }).decode().data();
        assertThat(older).isEqualTo(new EscalationEvents.Raised("R-6", "E-6", "SUPERVISOR_RAISED", null,
                "110105001001001", "DISTRICT", "110105", due));
        assertThatThrownBy(() -> missed.data(d -> d.put("departmentUnit", "city")).decode())
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("LimitMissed.departmentUnit");
    }

    @Test
    void gridIntakesCodesTravelAsTheirNamesAndUnknownOnesDecodeAsNull() throws Exception {
        Wire closed = Wire.of(EventCodec.record(CloudEvent.of(EventTypes.REQUEST_CLOSED, SOURCE, "R-5", Actor.SYSTEM,
                new RequestEvents.Closed("R-5", CaseOutcome.CLOSED_BY_ORDER, null))));
        Wire rejected = Wire.of(EventCodec.record(CloudEvent.of(EventTypes.REQUEST_REJECTED, SOURCE, "R-5",
                Actor.SYSTEM, new RequestEvents.Rejected("R-5", RejectReason.NOT_ENOUGH_INFORMATION, null))));
        Wire missed = Wire.of(EventCodec.record(CloudEvent.of(EventTypes.REQUEST_LIMIT_MISSED, SOURCE, "R-5",
                Actor.SYSTEM, new RequestEvents.LimitMissed("R-5", LimitStage.GRID_HANDLING, "110105001001001",
                        Instant.parse("2025-03-02T08:00:00Z")))));

        assertThat(EventCodec.mapper().readTree(closed.value()).get("outcome").textValue())
                .isEqualTo("CLOSED_BY_ORDER");
        assertThat(EventCodec.mapper().readTree(rejected.value()).get("reason").textValue())
                .isEqualTo("NOT_ENOUGH_INFORMATION");
        assertThat(EventCodec.mapper().readTree(missed.value()).get("stage").textValue()).isEqualTo("GRID_HANDLING");
        assertThat(((RequestEvents.LimitMissed) missed.decode().data()).stage()).isEqualTo(LimitStage.GRID_HANDLING);
        assertThat(((RequestEvents.Closed) closed.data(d -> d.put("outcome", "FORGOTTEN")).decode().data()).outcome())
                .isNull();
        assertThat(((RequestEvents.Rejected) rejected.data(d -> d.put("reason", "BORING")).decode().data()).reason())
                .isNull();
        assertThat(((RequestEvents.LimitMissed) missed.data(d -> d.put("stage", "LUNCH")).decode().data()).stage())
                .isNull();
    }

    @Test
    void anEscalationsEndReasonTravelsAsItsNameAndAnUnknownOneDecodesAsNull() throws Exception {
        Wire ended = Wire.of(EventCodec.record(CloudEvent.of(EventTypes.ESCALATION_ENDED, "/gridloop/escalation",
                "R-6", Actor.SYSTEM, new EscalationEvents.Ended("R-6", "E-6", EscalationEndReason.RESOLVED))));

        assertThat(EventCodec.mapper().readTree(ended.value()).get("reason").textValue()).isEqualTo("RESOLVED");
        assertThat(ended.decode().data()).isEqualTo(new EscalationEvents.Ended("R-6", "E-6",
                EscalationEndReason.RESOLVED));
        assertThat(((EscalationEvents.Ended) ended.data(d -> d.put("reason", "BORED")).decode().data()).reason())
                .isNull();
    }

    @Test
    void encodesInstantsAsIsoTextAndLeavesNullAttributesOut() throws Exception {
        CloudEvent<RequestEvents.Accepted> event = new CloudEvent<>(CloudEvent.SPEC_VERSION, "e-1", SOURCE,
                EventTypes.REQUEST_ACCEPTED.name(), null, Instant.parse("2025-03-01T10:00:00Z"), "application/json",
                null, null, new RequestEvents.Accepted("R-1", "street-light", null));

        ProducerRecord<String, byte[]> record = EventCodec.record(event);

        assertThat(header(record, "ce_time")).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(header(record, "ce_subject")).isNull();
        assertThat(header(record, "ce_actor")).isNull();
        assertThat(EventCodec.mapper().readTree(record.value()).has("gridCode")).as("payload nulls are written")
                .isTrue();
        assertThat(Wire.of(record).decode()).isEqualTo(event);
    }

    @Test
    void carriesTheTraceContextInTheDistributedTracingExtension() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        CloudEvent<RequestEvents.Accepted> event = new CloudEvent<>(CloudEvent.SPEC_VERSION, "e-1", SOURCE,
                EventTypes.REQUEST_ACCEPTED.name(), "R-1", Instant.parse("2025-03-01T10:00:00Z"), "application/json",
                null, null, new RequestEvents.Accepted("R-1", "street-light", null), traceparent);

        ProducerRecord<String, byte[]> record = EventCodec.record(event);

        assertThat(header(record, "ce_traceparent")).isEqualTo(traceparent);
        assertThat(Wire.of(record).decode().traceparent()).isEqualTo(traceparent);
    }

    @Test
    void aBrokenTraceContextLosesTheTraceNotTheEvent() {
        CloudEvent<RequestEvents.Accepted> event = new CloudEvent<>(CloudEvent.SPEC_VERSION, "e-1", SOURCE,
                EventTypes.REQUEST_ACCEPTED.name(), "R-1", Instant.parse("2025-03-01T10:00:00Z"), "application/json",
                null, null, new RequestEvents.Accepted("R-1", "street-light", null), "00-not-a-trace-01");

        CloudEvent<?> decoded = Wire.of(EventCodec.record(event)).decode();

        assertThat(decoded.traceparent()).isNull();
        assertThat(decoded.data()).isEqualTo(event.data());
    }

    @Test
    void decodingWithTheWrongExpectedTypeIsPoison() {
        Wire wire = wire();

        assertThatThrownBy(() -> EventCodec.decode(wire.headers(), wire.value(), EventTypes.REQUEST_ACCEPTED))
                .isInstanceOf(PoisonEventException.class)
                .hasMessage("expected gridloop.request.accepted.v1 but got gridloop.request.submitted.v1");
    }

    // ---- poison records --------------------------------------------------------------------------------------

    static Stream<Arguments> poison() {
        return Stream.of(
                Arguments.of("no headers at all (a structured or foreign record)",
                        new Wire(new RecordHeaders(), "{\"specversion\":\"1.0\"}".getBytes(StandardCharsets.UTF_8)),
                        "not a CloudEvent"),
                Arguments.of("empty value", wire().value(""), "without data"),
                Arguments.of("no value", wire().value(null), "without data"),
                Arguments.of("not JSON", wire().value("路灯坏了 {"), "data does not fit"),
                Arguments.of("truncated JSON", wire().value("{\"requestId\":\"R-1\",\"sou"), "data does not fit"),
                Arguments.of("JSON array", wire().value("[{\"requestId\":\"R-1\"}]"), "data does not fit"),
                Arguments.of("JSON null", wire().value("null"), "without data"),
                Arguments.of("missing specversion", wire().header("ce_specversion", null), "not a CloudEvent"),
                Arguments.of("specversion 0.2", wire().header("ce_specversion", "0.2"), "not a CloudEvent"),
                Arguments.of("missing id", wire().header("ce_id", null), "not a CloudEvent"),
                Arguments.of("blank id", wire().header("ce_id", " "), "id must be a non-empty string"),
                Arguments.of("missing source", wire().header("ce_source", null), "not a CloudEvent"),
                Arguments.of("missing type", wire().header("ce_type", null), "not a CloudEvent"),
                Arguments.of("unknown version of a type", wire().header("ce_type", "gridloop.request.submitted.v9"),
                        "unknown event type: gridloop.request.submitted.v9"),
                Arguments.of("object where a list of strings is expected",
                        wire().data(e -> e.putObject("photoUrls").put("first", "a.jpg")),
                        "data does not fit gridloop.request.submitted.v1"),
                Arguments.of("text that is no boolean", wire().data(e -> e.put("anonymous", "maybe")),
                        "data does not fit gridloop.request.submitted.v1"),
                Arguments.of("null for a primitive", wire().data(e -> e.putNull("anonymous")),
                        "data does not fit gridloop.request.submitted.v1"),
                Arguments.of("missing primitive", wire().data(e -> e.remove("anonymous")),
                        "data does not fit gridloop.request.submitted.v1"),
                Arguments.of("missing primitive of a nested record",
                        wire().data(e -> ((ObjectNode) e.get("location")).remove("longitude")),
                        "data does not fit gridloop.request.submitted.v1"),
                Arguments.of("text for a number",
                        wire().data(e -> ((ObjectNode) e.get("location")).put("latitude", "north")),
                        "data does not fit gridloop.request.submitted.v1"),
                Arguments.of("data not an object", wire().value("\"路灯坏了\""),
                        "data does not fit gridloop.request.submitted.v1"),
                Arguments.of("bad time", wire().header("ce_time", "yesterday evening"), "not a CloudEvent"),
                // well-formed, but a value no producer can have meant: poison at once, not a handler's retry
                Arguments.of("a one-digit grid code", wire().data(e -> e.put("gridCode", "1")),
                        "Submitted.gridCode is not a grid code: 1"),
                Arguments.of("a blank request id", wire().data(e -> e.put("requestId", " ")),
                        "Submitted.requestId is not a request id"),
                Arguments.of("no request id", wire().data(e -> e.remove("requestId")),
                        "Submitted.requestId is not a request id: null"),
                Arguments.of("a request id longer than any id", wire().data(e -> e.put("requestId", "R".repeat(65))),
                        "Submitted.requestId is not a request id"),
                Arguments.of("a latitude off the globe",
                        wire().data(e -> ((ObjectNode) e.get("location")).put("latitude", 139.9)),
                        "Location.latitude is off the globe: 139.9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poison")
    void poisonRecordsAreRejectedWithAHelpfulMessage(String name, Wire wire, String message) {
        assertThatThrownBy(wire::decode)
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining(message);
        assertThatThrownBy(() -> EventCodec.decode(wire.headers(), wire.value(), EventTypes.REQUEST_SUBMITTED))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining(message);
    }

    @Test
    void nonNumericRoundIsPoison() {
        CloudEvent<RequestEvents.Whistled> whistled = CloudEvent.of(EventTypes.REQUEST_WHISTLED, SOURCE, "R-1",
                Actor.SYSTEM, new RequestEvents.Whistled("R-1", 1, "street-light", DESCRIPTION,
                        new RequestEvents.Location(39.9, 116.4, null), "110101001001003", "not on site"));
        Wire wire = Wire.of(EventCodec.record(whistled)).data(e -> e.put("round", "first"));

        assertThatThrownBy(() -> EventCodec.decode(wire.headers(), wire.value(), EventTypes.REQUEST_WHISTLED))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("data does not fit gridloop.request.whistled.v1")
                .hasMessageContaining("round");
    }

    static Stream<Arguments> impossibleValues() {
        return Stream.of(
                Arguments.of(EventTypes.REQUEST_RATED, new RequestEvents.Rated("R-1", 9, null), "is not 1 to 5: 9"),
                Arguments.of(EventTypes.DISPATCH_RESOLVED, new DispatchEvents.Resolved("R-1", 0, List.of()),
                        "Resolved.round is below 1: 0"),
                Arguments.of(EventTypes.REQUEST_REOPENED, new RequestEvents.Reopened("R-1", -1, null),
                        "Reopened.reworkCount is negative"),
                Arguments.of(EventTypes.REQUEST_REOPENED, new RequestEvents.Reopened("R-1", 1, null, 0),
                        "Reopened.round is below 1: 0"),
                Arguments.of(EventTypes.ESCALATION_DEPARTMENT_RATED, new EscalationEvents.DepartmentRated("R-1", 1,
                        "water", null, 0, 3, null), "DepartmentRated.attitude is not 1 to 5: 0"),
                Arguments.of(EventTypes.ESCALATION_DEPARTMENT_RATED, new EscalationEvents.DepartmentRated("R-1", 1,
                        "water", null, 3, 6, null), "DepartmentRated.result is not 1 to 5: 6"),
                Arguments.of(EventTypes.ESCALATION_LIFTED, new EscalationEvents.Lifted("R-1", "E-1", "COMMUNITY",
                        "GALAXY", "110101001", null), "Lifted.level is not a level: GALAXY"),
                Arguments.of(EventTypes.ESCALATION_RAISED, new EscalationEvents.Raised("R-1", "E-1",
                        "REPORT_IN_MISSED", "water", "110101001001001", "STREET", "1101", null),
                        "Raised.unit is not a unit code: 1101"),
                Arguments.of(EventTypes.DISPATCH_STARTED, new DispatchEvents.Started("R-1", 1, "water-leak",
                        "110101001001001", "110101001", false, List.of()), "Started.district is not a district code"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("impossibleValues")
    <T> void aValueNoProducerCanHaveMeantIsPoison(EventType<T> type, T payload, String message) {
        Wire wire = Wire.of(EventCodec.record(CloudEvent.of(type, SOURCE, "R-1", Actor.SYSTEM, payload)));
        assertThatThrownBy(wire::decode).isInstanceOf(PoisonEventException.class).hasMessageContaining(message);
    }

    @Test
    void possibleValuesPass() {
        for (Object payload : List.of(new RequestEvents.Rated("R-1", 1, null), new RequestEvents.Rated("R-1", 5, ""),
                new RequestEvents.Closed("R-1", CaseOutcome.REJECTED, null), new RequestEvents.Reopened("R-1", 0, null), new RequestEvents.Reopened("R-1", 1, null, 2),
                new EscalationEvents.DepartmentRated("R-1", 2, "water", "110101001001001", 1, 5, null),
                new EscalationEvents.Raised("R-1", "E-1", "RESOLUTION_MISSED", null, null, "CITY", "110100", null),
                new DispatchEvents.Started("R20261205-ABCDEFGH", 1, "water-leak", "110101001001001", "110101",
                        true, List.of()))) {
            EventValues.check(payload);
        }
    }

    /** 未诉先办: a proactive case names the cases it was opened from; an older producer's payload reads as none. */
    @Test
    void aProactiveCaseCarriesItsLinkedCasesAndAnOlderPayloadReadsAsNone() {
        RequestEvents.Submitted payload = new RequestEvents.Submitted("R-9", "proactive", "garbage", DESCRIPTION,
                new RequestEvents.Location(39.9087, 116.3975, null), "110101001001003", List.of(), false,
                Instant.parse("2026-12-06T08:00:00Z"), List.of(), List.of("R-1", "R-2"));
        CloudEvent<RequestEvents.Submitted> event = CloudEvent.of(EventTypes.REQUEST_SUBMITTED, SOURCE, "R-9",
                new Actor("li.na", "supervisor"), payload);
        Wire proactive = Wire.of(EventCodec.record(event));

        assertThat(proactive.decode()).isEqualTo(event);
        assertThat(new String(proactive.value(), StandardCharsets.UTF_8))
                .contains("\"linkedRequestIds\":[\"R-1\",\"R-2\"]");
        Wire older = wire().data(e -> e.remove("linkedRequestIds"));
        assertThat(EventCodec.decode(older.headers(), older.value(), EventTypes.REQUEST_SUBMITTED).data()
                .linkedRequestIds()).isNull();
        assertThat(submitted().data().linkedRequestIds()).as("the constructors other code calls").isNull();
    }

    @Test
    void unknownFieldsAndExtensionsAreIgnoredSoAddingAnOptionalFieldIsCompatible() {
        Wire wire = wire().header("ce_traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .data(e -> e.put("priority", "HIGH"));

        assertThat(EventCodec.decode(wire.headers(), wire.value(), EventTypes.REQUEST_SUBMITTED).data().description())
                .isEqualTo(DESCRIPTION);
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
                SOURCE, "R-1", Actor.SYSTEM, new RequestEvents.Accepted("R-1", "street-light", "110101001001003"));

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
