package org.gridloop.intake.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** 反馈: 1 (very unsatisfied) to 5 (very satisfied); 2 or less sends the case back to handling. */
public record RatingBody(@NotNull @Min(1) @Max(5) Integer rating, @Size(max = 2000) String comment) {
}
