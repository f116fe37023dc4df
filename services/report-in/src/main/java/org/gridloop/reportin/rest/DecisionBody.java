package org.gridloop.reportin.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A supervisor's decision on a jurisdiction dispute. */
@Schema(description = "CONFIRM (the department carries on) or REROUTE to toDepartment (a code of the directory)")
public record DecisionBody(
        @NotNull @Pattern(regexp = "CONFIRM|REROUTE", message = "must be CONFIRM or REROUTE")
        @Schema(enumeration = {"CONFIRM", "REROUTE"}, example = "REROUTE") String decision,
        @Size(max = 64) @Schema(example = "gas") String toDepartment,
        @Size(max = 1000) @Schema(example = "燃气管线归燃气集团") String note) {
}
