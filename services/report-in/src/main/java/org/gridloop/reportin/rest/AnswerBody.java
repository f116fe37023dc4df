package org.gridloop.reportin.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gridloop.contracts.AnswerResult;
import org.gridloop.platform.validation.OneOf;

/** A department's answer (答复); a note is required unless the result is FIXED. */
@Schema(description = "The department's answer: FIXED, PARTLY or CANNOT_FIX, with a note unless FIXED")
public record AnswerBody(
        @NotNull @OneOf(AnswerResult.class) @Schema(implementation = AnswerResult.class, example = "FIXED")
        String result,
        @Size(max = 2000) @Schema(example = "已更换破损管段，路面已恢复") String note) {

    /** The result's code, once the body is valid. */
    public AnswerResult code() {
        return AnswerResult.valueOf(result);
    }
}
