package org.gridloop.escalation;

import org.gridloop.contracts.AnswerResult;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.EventType;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.escalation.domain.Stage;
import org.gridloop.escalation.domain.TimelineDetail;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Every event type of the catalogue has its stage; details are codes and values, free of contact details. */
class StageTest {

    @Test
    void everyKnownEventTypeHasAStage() {
        for (EventType<?> type : EventTypes.all()) {
            assertThat(Stage.of(type)).as(type.name()).isPresent();
        }
        assertThat(Stage.of(EventTypes.REQUEST_SUBMITTED)).contains(Stage.DISCOVERY);
        assertThat(Stage.of(EventTypes.REQUEST_CLOSED)).contains(Stage.CLOSING);
        assertThat(Stage.of(EventTypes.DISPATCH_LIMIT_MISSED)).contains(Stage.ESCALATION);
        assertThat(Stage.of("gridloop.unknown.v1")).isEmpty();
    }

    @Test
    void detailsAreCodesWithParametersNameTheDepartmentAndMaskContactDetails() {
        TimelineDetail answered = TimelineDetail.of(EventTypes.DISPATCH_ANSWERED.name(),
                new DispatchEvents.Answered("R1", 1, "water", AnswerResult.FIXED, "pipe replaced"));
        assertThat(answered.department()).isEqualTo("water");
        assertThat(answered.code()).isEqualTo("dispatch.answered");
        assertThat(answered.params()).containsExactly(entry("department", "water"), entry("result", "FIXED"),
                entry("note", "pipe replaced"));

        TimelineDetail masked = TimelineDetail.of(EventTypes.REQUEST_HANDLED_ON_SITE.name(),
                new RequestEvents.HandledOnSite("R1", "110105001001001",
                        "called the owner on 138-0000-0000 and mailed a@b.cn", List.of("https://x/1.jpg")));
        assertThat(masked.code()).isEqualTo("request.handled-on-site");
        assertThat(masked.params()).containsExactly(entry("note", "called the owner on *** and mailed ***"),
                entry("photos", 1));
        // links and kept photos (before and after, 处置前后对比) count together
        TimelineDetail kept = TimelineDetail.of(EventTypes.REQUEST_HANDLED_ON_SITE.name(),
                new RequestEvents.HandledOnSite("R1", "110105001001001", "done", List.of("https://x/1.jpg"),
                        List.of("p1", "p2"), List.of("p3")));
        assertThat(kept.params()).containsEntry("photos", 4);
        assertThat(TimelineDetail.of(EventTypes.REQUEST_VERIFIED.name(),
                new RequestEvents.Verified("R1", 1, true, null, List.of("p4"))).params()).containsEntry("photos", 1);

        TimelineDetail submitted = TimelineDetail.of(EventTypes.REQUEST_SUBMITTED.name(),
                new RequestEvents.Submitted("R1", "resident", "water-leak", "call me 13800000000",
                        new RequestEvents.Location(39.9, 116.4, "my flat"), "110105001001001", List.of(), true, null));
        assertThat(submitted.code()).isEqualTo("request.submitted");
        assertThat(submitted.params()).containsExactly(entry("category", "water-leak"), entry("source", "resident"),
                entry("anonymous", true), entry("grid", "110105001001001"));

        Instant due = Instant.parse("2026-12-05T08:00:00Z");
        TimelineDetail raised = TimelineDetail.of(EventTypes.ESCALATION_RAISED.name(), new EscalationEvents.Raised(
                "R1", "E1", "REPORT_IN_MISSED", "water", "110105001001001", "STREET", "110105001", due));
        assertThat(raised.code()).isEqualTo("escalation.raised");
        assertThat(raised.department()).isEqualTo("water");
        assertThat(raised.params()).containsExactly(entry("trigger", "REPORT_IN_MISSED"), entry("level", "STREET"),
                entry("unit", "110105001"), entry("due", "2026-12-05T08:00:00Z"));

        TimelineDetail started = TimelineDetail.of(EventTypes.DISPATCH_STARTED.name(), new DispatchEvents.Started(
                "R1", 2, "water-leak", "110105001001001", "110105", true, List.of(
                        new DispatchEvents.CalledDepartment("housing", "co", due, due),
                        new DispatchEvents.CalledDepartment("water", "lead", due, due))));
        assertThat(started.department()).isEqualTo("water");
        assertThat(started.params()).containsExactly(entry("round", 2), entry("departments", List.of(
                        Map.of("department", "housing", "role", "co"), Map.of("department", "water", "role", "lead"))),
                entry("fallback", true), entry("district", "110105"));

        assertThat(TimelineDetail.of(EventTypes.REQUEST_RATED.name(), new RequestEvents.Rated("R1", 2, "bad"))
                .params()).containsExactly(entry("rating", 2), entry("unsatisfied", true));

        String longNote = "x".repeat(2000);
        assertThat((String) TimelineDetail.of(EventTypes.DISPATCH_PROGRESSED.name(),
                new DispatchEvents.Progressed("R1", 1, "water", longNote)).params().get("note")).hasSize(160);
    }
}
