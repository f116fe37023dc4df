package org.gridloop.contracts;

/**
 * What a department says it achieved ({@link DispatchEvents.Answered#result()}, {@link DispatchEvents.Answer#result()}):
 * report-in takes it from the department, escalation counts it. On the wire each is its name; PARTLY and CANNOT_FIX
 * come with a note saying why.
 */
public enum AnswerResult {
    /** 已解决. */
    FIXED,
    /** 部分解决: what is left is in the note. */
    PARTLY,
    /** 无法解决: why is in the note. */
    CANNOT_FIX;

    public boolean needsNote() {
        return this != FIXED;
    }
}
