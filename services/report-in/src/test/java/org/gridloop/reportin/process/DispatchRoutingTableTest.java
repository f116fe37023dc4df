package org.gridloop.reportin.process;

import org.gridloop.contracts.Category;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.gridloop.platform.time.Limit;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The routing table (bpmn/report-in/dispatch-routing.dmn) evaluated by Camunda's standalone DMN engine for every
 * category a resident can choose (contracts' Category), in the sample district and another one, with the
 * district fallback of {@link Routing} when no rule matches.
 */
class DispatchRoutingTableTest {

    static final String CHAOYANG = "110105";
    static final String HAIDIAN = "110108";

    static DmnEngine engine;
    static DmnDecision decision;

    record Expected(String lead, List<String> co, String limitClass, boolean fallback) {
    }

    /** Category code → what the table must decide in Haidian (no district-specific rule there). */
    static final Map<String, Expected> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("road-damage", new Expected("transport", List.of(), "general", false));
        EXPECTED.put("street-light", new Expected("urban-management", List.of(), "general", false));
        EXPECTED.put("garbage", new Expected("environment", List.of(), "general", false));
        EXPECTED.put("illegal-parking", new Expected("transport", List.of(), "general", false));
        EXPECTED.put("water-leak", new Expected("water", List.of(), "utilities", false));
        EXPECTED.put("sewer-blockage", new Expected("water", List.of("housing"), "utilities", false));
        EXPECTED.put("noise", new Expected("environment", List.of(), "general", false));
        EXPECTED.put("illegal-construction", new Expected("urban-management", List.of("housing"), "complex", false));
        EXPECTED.put("gas-smell", new Expected("gas", List.of(), "emergency", false));
        EXPECTED.put("fallen-tree", new Expected("landscaping", List.of(), "general", false));
        EXPECTED.put("neighbour-dispute", new Expected("district-" + HAIDIAN, List.of(), "general", true));
        EXPECTED.put("other", new Expected("district-" + HAIDIAN, List.of(), "general", true));
    }

    @BeforeAll
    static void parse() throws IOException {
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream in = DispatchRoutingTableTest.class.getResourceAsStream("/processes/dispatch-routing.dmn")) {
            assertThat(in).as("dispatch-routing.dmn packaged from bpmn/report-in").isNotNull();
            decision = engine.parseDecision("dispatch-routing", in);
        }
    }

    static Routing route(String category, String district) {
        DmnDecisionRuleResult first = engine.evaluateDecisionTable(decision, Variables.createVariables()
                .putValue("category", category).putValue("district", district)).getFirstResult();
        if (first == null) {
            return Routing.of(null, null, null, district);
        }
        // an empty output entry (no co-departments) is simply absent from the result
        Map<String, Object> entries = first.getEntryMap();
        return Routing.of((String) entries.get("lead"), (String) entries.get("coDepartments"),
                (String) entries.get("limitClass"), district);
    }

    /** The category codes a resident can choose (contracts' Category, shared by the services). */
    static Set<String> categories() {
        return new TreeSet<>(Category.codes());
    }

    @Test
    void everyCategoryHasItsExpectedRouting() throws IOException {
        assertThat(EXPECTED.keySet()).as("a new category needs a routing decision here")
                .containsExactlyInAnyOrderElementsOf(categories());
        EXPECTED.forEach((category, expected) -> {
            Routing routing = route(category, HAIDIAN);
            assertThat(routing.lead()).as(category + " lead").isEqualTo(expected.lead());
            assertThat(routing.coDepartments()).as(category + " co-departments").isEqualTo(expected.co());
            assertThat(routing.limitClass()).as(category + " limit class").isEqualTo(expected.limitClass());
            assertThat(routing.fallback()).as(category + " fallback").isEqualTo(expected.fallback());
        });
    }

    @Test
    void theDistrictRefinesARule() {
        Routing chaoyang = route("illegal-construction", CHAOYANG);
        assertThat(chaoyang.lead()).isEqualTo("urban-management");
        assertThat(chaoyang.coDepartments()).containsExactly("housing", "environment");
        assertThat(chaoyang.limitClass()).isEqualTo("complex");
        assertThat(chaoyang.roles()).containsExactly(Map.entry("urban-management", "lead"),
                Map.entry("housing", "co"), Map.entry("environment", "co"));
        // elsewhere the general rule for the category
        assertThat(route("illegal-construction", HAIDIAN).coDepartments()).containsExactly("housing");
        assertThat(route("water-leak", CHAOYANG).lead()).isEqualTo("water");
    }

    @Test
    void noRuleMeansTheDistrictOwnsIt() {
        Routing routing = route("neighbour-dispute", CHAOYANG);
        assertThat(routing.fallback()).isTrue();
        assertThat(routing.departments()).containsExactly("district-110105");
        assertThat(routing.limitClass()).isEqualTo("general");
        assertThat(route("something-new", CHAOYANG).lead()).isEqualTo("district-110105");
    }

    /** An output of the first matching rule; null where it is empty or no rule matched. */
    static String output(String category, String district, String name) {
        DmnDecisionRuleResult first = engine.evaluateDecisionTable(decision, Variables.createVariables()
                .putValue("category", category).putValue("district", district)).getFirstResult();
        return first == null ? null : (String) first.getEntryMap().get(name);
    }

    /**
     * The table's own limits, where the city states them: gas reports in within 15 minutes day and night, illegal
     * construction by the close of the next working day, a street light is fixed within three working days; every
     * other category has the configured report-in limit and its class's resolution limit. Each stated one is a limit
     * the work calendar can count.
     */
    @Test
    void theTableStatesItsOwnLimitsForSomeCategories() throws IOException {
        assertThat(output("gas-smell", HAIDIAN, "reportInLimit")).isEqualTo("PT15M");
        assertThat(output("illegal-construction", HAIDIAN, "reportInLimit")).isEqualTo("1WD");
        assertThat(output("illegal-construction", CHAOYANG, "reportInLimit")).isEqualTo("1WD");
        assertThat(output("street-light", HAIDIAN, "resolveLimit")).isEqualTo("3WD");
        assertThat(output("street-light", HAIDIAN, "reportInLimit")).isNull();
        assertThat(output("water-leak", HAIDIAN, "reportInLimit")).isNull();
        assertThat(output("water-leak", HAIDIAN, "resolveLimit")).isNull();
        for (String category : categories()) {
            for (String name : List.of("reportInLimit", "resolveLimit")) {
                String stated = output(category, CHAOYANG, name);
                if (stated != null) {
                    assertThatCode(() -> Limit.of(stated)).as("%s %s: %s", category, name, stated)
                            .doesNotThrowAnyException();
                }
            }
        }
    }

    @Test
    void aReopenedRoundTakesThePreviousDepartmentsAndRoles() {
        Routing routing = Routing.previous("housing:lead,water:co,environment:co", "utilities");
        assertThat(routing.roles()).containsExactly(Map.entry("housing", "lead"), Map.entry("water", "co"),
                Map.entry("environment", "co"));
        assertThat(routing.limitClass()).isEqualTo("utilities");
        assertThat(routing.fallback()).isFalse();
    }
}
