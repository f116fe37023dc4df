package org.gridloop.platform.messaging;

import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventType;
import org.gridloop.platform.tracing.Tracing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a service does with the events it consumes, keyed by event type: the one table its consumer feeds. A
 * handler runs inside the transaction that applies a batch of records (with the inbox marks), so whatever it
 * writes — records, engine commands, outbox events — commits with the batch or not at all. Batch handlers (a
 * projection that writes many rows at once) get every new event of their types of the transaction, after the
 * per-event handlers ran.
 */
public final class EventHandlers {

    /** Applies one event. */
    @FunctionalInterface
    public interface Handler<T> {
        void apply(CloudEvent<T> event);
    }

    /** Applies the new events of a transaction together, in the order they were read. */
    @FunctionalInterface
    public interface BatchHandler {
        void apply(List<CloudEvent<?>> events);
    }

    private record Batch(Set<String> types, BatchHandler handler) {
    }

    private final String consumer;
    private final Map<String, List<Handler<Object>>> handlers;
    private final List<Batch> batches;
    private final Set<String> wanted;

    private EventHandlers(String consumer, Map<String, List<Handler<Object>>> handlers, List<Batch> batches) {
        this.consumer = consumer;
        this.handlers = handlers;
        this.batches = batches;
        Set<String> all = new LinkedHashSet<>(handlers.keySet());
        batches.forEach(b -> all.addAll(b.types()));
        this.wanted = Set.copyOf(all);
    }

    /** {@code consumer} names the inbox of the service (its consumer group). */
    public static Builder forConsumer(String consumer) {
        return new Builder(consumer);
    }

    public String consumer() {
        return consumer;
    }

    /** Whether any handler wants events of this type (decided from the record's type header alone). */
    public boolean wants(String type) {
        return wanted.contains(type);
    }

    public Set<String> types() {
        return wanted;
    }

    /**
     * Runs the handlers of these events, in order (each event's in a span continuing its trace), then the batch
     * handlers.
     */
    void apply(List<CloudEvent<?>> events, Tracing tracing) {
        for (CloudEvent<?> event : events) {
            List<Handler<Object>> forType = handlers.get(event.type());
            if (forType != null) {
                tracing.consuming(consumer, event, () -> {
                    for (Handler<Object> handler : forType) {
                        handler.apply(cast(event));
                    }
                });
            }
        }
        for (Batch batch : batches) {
            List<CloudEvent<?>> mine = events.stream().filter(e -> batch.types().contains(e.type())).toList();
            if (!mine.isEmpty()) {
                batch.handler().apply(mine);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static CloudEvent<Object> cast(CloudEvent<?> event) {
        return (CloudEvent<Object>) event;
    }

    public static final class Builder {

        private final String consumer;
        private final Map<String, List<Handler<Object>>> handlers = new LinkedHashMap<>();
        private final List<Batch> batches = new ArrayList<>();

        private Builder(String consumer) {
            this.consumer = consumer;
        }

        @SuppressWarnings("unchecked")
        public <T> Builder on(EventType<T> type, Handler<T> handler) {
            handlers.computeIfAbsent(type.name(), t -> new ArrayList<>()).add((Handler<Object>) (Handler<?>) handler);
            return this;
        }

        public Builder onBatchOf(Collection<EventType<?>> types, BatchHandler handler) {
            Set<String> names = new LinkedHashSet<>();
            types.forEach(t -> names.add(t.name()));
            batches.add(new Batch(Set.copyOf(names), handler));
            return this;
        }

        public EventHandlers build() {
            Map<String, List<Handler<Object>>> copy = new LinkedHashMap<>();
            handlers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new EventHandlers(consumer, Map.copyOf(copy), List.copyOf(batches));
        }
    }
}
