package org.gridloop.intake.domain;

import java.time.Instant;

/**
 * A photo the system keeps (照片): uploaded first, then attached to one request at one stage by the step that uses it
 * (the report, the handling, the verification). Until attached it belongs to its upload only and is served to nobody;
 * an upload never attached is deleted after a day.
 *
 * @param uploader the signed-in uploader's id, or null for an anonymous resident (then the photo's id is the key)
 */
public record Photo(String id, String requestId, Stage stage, String contentType, int width, int height, int bytes,
                    String uploader, Instant uploadedAt, Instant attachedAt) {

    /** The step a photo was taken for: 处置前后对比 sets BEFORE (the report, the grid before handling) beside AFTER. */
    public enum Stage {
        /** with the resident's (or the patrol's) report */
        REPORT,
        /** the grid worker on site, before handling */
        BEFORE,
        /** the grid worker on site, after handling */
        AFTER,
        /** the grid worker verifying the departments' work */
        VERIFY;

        /** What the spot looked like before anything was done. */
        public boolean before() {
            return this == REPORT || this == BEFORE;
        }
    }

    public boolean attached() {
        return requestId != null;
    }
}
