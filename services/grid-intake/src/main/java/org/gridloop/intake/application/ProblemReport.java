package org.gridloop.intake.application;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * What a resident (or a grid worker on patrol, or another channel through Open311) reports: the data of a
 * {@link Submission}, with the rules every channel's report must meet. The JSON body of {@code POST /api/requests}
 * is this record; Open311's form is turned into it.
 */
@Schema(name = "ProblemReport", description = "A new request: category, description, location, optional photos and contact")
public record ProblemReport(
        @NotBlank @Size(max = 64) @Schema(example = "water-leak") String category,
        @NotBlank @Size(max = 4000) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE)
        @Schema(example = "小区门口水管爆裂，水流到路面 💧") String description,
        @NotNull @Valid LocationBody location,
        @Size(max = 10) List<@NotBlank @Size(max = 2000) @Pattern(regexp = "https?://\\S+",
                message = "must be an http(s) URL") String> photoUrls,
        @Size(max = 10) @Schema(description = "photos uploaded first (POST /api/photos), by their ids")
        List<@NotBlank @Pattern(regexp = PHOTO_ID, message = PHOTO_ID_MESSAGE) String> photoIds,
        @Valid ContactBody contact,
        boolean anonymous,
        @Schema(description = "the reporter allows the photos to be shown publicly (Open311); false by default")
        boolean photosPublic) {

    /** A photo's id as {@code POST /api/photos} answers it. */
    public static final String PHOTO_ID = "[A-Za-z0-9_-]{16,32}";
    public static final String PHOTO_ID_MESSAGE = "must be the id of an uploaded photo (POST /api/photos)";

    /** Text PostgreSQL can store: no NUL characters (JSON bodies are refused earlier; this guards the forms). */
    public static final String NO_NUL = "[^\\x00]*";
    public static final String NO_NUL_MESSAGE = "must not contain NUL characters";

    public record LocationBody(
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @Size(max = 500) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String address) {
    }

    /** Kept by grid-intake only; never shown publicly, never in an event. */
    public record ContactBody(
            @Size(max = 100) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String name,
            @Size(max = 32) @Pattern(regexp = "[+0-9 ()-]{3,32}", message = "must be a phone number") String phone) {
    }
}
