package org.gridloop.reportin.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A department disputes jurisdiction (管辖异议), with a reason. */
@Schema(description = "Why this is not the department's to fix")
public record DisputeBody(@NotBlank @Size(max = 2000) @Schema(example = "属燃气管线，非供水管网") String reason) {
}
