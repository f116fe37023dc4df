package org.gridloop.escalation.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gridloop.contracts.EscalationDecision;
import org.gridloop.platform.validation.OneOf;

import java.time.Instant;
import java.util.List;

/**
 * A supervisor's decision: COORDINATE (会商联办: the {@code departments} to convene, with a note), NEW_DEADLINE (for {@code department}, defaulting to the
 * stalled one, until {@code newDeadline}), REASSIGN (from {@code department} to {@code toDepartment}) or
 * ORDER_CLOSING.
 */
public record DecisionBody(
        @NotNull @OneOf(EscalationDecision.class) @Schema(implementation = EscalationDecision.class)
        String decision,
        @Size(max = 100) @Pattern(regexp = "[a-z0-9-]+", message = "a department code") @Schema(example = "water")
        String department,
        @Size(max = 100) @Pattern(regexp = "[a-z0-9-]+", message = "a department code") @Schema(example = "housing")
        String toDepartment,
        Instant newDeadline,
        @Size(max = 500) String note,
        @Size(max = 10) @Schema(description = "COORDINATE (会商联办): the departments to convene, each gets its own "
                + "report-in and resolution limits in the case's current round", example = "[\"water\", \"housing\"]")
        List<@NotNull @Size(max = 100) @Pattern(regexp = "[a-z0-9-]+", message = "a department code") String>
        departments) {

    /** The decision's code, once the body is valid. */
    public EscalationDecision code() {
        return EscalationDecision.valueOf(decision);
    }
}
