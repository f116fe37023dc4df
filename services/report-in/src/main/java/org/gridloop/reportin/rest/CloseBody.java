package org.gridloop.reportin.rest;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A supervisor's closing by order (责令办结), with why. */
@Schema(description = "Why the dispatch is closed before every department answered")
public record CloseBody(@Size(max = 1000) @Schema(example = "会商决定：由街道统筹处理") String note) {
}
