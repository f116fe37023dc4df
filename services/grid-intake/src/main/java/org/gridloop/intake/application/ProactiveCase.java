package org.gridloop.intake.application;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gridloop.contracts.EventValues;

import java.util.List;

/**
 * 未诉先办: what a supervisor opens a proactive case with, from a hotspot of earlier cases. The same problem data a
 * resident's report needs (category, description, location: the grid is found from the location as for every
 * report), no contact and no photos, and the cases that led to it. The JSON body of
 * {@code POST /api/requests/proactive}.
 */
@Schema(name = "ProactiveCase", description = "A proactive case (未诉先办): category, description, location, and the "
        + "earlier cases it follows (1 to " + ProactiveCase.MAX_LINKED + ", each under the supervisor's unit)")
public record ProactiveCase(
        @NotBlank @Size(max = 64) @Schema(example = "garbage") String category,
        @NotBlank @Size(max = 4000) @Pattern(regexp = ProblemReport.NO_NUL, message = ProblemReport.NO_NUL_MESSAGE)
        @Schema(example = "本月第三次：小区东门垃圾堆放，需清运并加设垃圾桶") String description,
        @NotNull @Valid ProblemReport.LocationBody location,
        @NotNull @Size(min = 1, max = MAX_LINKED)
        @Schema(description = "the cases that led to it (request ids; closed ones too); a repeated id counts once")
        List<@NotBlank @Size(max = EventValues.MAX_REQUEST_ID) String> linkedRequestIds) {

    public static final int MAX_LINKED = 50;

    /** As a report of the channel {@code proactive}: no contact, no photos, never anonymous. */
    ProblemReport asReport() {
        return new ProblemReport(category, description, location, List.of(), List.of(), null, false, false);
    }
}
