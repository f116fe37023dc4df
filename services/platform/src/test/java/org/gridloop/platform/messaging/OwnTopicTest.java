package org.gridloop.platform.messaging;

import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.PoisonEventException;
import org.gridloop.contracts.Topics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only a topic's owner writes it, and a type travels only on its own topic. */
class OwnTopicTest {

    private static CloudEvent<DispatchEvents.Resolved> resolved(String source) {
        return CloudEvent.of(EventTypes.DISPATCH_RESOLVED, source, "R-1", Actor.SYSTEM,
                new DispatchEvents.Resolved("R-1", 1, List.of()));
    }

    @Test
    void theOwnersEventOnItsTopicPasses() {
        assertThatCode(() -> EventBatches.requireItsOwnTopic(resolved("/gridloop/report-in"), Topics.DISPATCHES))
                .doesNotThrowAnyException();
    }

    @Test
    void anotherProducerIsPoison() {
        assertThatThrownBy(() -> EventBatches.requireItsOwnTopic(resolved("/gridloop/escalation"), Topics.DISPATCHES))
                .isInstanceOf(PoisonEventException.class)
                .hasMessage("produced by /gridloop/escalation, but gridloop.dispatches is written only by "
                        + "/gridloop/report-in");
    }

    @Test
    void aTypeOnAnotherTopicIsPoisonEvenFromThatTopicsOwner() {
        assertThatThrownBy(() -> EventBatches.requireItsOwnTopic(resolved("/gridloop/escalation"), Topics.ESCALATIONS))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("travels on gridloop.dispatches, not on gridloop.escalations");
    }
}
