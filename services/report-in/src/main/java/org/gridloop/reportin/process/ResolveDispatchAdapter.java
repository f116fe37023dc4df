package org.gridloop.reportin.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EventCodec;
import org.gridloop.contracts.EventTypes;

import java.util.ArrayList;
import java.util.List;

import static org.gridloop.reportin.process.DispatchEventPublisher.requestId;
import static org.gridloop.reportin.process.DispatchEventPublisher.round;
import static org.gridloop.reportin.process.DispatchEventPublisher.string;

/** Every called department answered: collect the answers (lead first) and hand them back to grid-intake. */
@Named("resolveDispatchAdapter")
@ApplicationScoped
public class ResolveDispatchAdapter implements JavaDelegate {

    @Inject
    DispatchEventPublisher events;

    @Override
    public void execute(DelegateExecution execution) {
        List<DispatchEvents.Answer> answers = new ArrayList<>();
        for (String called : string(execution, ProcessVariables.CALLED).split(",")) {
            String department = called.substring(0, called.indexOf(':'));
            String role = called.substring(called.indexOf(':') + 1);
            String json = string(execution, ProcessVariables.answer(department));
            if (json == null) {
                throw new IllegalStateException("no answer from " + department + " in " + requestId(execution));
            }
            answers.add(withRole(read(json), department, role));
        }
        events.publish(execution, EventTypes.DISPATCH_RESOLVED,
                new DispatchEvents.Resolved(requestId(execution), round(execution), answers));
    }

    private static DispatchEvents.Answer withRole(DispatchEvents.Answer answer, String department, String role) {
        return new DispatchEvents.Answer(department, role, answer.result(), answer.note());
    }

    /** The driver stores each answer as JSON so that no Java-serialized object lands in the engine's tables. */
    public static String write(DispatchEvents.Answer answer) {
        try {
            return EventCodec.mapper().writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static DispatchEvents.Answer read(String json) {
        try {
            return EventCodec.mapper().readValue(json, DispatchEvents.Answer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable answer variable", e);
        }
    }
}
