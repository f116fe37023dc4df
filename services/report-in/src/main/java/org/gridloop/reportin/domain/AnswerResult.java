package org.gridloop.reportin.domain;

/** What a department says it achieved. PARTLY and CANNOT_FIX need a note saying why. */
public enum AnswerResult {
    FIXED,
    PARTLY,
    CANNOT_FIX;

    public boolean needsNote() {
        return this != FIXED;
    }
}
