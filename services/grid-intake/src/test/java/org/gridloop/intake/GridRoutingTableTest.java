package org.gridloop.intake;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.gridloop.intake.domain.Category;
import org.junit.jupiter.api.Test;

import java.io.FileInputStream;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The grid-routing table as shipped in bpmn/: which categories the grid handles itself, for every category. */
class GridRoutingTableTest {

    static final Set<String> GRID_HANDLES = Set.of("garbage", "neighbour-dispute", "illegal-parking", "noise",
            "fallen-tree", "other");

    @Test
    void everyCategoryIsRoutedAndOnlyTheGridsOwnStayInTheGrid() throws Exception {
        DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        DmnDecision decision;
        try (InputStream in = new FileInputStream("../../bpmn/grid-intake/grid-routing.dmn")) {
            decision = engine.parseDecision("grid-routing", in);
        }
        Map<String, String> routed = new LinkedHashMap<>();
        for (Category category : Category.values()) {
            String handling = engine.evaluateDecisionTable(decision,
                    Variables.createVariables().putValue("category", category.code())).getSingleEntry();
            routed.put(category.code(), handling);
            assertThat(handling).as(category.code())
                    .isEqualTo(GRID_HANDLES.contains(category.code()) ? "GRID" : "WHISTLE");
        }
        assertThat(routed).hasSize(Category.values().length);
    }
}
