package org.gridloop.intake.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gridloop.contracts.CallerDecision;
import org.gridloop.contracts.RejectReason;
import org.gridloop.intake.application.ProblemReport;
import org.gridloop.platform.validation.OneOf;

import java.util.List;

/** What grid workers send with their task actions. */
public final class TaskBodies {

    private TaskBodies() {
    }

    /** 处置: what was done on site, with photos of the spot before and after (处置前后对比), uploaded first. */
    public record Complete(@NotBlank @Size(max = 2000) String note,
                           @Size(max = 10) List<@NotBlank @Size(max = 2000) @Pattern(regexp = "https?://\\S+",
                                   message = "must be an http(s) URL") String> photoUrls,
                           @Size(max = 10) List<@NotBlank @Pattern(regexp = ProblemReport.PHOTO_ID,
                                   message = ProblemReport.PHOTO_ID_MESSAGE) String> beforePhotoIds,
                           @Size(max = 10) List<@NotBlank @Pattern(regexp = ProblemReport.PHOTO_ID,
                                   message = ProblemReport.PHOTO_ID_MESSAGE) String> afterPhotoIds) {
    }

    /** 吹哨: why the grid cannot solve it. */
    public record Whistle(@NotBlank @Size(max = 2000) String reason) {
    }

    /** 核查: whether the departments really fixed it. */
    public record Verification(@NotNull Boolean passed, @Size(max = 2000) String note,
                               @Size(max = 10) List<@NotBlank @Size(max = 2000) @Pattern(regexp = "https?://\\S+",
                                       message = "must be an http(s) URL") String> photoUrls,
                               @Size(max = 10) List<@NotBlank @Pattern(regexp = ProblemReport.PHOTO_ID,
                                       message = ProblemReport.PHOTO_ID_MESSAGE) String> photoIds) {
    }

    /**
     * 回访: reached (and the resident's rating, 1 to 5, with their words) or nobody reached (no rating: the case closes
     * as not evaluated).
     */
    public record ReturnVisit(@NotNull Boolean reached, @Min(1) @Max(5) Integer rating,
                              @Size(max = 2000) String comment) {
    }

    /**
     * What follows a department's PARTLY or CANNOT_FIX answer: VERIFY (the answers will do), REROUTE (another round of
     * the departments) or CLOSE_NOT_SOLVABLE; a note (why; for CLOSE_NOT_SOLVABLE the explanation the resident reads)
     * unless VERIFY.
     */
    public record Decision(@NotNull @OneOf(CallerDecision.class) @Schema(implementation = CallerDecision.class)
                           String decision,
                           @Size(max = 2000) String note) {

        /** The decision's code, once the body is valid. */
        public CallerDecision code() {
            return CallerDecision.valueOf(decision);
        }
    }

    /** 上提一级 on purpose: why the grid cannot solve it (conditions, capacity, jurisdiction). */
    public record Raise(@NotBlank @Size(max = 2000) String reason) {
    }

    /** 不予受理: the reason the resident sees. */
    public record Reject(@NotNull @OneOf(RejectReason.class) @Schema(implementation = RejectReason.class)
                         String reason,
                         @Size(max = 2000) String note) {

        /** The reason's code, once the body is valid. */
        public RejectReason code() {
            return RejectReason.valueOf(reason);
        }
    }
}
