package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.HistoryService;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.contracts.Topics;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.platform.outbox.Outbox;
import org.gridloop.platform.outbox.OutboxRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No dual writes, no double application: the outbox and the inbox, against the real database and broker. */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class OutboxAndInboxIT {

    @Inject
    Outbox outbox;

    @Inject
    HistoryService history;

    private static CloudEvent<RequestEvents.Rated> rated(String requestId) {
        return CloudEvent.of(EventTypes.REQUEST_RATED, "/test", requestId, Actor.SYSTEM,
                new RequestEvents.Rated(requestId, 5, "test"));
    }

    @Test
    void aRolledBackStateChangePublishesNothingAndACommittedOnePublishes() throws Throwable {
        String rolledBack = "R-ROLLBACK-" + UUID.randomUUID();
        String committed = "R-COMMIT-" + UUID.randomUUID();

        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> outbox.transaction(() ->
                outbox.add(rated(rolledBack))
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("state change failed"))))))
                .hasMessageContaining("state change failed");
        VertxContextSupport.subscribeAndAwait(() -> outbox.transaction(() -> outbox.add(rated(committed))));

        List<CloudEvent<?>> published = KafkaProbe.events(Topics.REQUESTS, committed, Duration.ofSeconds(10));
        assertThat(published).extracting(CloudEvent::type).containsExactly(EventTypes.REQUEST_RATED.name());
        assertThat(KafkaProbe.events(Topics.REQUESTS, rolledBack, Duration.ofSeconds(2))).isEmpty();
        long leftInOutbox = VertxContextSupport.subscribeAndAwait(() -> io.quarkus.hibernate.reactive.panache.Panache
                .withSession(() -> OutboxRecord.count("recordKey in (?1, ?2)", rolledBack, committed)));
        assertThat(leftInOutbox).as("the relay deleted what it published; the rollback left nothing").isZero();
    }

    @Test
    void theSameEventDeliveredTwiceStartsOneProcess() throws Exception {
        String requestId = "R-TWICE-" + UUID.randomUUID().toString().substring(0, 8);
        CloudEvent<RequestEvents.Submitted> submitted = CloudEvent.of(EventTypes.REQUEST_SUBMITTED, "/test", requestId,
                Actor.ANONYMOUS, new RequestEvents.Submitted(requestId, "resident", "water-leak", "重复投递",
                        new RequestEvents.Location(39.905, 116.445, null), "110105001001001", List.of(), true,
                        Instant.now()));
        KafkaProbe.send(submitted);
        KafkaProbe.send(submitted);

        List<CloudEvent<?>> events = KafkaProbe.events(Topics.REQUESTS, requestId, Duration.ofSeconds(12));
        assertThat(KafkaProbe.count(events, EventTypes.REQUEST_SUBMITTED.name())).isEqualTo(2);
        assertThat(KafkaProbe.count(events, EventTypes.REQUEST_ACCEPTED.name())).isEqualTo(1);
        assertThat(KafkaProbe.count(events, EventTypes.REQUEST_WHISTLED.name())).isEqualTo(1);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(requestId).count())
                .isEqualTo(1);
    }
}
