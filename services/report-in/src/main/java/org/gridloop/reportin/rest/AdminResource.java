package org.gridloop.reportin.rest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Roles;
import org.gridloop.reportin.repository.DispatchQueries;

import java.util.List;

/** The data the dispatcher routes by: the department directory and the deployed routing table. Read only. */
@Path("/api/admin")
@Tag(name = "Admin", description = "The department directory and the routing rules (DMN), as deployed")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AdminResource {

    public static final String ROUTING_DECISION = "dispatch-routing";

    private final RepositoryService repository;
    private final DispatchQueries queries;

    AdminResource(RepositoryService repository, DispatchQueries queries) {
        this.repository = repository;
        this.queries = queries;
    }

    @GET
    @Path("departments")
    @Operation(summary = "The department directory", description = "Every department that can be called or "
            + "re-routed to, with the unit it belongs to (a district code, or the city) and its kind.")
    public Uni<List<DepartmentView>> departments() {
        return queries.departments().map(list -> list.stream().map(DepartmentView::of).toList());
    }

    @GET
    @Path("routing-rules")
    @Blocking
    @Operation(summary = "The routing rules", description = "The latest deployed version of the decision table "
            + "dispatch-routing (hit policy FIRST): its inputs and outputs, and every rule's input entries, output "
            + "entries and description, read from the deployed DMN. When no rule matches, the district leads (兜底).")
    public RoutingRulesView routingRules() {
        DecisionDefinition definition = repository.createDecisionDefinitionQuery()
                .decisionDefinitionKey(ROUTING_DECISION).latestVersion().singleResult();
        if (definition == null) {
            throw ProblemException.notFound("no decision " + ROUTING_DECISION + " deployed");
        }
        DmnModelInstance model = repository.getDmnModelInstance(definition.getId());
        Decision decision = model.getModelElementById(ROUTING_DECISION);
        DecisionTable table = (DecisionTable) decision.getExpression();
        List<String> inputs = table.getInputs().stream()
                .map(i -> i.getInputExpression().getText().getTextContent()).toList();
        List<String> outputs = table.getOutputs().stream().map(o -> o.getName()).toList();
        List<RoutingRulesView.RuleView> rules = table.getRules().stream().map((Rule r) -> new RoutingRulesView.RuleView(
                r.getId(), r.getInputEntries().stream().map(e -> e.getText().getTextContent()).toList(),
                r.getOutputEntries().stream().map(e -> e.getText() == null ? "" : e.getText().getTextContent()).toList(),
                r.getDescription() == null ? null : r.getDescription().getTextContent())).toList();
        return new RoutingRulesView(definition.getKey(), definition.getVersion(), table.getHitPolicy().name(), inputs,
                outputs, rules);
    }
}
