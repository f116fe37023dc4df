package org.gridloop.contracts;

/**
 * What the caller (the grid that blew the whistle) decides when a department answered PARTLY or CANNOT_FIX
 * ({@link RequestEvents.CallerDecided#decision()}): grid-intake takes it from the grid worker, its process follows it,
 * escalation counts it. On the wire each is its name.
 */
public enum CallerDecision {
    /** The answers will do as they are: the grid verifies on site (核查) next. */
    VERIFY,
    /** 重新派单: back to the departments for another round. */
    REROUTE,
    /** 无法解决: the case closes as {@link CaseOutcome#NOT_SOLVABLE}, with the explanation the resident reads. */
    CLOSE_NOT_SOLVABLE;

    public boolean needsNote() {
        return this != VERIFY;
    }
}
