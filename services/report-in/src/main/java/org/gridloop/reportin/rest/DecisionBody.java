package org.gridloop.reportin.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gridloop.platform.validation.OneOf;
import org.gridloop.reportin.domain.DisputeRuling;

/** A supervisor's decision on a jurisdiction dispute. */
@Schema(description = "CONFIRM (the department carries on) or REROUTE to toDepartment (a code of the directory)")
public record DecisionBody(
        @NotNull @OneOf(DisputeRuling.class) @Schema(implementation = DisputeRuling.class, example = "REROUTE")
        String decision,
        @Size(max = 64) @Schema(example = "gas") String toDepartment,
        @Size(max = 1000) @Schema(example = "燃气管线归燃气集团") String note) {

    /** The decision's code, once the body is valid. */
    public DisputeRuling code() {
        return DisputeRuling.valueOf(decision);
    }
}
