package org.gridloop.escalation.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.escalation.domain.Escalation;
import org.gridloop.escalation.domain.SupervisorTask;
import org.gridloop.escalation.process.EscalationProcess;
import org.gridloop.escalation.repository.EscalationCases;
import org.gridloop.escalation.repository.Escalations;
import org.gridloop.escalation.repository.SupervisorTasks;
import org.gridloop.platform.db.Steps;
import org.gridloop.platform.rest.ProblemException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * 上提一级 on purpose by a supervisor, as one step: a community or street (or district) supervisor whose level cannot
 * solve a case raises it, with the reason, to the level above their unit. It opens an escalation (trigger
 * SUPERVISOR_RAISED) and starts the escalation process, whose entry-level decision puts it one level above the
 * supervisor's unit; the escalation record, the supervisor task there and {@code escalation.raised} (who, why)
 * commit together, so the answer already shows the escalation at its level.
 * <p>
 * One rule for a case that already has an open escalation: raising it is that escalation's RAISE decision
 * ({@code POST /api/escalations/{id}/decision}), so this answers 409 naming it, and a case never has two open
 * escalations of the ladder because two people raised it.
 */
@ApplicationScoped
public class RaiseCommands {

    /** The case and why the supervisor's level cannot solve it. */
    public record Raise(String requestId, String reason) {
    }

    /** Who raises: their id on the events and the unit they supervise (a code of {@link UnitCodes}). */
    public record Raiser(Actor actor, String unit) {
    }

    /** The new escalation at the level it entered, with its supervisor task there. */
    public record Raised(Escalation escalation, List<SupervisorTask> tasks) {
    }

    private final Steps steps;
    private final EscalationCases cases;
    private final Escalations escalations;
    private final SupervisorTasks tasks;
    private final EscalationProcess process;

    RaiseCommands(Steps steps, EscalationCases cases, Escalations escalations, SupervisorTasks tasks,
                  EscalationProcess process) {
        this.steps = steps;
        this.cases = cases;
        this.escalations = escalations;
        this.tasks = tasks;
        this.process = process;
    }

    /**
     * 400 without a reason; 404 when the case is unknown or not under the supervisor's unit; 409 when it is closed,
     * when an escalation of it is open (raise that one: its RAISE decision), or when the supervisor is at the city
     * (nothing above it). Nothing is written unless it is raised.
     */
    public Raised raise(Raise command, Raiser raiser) {
        if (command.reason() == null || command.reason().isBlank()) {
            throw ProblemException.badField("reason", "say why your level cannot solve the case");
        }
        UnitCodes.Level from = UnitCodes.level(raiser.unit());
        return steps.run(() -> {
            EscalationCases.Known known = cases.lock(command.requestId())
                    .filter(k -> k.gridCode() != null && UnitCodes.covers(raiser.unit(), k.gridCode()))
                    .orElseThrow(() -> ProblemException.notFound("no case " + command.requestId()));
            if (known.closed()) {
                throw ProblemException.conflict("case " + command.requestId() + " is closed: nothing to raise");
            }
            if (UnitCodes.above(from) == null) {
                throw ProblemException.conflict("the city is the top of the ladder: no level above it to raise "
                        + command.requestId() + " to");
            }
            List<Escalation> open = escalations.openOf(command.requestId());
            if (!open.isEmpty()) {
                throw ProblemException.conflict("case " + command.requestId() + " is escalated already ("
                        + open.stream().map(e -> e.id + " at " + e.level + " " + e.unit)
                        .collect(Collectors.joining(", "))
                        + "): raise it with that escalation's decision RAISE");
            }
            Escalation e = escalations.add(Escalation.raisedOnPurpose("ESC-" + UUID.randomUUID(),
                    command.requestId(), known.gridCode(), raiser.unit(), raiser.actor().id(), command.reason(),
                    Instant.now()));
            process.start(e);
            return new Raised(e, tasks.of(e.id));
        });
    }
}
