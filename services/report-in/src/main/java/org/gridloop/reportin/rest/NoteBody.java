package org.gridloop.reportin.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A progress note (进展) of a department. */
@Schema(description = "What the department has done so far")
public record NoteBody(@NotBlank @Size(max = 2000) @Schema(example = "已到场勘查，明日施工") String note) {
}
