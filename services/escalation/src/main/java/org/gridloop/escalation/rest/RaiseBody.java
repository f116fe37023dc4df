package org.gridloop.escalation.rest;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** 上提一级 on purpose: why the supervisor's level cannot solve the case (required). */
public record RaiseBody(
        @Size(max = 500) @Schema(description = "why this level cannot solve the case (conditions, capacity, "
                + "jurisdiction); required", example = "涉及区属道路，街道无权协调")
        String reason) {
}
