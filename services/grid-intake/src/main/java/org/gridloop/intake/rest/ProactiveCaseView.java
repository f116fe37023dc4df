package org.gridloop.intake.rest;

import java.util.List;

/**
 * The answer to opening a proactive case: its id, where the case went (accepted and routed in the same step:
 * GRID_HANDLING or WHISTLED), its grid, and the cases it follows. No tracking token: the supervisor follows it as
 * staff over its grid, and nobody rates it.
 */
public record ProactiveCaseView(String id, String status, String gridCode, String source,
                                List<String> linkedRequestIds) {
}
