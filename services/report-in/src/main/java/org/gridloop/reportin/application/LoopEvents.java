package org.gridloop.reportin.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EscalationDecision;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.reportin.domain.AssignmentStatus;
import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.domain.Dispatch;
import org.gridloop.reportin.domain.DispatchNote;
import org.gridloop.reportin.domain.DispatchStatus;
import org.gridloop.reportin.process.DispatchProcess;
import org.gridloop.reportin.repository.Assignments;
import org.gridloop.reportin.repository.DispatchNotes;
import org.gridloop.reportin.repository.Dispatches;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What other services' events do here, each inside the consumer's batch transaction: a whistle starts a dispatch
 * round (its record and its process, which calls the departments), a supervisor's escalation decision moves a
 * department or the round.
 */
@ApplicationScoped
public class LoopEvents {

    private static final Logger LOG = Logger.getLogger(LoopEvents.class);

    private final Dispatches dispatches;
    private final Assignments assignments;
    private final DispatchNotes notes;
    private final DispatchProcess process;
    private final DispatchCommands commands;

    LoopEvents(Dispatches dispatches, Assignments assignments, DispatchNotes notes, DispatchProcess process,
               DispatchCommands commands) {
        this.dispatches = dispatches;
        this.assignments = assignments;
        this.notes = notes;
        this.process = process;
        this.commands = commands;
    }

    /**
     * 吹哨: a round of departments for the case. A reopened round (after a failed verification or a resident's
     * 返工) calls the departments the previous round ended with (after re-routes), in the same roles.
     */
    public void whistled(CloudEvent<RequestEvents.Whistled> event) {
        RequestEvents.Whistled whistled = event.data();
        String id = Dispatch.id(whistled.requestId(), whistled.round());
        if (dispatches.forUpdate(id).isPresent()) {
            LOG.infof("dispatch of %s round %d exists; whistle %s ignored", whistled.requestId(), whistled.round(),
                    event.id());
            return;
        }
        Dispatch dispatch = Dispatch.open(whistled.requestId(), whistled.round());
        dispatch.category = whistled.category();
        dispatch.description = whistled.description();
        dispatch.gridCode = whistled.gridCode();
        dispatch.district = UnitCodes.unitAt(whistled.gridCode(), UnitCodes.Level.DISTRICT);
        if (whistled.location() != null) {
            dispatch.latitude = whistled.location().latitude();
            dispatch.longitude = whistled.location().longitude();
            dispatch.address = whistled.location().address();
        }
        dispatches.add(dispatch);
        String previousDepartments = null;
        String previousLimitClass = null;
        if (whistled.round() > 1) {
            Dispatch previous = dispatches.read(Dispatch.id(whistled.requestId(), whistled.round() - 1));
            List<DepartmentAssignment> called = assignments.ofRound(whistled.requestId(), whistled.round() - 1)
                    .stream().filter(a -> a.status != AssignmentStatus.REROUTED).toList();
            previousDepartments = called.isEmpty() ? null
                    : called.stream().map(a -> a.department + ":" + a.role).collect(Collectors.joining(","));
            previousLimitClass = previous.limitClass;
            // the same category: the limits the table stated for the first round hold for this one
            dispatch.reportInLimit = previous.reportInLimit;
            dispatch.resolveLimit = previous.resolveLimit;
        }
        process.start(dispatch, previousDepartments, previousLimitClass);
    }

    /**
     * A supervisor decided an escalated case, applied to its current round: ORDER_CLOSING closes the round by
     * order, NEW_DEADLINE gives the department more time, REASSIGN calls another department in its place,
     * COORDINATE (会商联办) calls the departments it names into the round (noted on the round). A decision for a department no longer at work changes nothing.
     */
    public void escalationDecided(CloudEvent<EscalationEvents.Decided> event) {
        EscalationEvents.Decided decided = event.data();
        Dispatch dispatch = dispatches.current(decided.requestId()).orElse(null);
        if (dispatch == null || dispatch.status != DispatchStatus.OPEN) {
            LOG.infof("escalation %s of %s: no open dispatch", decided.decision(), decided.requestId());
            return;
        }
        Actor supervisor = new Actor(decided.supervisor() == null ? "supervisor" : decided.supervisor(), "supervisor");
        String note = decided.note();
        EscalationDecision decision = decided.decision();
        if (decision == null) {
            LOG.warnf("escalation decision of %s: not one report-in knows", dispatch.requestId);
            return;
        }
        switch (decision) {
            case ORDER_CLOSING -> commands.closeByOrder(dispatch, note, supervisor);
            case NEW_DEADLINE, REASSIGN -> moveDepartment(dispatch, decided, event);
            case COORDINATE -> commands.convene(dispatch, decided.departments(), decided.escalationId(), supervisor,
                    note, event.time());
            // 上提一级: the escalation climbs; the departments go on as they are
            case RAISE -> LOG.infof("escalation of %s raised one level by %s", dispatch.requestId,
                    decided.supervisor());
        }
    }

    private void moveDepartment(Dispatch dispatch, EscalationEvents.Decided decided, CloudEvent<?> event) {
        boolean reassign = decided.decision() == EscalationDecision.REASSIGN;
        String to = reassign ? decided.toDepartment() : null;
        if (decided.department() == null || reassign && (to == null || to.isBlank())
                || !reassign && decided.newDeadline() == null) {
            LOG.warnf("escalation %s of %s names no department or target", decided.decision(), dispatch.requestId);
            return;
        }
        DepartmentAssignment assignment = assignments.of(dispatch.requestId, dispatch.round, decided.department())
                .filter(a -> a.status.open()).orElse(null);
        if (assignment == null || reassign && assignments.of(dispatch.requestId, dispatch.round, to).isPresent()) {
            LOG.infof("escalation %s of %s: %s is not at work, or %s is called already", decided.decision(),
                    dispatch.requestId, decided.department(), to);
            return;
        }
        if (!process.escalationDecided(assignment, decided.decision(), to, decided.newDeadline(), event.time())) {
            LOG.infof("escalation %s of %s: %s is not waiting", decided.decision(), dispatch.requestId,
                    decided.department());
            return;
        }
        String text = reassign ? "to " + to : "until " + decided.newDeadline();
        notes.add(DispatchNote.of(dispatch.requestId, dispatch.round, decided.department(),
                decided.decision().name(),
                text + (decided.note() == null ? "" : ": " + decided.note()), decided.supervisor(), event.time()));
    }
}
