package org.gridloop.reportin.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A department's answer (答复); a note is required unless the result is FIXED. */
@Schema(description = "The department's answer: FIXED, PARTLY or CANNOT_FIX, with a note unless FIXED")
public record AnswerBody(
        @NotNull @Pattern(regexp = "FIXED|PARTLY|CANNOT_FIX", message = "must be FIXED, PARTLY or CANNOT_FIX")
        @Schema(enumeration = {"FIXED", "PARTLY", "CANNOT_FIX"}, example = "FIXED") String result,
        @Size(max = 2000) @Schema(example = "已更换破损管段，路面已恢复") String note) {
}
