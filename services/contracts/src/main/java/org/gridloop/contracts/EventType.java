package org.gridloop.contracts;

/**
 * A versioned event type: its CloudEvents {@code type}, the topic it travels on and its payload record.
 * Past tense, versioned: {@code gridloop.request.whistled.v1}. BPMN receive tasks and message events that wait
 * for an event are named exactly after {@link #name()}.
 */
public record EventType<T>(String name, String topic, Class<T> payload) {

    @Override
    public String toString() {
        return name;
    }
}
