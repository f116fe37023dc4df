package org.gridloop.intake;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.gridloop.contracts.Category;
import org.gridloop.platform.time.Limit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.FileInputStream;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The grid-routing table as shipped in bpmn/: which categories the grid handles itself, which reports a person must
 * accept (受理), and the limits it states per category, for every category and channel.
 */
class GridRoutingTableTest {

    static final Set<String> GRID_HANDLES = Set.of("garbage", "neighbour-dispute", "illegal-parking", "noise",
            "fallen-tree", "other");

    static DmnEngine engine;
    static DmnDecision decision;

    @BeforeAll
    static void parse() throws Exception {
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream in = new FileInputStream("../../bpmn/grid-intake/grid-routing.dmn")) {
            decision = engine.parseDecision("grid-routing", in);
        }
    }

    static DmnDecisionRuleResult route(String category, String source) {
        return engine.evaluateDecisionTable(decision, Variables.createVariables().putValue("category", category)
                .putValue("source", source)).getSingleResult();
    }

    /** An output of the matched rule; null where the rule leaves it empty (the engine then omits it). */
    static String entry(String category, String source, String output) {
        return (String) route(category, source).getEntryMap().get(output);
    }

    @Test
    void everyCategoryIsRoutedAndOnlyTheGridsOwnStayInTheGrid() {
        Map<String, String> routed = new LinkedHashMap<>();
        for (Category category : Category.values()) {
            for (String source : new String[]{"resident", "patrol", "open311", "proactive"}) {
                String handling = entry(category.code(), source, "handling");
                routed.put(category.code(), handling);
                assertThat(handling).as(category.code())
                        .isEqualTo(GRID_HANDLES.contains(category.code()) ? "GRID" : "WHISTLE");
                // every limit the table states is one the work calendar can count
                for (String limit : new String[]{entry(category.code(), source, "acceptanceLimit"),
                        entry(category.code(), source, "gridLimit")}) {
                    if (limit != null) {
                        assertThatCode(() -> Limit.of(limit)).as("%s/%s: %s", category.code(), source, limit)
                                .doesNotThrowAnyException();
                    }
                }
            }
        }
        assertThat(routed).hasSize(Category.values().length);
    }

    /**
     * 受理 by a person: an unclassified report from a resident or another channel, never a grid worker's own nor a
     * supervisor's proactive case.
     */
    @Test
    void anUnclassifiedReportWaitsForAPersonsAcceptanceWithinFourWorkingHours() {
        assertThat(entry("other", "resident", "acceptance")).isEqualTo("PERSON");
        assertThat(entry("other", "resident", "acceptanceLimit")).isEqualTo("4WH");
        assertThat(entry("other", "open311", "acceptance")).isEqualTo("PERSON");
        assertThat(entry("other", "patrol", "acceptance")).isEqualTo("AUTO");
        // 未诉先办: a supervisor opened it on purpose
        assertThat(entry("other", "proactive", "acceptance")).isEqualTo("AUTO");
        assertThat(entry("garbage", "resident", "acceptance")).isEqualTo("AUTO");
        assertThat(entry("water-leak", "resident", "acceptance")).isEqualTo("AUTO");
        // no handling limit of its own: the configured one
        assertThat(entry("other", "resident", "gridLimit")).isNull();
    }

    /** The city's handling limits by category: quick for what moves on, longer for mediation. */
    @Test
    void theGridHandlingLimitsFollowTheCategory() {
        assertThat(entry("illegal-parking", "resident", "gridLimit")).isEqualTo("2WH");
        assertThat(entry("noise", "resident", "gridLimit")).isEqualTo("4WH");
        assertThat(entry("garbage", "patrol", "gridLimit")).isEqualTo("1WD");
        assertThat(entry("neighbour-dispute", "resident", "gridLimit")).isEqualTo("3WD");
        assertThat(entry("fallen-tree", "resident", "gridLimit")).isEqualTo("PT4H");
        assertThat(entry("water-leak", "resident", "gridLimit")).isNull();
    }
}
