package org.gridloop.escalation;

import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EventType;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.escalation.domain.EventSummary;
import org.gridloop.escalation.domain.Stage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event type of the catalogue has its stage; summaries stay short and free of contact details. */
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
    void summariesNameTheDepartmentAndMaskContactDetails() {
        EventSummary answered = EventSummary.of(new DispatchEvents.Answered("R1", 1, "water", "FIXED",
                "pipe replaced"));
        assertThat(answered.department()).isEqualTo("water");
        assertThat(answered.detail()).isEqualTo("water: FIXED — pipe replaced");

        EventSummary masked = EventSummary.of(new RequestEvents.HandledOnSite("R1", "110105001001001",
                "called the owner on 138-0000-0000 and mailed a@b.cn", List.of()));
        assertThat(masked.detail()).doesNotContain("0000").doesNotContain("a@b.cn");

        EventSummary submitted = EventSummary.of(new RequestEvents.Submitted("R1", "resident", "water-leak",
                "call me 13800000000", new RequestEvents.Location(39.9, 116.4, "my flat"), "110105001001001",
                List.of(), true, null));
        assertThat(submitted.detail()).doesNotContain("13800000000").doesNotContain("my flat");

        String longNote = "x".repeat(2000);
        assertThat(EventSummary.of(new DispatchEvents.Progressed("R1", 1, "water", longNote)).detail().length())
                .isLessThanOrEqualTo(500);
    }
}
