package org.gridloop.platform.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gridloop.contracts.CloudEvent;

import java.util.List;
import java.util.function.Supplier;

/**
 * The reactive side of the transactional outbox: events are added in the same Hibernate Reactive transaction as
 * the state change they announce. Use {@link #transaction} so the relay is woken once the commit happened.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    OutboxRelay relay;

    /** Adds events to the current transaction; they are published only if it commits. */
    public Uni<Void> add(CloudEvent<?>... events) {
        List<OutboxRecord> records = java.util.Arrays.stream(events).map(OutboxRecord::of).toList();
        return OutboxRecord.persist(records);
    }

    /** Runs {@code work} in a transaction and wakes the relay after it committed. */
    public <T> Uni<T> transaction(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(relay::wake);
    }
}
