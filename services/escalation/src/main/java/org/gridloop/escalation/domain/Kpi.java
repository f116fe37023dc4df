package org.gridloop.escalation.domain;

import org.gridloop.contracts.CaseOutcome;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The evaluation figures (全程评价), each defined once: its formula in words (written in the README and the kpis.csv
 * export; the pages word it from their catalogue by the figure's code) and the same formula as SQL predicates over the fact tables. The numerator counts the rows matching
 * the denominator's predicate <em>and</em> the numerator's. Rows are those of the unit (a grid, community, street,
 * district or city by code prefix; a department by the cases it was called to) and of the period (the day, in
 * Asia/Shanghai, the case was submitted; for RESPONSE the day the department was called; for ESCALATIONS the day
 * it was raised). The DEPT_ figures judge the departments called (one row per department, case and round): how the
 * callers rated them and what counted against their round.
 */
public enum Kpi {

    RESPONSE("响应率", Source.DISPATCHES,
            "departments that reported in by the report-in due time / departments called",
            "reported_in_at IS NOT NULL AND reported_in_at <= report_in_due", "TRUE"),
    DEPT_ATTITUDE("部门态度好评率", Source.DISPATCHES,
            "calls whose caller (the grid or street that called the department) rated its attitude good (4 or 5 of "
                    + "5) / calls the caller rated",
            "attitude >= 4", "attitude IS NOT NULL"),
    DEPT_RESULT("部门结果好评率", Source.DISPATCHES,
            "calls whose caller rated the department's result good (4 or 5 of 5) / calls the caller rated",
            "rated_result >= 4", "rated_result IS NOT NULL"),
    DEPT_VERIFICATION_FAILED("部门核查未通过率", Source.DISPATCHES,
            "answered calls whose round failed the grid's verification on site (核查未通过) / answered calls",
            "verification_failed", "answered_at IS NOT NULL"),
    DEPT_REOPENED("部门返工率", Source.DISPATCHES,
            "answered calls whose round the resident sent back (返工) / answered calls",
            "reopened", "answered_at IS NOT NULL"),
    RESOLUTION("解决率", Source.CASES,
            "cases closed as RESOLVED / cases accepted (rejected, merged and not evaluated cases left out)",
            "outcome = " + code(CaseOutcome.RESOLVED),
            "accepted_at IS NOT NULL AND COALESCE(outcome, '') NOT IN " + codes(CaseOutcome.REJECTED, CaseOutcome.MERGED,
                    CaseOutcome.NOT_EVALUATED)),
    SATISFACTION("满意率", Source.CASES,
            "cases whose last rating is satisfied (3 to 5 of 5; 2 or less is unsatisfied) / rated cases (a report "
                    + "merged into another case counts its own reporter's rating)",
            "rating >= 3", "rating IS NOT NULL"),
    ON_TIME("按期结案率", Source.CASES,
            "closed cases whose handling finished by their due time / closed cases with a due time; "
                    + "缓办 (a supervisor granted a new deadline) left out",
            "finished_at IS NOT NULL AND finished_at <= due_at",
            "closed_at IS NOT NULL AND outcome IN " + codes(CaseOutcome.RESOLVED, CaseOutcome.UNSATISFIED,
                    CaseOutcome.NOT_EVALUATED, CaseOutcome.NOT_SOLVABLE) + " AND due_at IS NOT NULL AND NOT deferred"),
    REWORK("返工率", Source.CASES,
            "cases sent back to handling at least once (返工) / rated cases (merged reports, rated by their own "
                    + "reporters, left out: they are never sent back)",
            "rework_count >= 1", "rating IS NOT NULL AND accepted_at IS NOT NULL"),
    NOT_EVALUATED("未评价率", Source.CASES,
            "cases closed NOT_EVALUATED (no rating, nobody reached by the return visit 回访) / cases closed after "
                    + "handling (RESOLVED, UNSATISFIED or NOT_EVALUATED)",
            "outcome = " + code(CaseOutcome.NOT_EVALUATED),
            "closed_at IS NOT NULL AND outcome IN " + codes(CaseOutcome.RESOLVED, CaseOutcome.UNSATISFIED,
                    CaseOutcome.NOT_EVALUATED)),
    FALLBACK("兜底率", Source.CASES,
            "cases no routing rule matched, so the district took them (兜底) / cases whistled to departments: where "
                    + "the routing tables need work",
            "fallback", "whistled_at IS NOT NULL"),
    PATROL_FOUND("巡查发现率", Source.CASES,
            "cases a grid worker found on patrol / cases reported (merged duplicates, rejected reports and proactive "
                    + "cases, opened over reports already counted, left out): a grid finding its problems before "
                    + "residents call",
            "source = 'patrol'",
            "source IS NOT NULL AND source <> 'proactive' AND COALESCE(outcome, '') NOT IN "
                    + codes(CaseOutcome.MERGED, CaseOutcome.REJECTED)),
    ESCALATIONS("上提次数", Source.ESCALATIONS,
            "escalations raised (a count, not a rate)",
            "TRUE", null);

    /** Which fact table a figure counts rows of. */
    public enum Source {
        CASES("case_fact"), DISPATCHES("dispatch_fact"), ESCALATIONS("escalation_fact");

        private final String table;

        Source(String table) {
            this.table = table;
        }

        /** The fact table whose rows the figures of this source count. */
        public String table() {
            return table;
        }

        /** The figures counted over this source's rows, in declaration order. */
        public List<Kpi> figures() {
            return Arrays.stream(Kpi.values()).filter(k -> k.source() == this).toList();
        }
    }

    private final String label;
    private final Source source;
    private final String formula;
    private final String numerator;
    private final String denominator;

    Kpi(String label, Source source, String formula, String numerator, String denominator) {
        this.label = label;
        this.source = source;
        this.formula = formula;
        this.numerator = numerator;
        this.denominator = denominator;
    }

    public String label() {
        return label;
    }

    public Source source() {
        return source;
    }

    public String formula() {
        return formula;
    }

    /** A count is a figure without a denominator. */
    public boolean isCount() {
        return denominator == null;
    }

    /** The predicate a fact row must match to count in the numerator (it is also in the denominator). */
    public String numeratorPredicate() {
        return "(" + (denominator == null ? "TRUE" : denominator) + ") AND (" + numerator + ")";
    }

    /** The predicate of the denominator; null for a count. */
    public String denominatorPredicate() {
        return denominator;
    }

    /** {@code count(*) FILTER (...)} of the numerator. */
    public String numeratorSql() {
        return "count(*) FILTER (WHERE " + numeratorPredicate() + ")";
    }

    public String denominatorSql() {
        return denominator == null ? "NULL::bigint" : "count(*) FILTER (WHERE " + denominator + ")";
    }

    /** An outcome as SQL text: {@code 'RESOLVED'}. */
    private static String code(CaseOutcome outcome) {
        return "'" + outcome.name() + "'";
    }

    /** Outcomes as an SQL list: {@code ('REJECTED', 'MERGED')}. */
    private static String codes(CaseOutcome... outcomes) {
        return Arrays.stream(outcomes).map(Kpi::code).collect(Collectors.joining(", ", "(", ")"));
    }
}
