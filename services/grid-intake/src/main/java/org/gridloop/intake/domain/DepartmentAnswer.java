package org.gridloop.intake.domain;

import org.gridloop.contracts.AnswerResult;

/**
 * What one department answered in the last round the departments resolved (答复): its result and, unless FIXED, why
 * or what is left. The verifying grid worker and the resident see it.
 */
public record DepartmentAnswer(String department, AnswerResult result, String note) {
}
