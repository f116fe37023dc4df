package org.gridloop.platform.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridloop.contracts.CloudEvent;

/**
 * The reactive message log: a consumer calls {@link #firstDelivery} inside the transaction that applies the event;
 * a repeat finds the row and is skipped, and a rolled-back apply leaves no row, so the event is applied again.
 */
@ApplicationScoped
public class Inbox {

    @ConfigProperty(name = "gridloop.schema")
    String schema;

    /** True when {@code consumer} sees this event for the first time (and records that it has now). */
    public Uni<Boolean> firstDelivery(String consumer, CloudEvent<?> event) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT INTO " + schema + ".inbox (consumer, event_id, event_type) "
                        + "VALUES (:consumer, :eventId, :eventType) ON CONFLICT DO NOTHING")
                .setParameter("consumer", consumer)
                .setParameter("eventId", event.id())
                .setParameter("eventType", event.type())
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
