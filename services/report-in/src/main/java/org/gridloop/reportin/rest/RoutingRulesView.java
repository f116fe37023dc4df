package org.gridloop.reportin.rest;

import java.util.List;

/**
 * The deployed routing table: input expressions (category, district), output names (lead, coDepartments,
 * limitClass, reportInLimit, resolveLimit), and each rule's entries in the same order, as written in the DMN ("-"
 * matches anything; an empty limit: the configured one).
 */
public record RoutingRulesView(String decision, int version, String hitPolicy, List<String> inputs,
                               List<String> outputs, List<RuleView> rules) {

    public record RuleView(String id, List<String> inputEntries, List<String> outputEntries, String description) {
    }
}
