package org.gridloop.escalation.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** 街道对职能部门的评价: the caller's rating of one department's response in one round of a case. */
public record DepartmentRatingBody(
        @NotNull @Min(1) @Schema(description = "the round the department was called into", example = "1")
        Integer round,
        @NotBlank @Size(max = 100) @Schema(description = "the department's code", example = "water")
        String department,
        @NotNull @Min(1) @Max(5) @Schema(description = "its attitude, 1 (poor) to 5 (very good)", example = "4")
        Integer attitude,
        @NotNull @Min(1) @Max(5) @Schema(description = "its result, 1 (poor) to 5 (very good)", example = "5")
        Integer result,
        @Size(max = 500) @Schema(description = "optional note (a staff note: shown shortened and masked on the "
                + "timeline)", example = "来得快，修得好")
        String note) {
}
