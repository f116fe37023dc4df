package org.gridloop.escalation.messaging;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.escalation.domain.CaseGrid;
import org.gridloop.escalation.domain.Trigger;
import org.gridloop.platform.inbox.JdbcInbox;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.gridloop.escalation.process.EscalationVariables.*;

/**
 * Drives the escalation process from events, in one JTA transaction with the inbox row and whatever the process
 * emits on the way:
 * <ul>
 *   <li>a missed limit or an undecided dispute starts an escalation (business key: the request id), unless one for
 *       the same request, trigger and department is open: then the repeat is only counted on it;</li>
 *   <li>a supervisor's {@code escalation.decided} is correlated to its escalation, which ends as DECIDED;</li>
 *   <li>the case moving past what the trigger waited for ends it as RESOLVED, the request closing as CLOSED.</li>
 * </ul>
 */
@ApplicationScoped
public class EscalationProcessHandler {

    static final String CONSUMER = "escalation.process";
    private static final Logger LOG = Logger.getLogger(EscalationProcessHandler.class);

    @Inject
    RuntimeService runtime;

    @Inject
    JdbcInbox inbox;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "gridloop.schema")
    String schema;

    @Transactional
    public void handle(CloudEvent<?> event) {
        Object data = event.data();
        String grid = CaseGrid.of(data);
        boolean trigger = Trigger.of(data).isPresent();
        boolean closed = data instanceof RequestEvents.Closed;
        boolean relevant = grid != null || trigger || closed || data instanceof EscalationEvents.Decided
                || movesOn(data);
        if (!relevant || event.subject() == null || !inbox.firstDelivery(CONSUMER, event)) {
            return;
        }
        String requestId = event.subject();
        if (grid != null || closed) {
            remember(requestId, grid, closed);
        }
        if (trigger) {
            start(requestId, Trigger.of(data).get(), departmentOf(data), grid);
        } else if (data instanceof EscalationEvents.Decided decided) {
            runtime.createMessageCorrelation(event.type())
                    .processInstanceVariableEquals(ESCALATION_ID, decided.escalationId())
                    .setVariable(END_REASON, "DECIDED")
                    .correlateAllWithResult();
        } else if (closed) {
            for (ProcessInstance instance : open(requestId)) {
                correlate(event, instance, "CLOSED");
            }
        } else if (movesOn(data)) {
            for (ProcessInstance instance : open(requestId)) {
                Map<String, Object> vars = runtime.getVariables(instance.getId(), List.of(TRIGGER, DEPARTMENT));
                Trigger t = Trigger.valueOf((String) vars.get(TRIGGER));
                if (t.movedOnBy(data, (String) vars.get(DEPARTMENT))) {
                    correlate(event, instance, "RESOLVED");
                }
            }
        }
    }

    private void correlate(CloudEvent<?> event, ProcessInstance instance, String reason) {
        runtime.createMessageCorrelation(event.type())
                .processInstanceId(instance.getId())
                .setVariable(END_REASON, reason)
                .correlateAllWithResult();
    }

    private void start(String requestId, Trigger trigger, String department, String gridFromEvent) {
        String dept = department == null ? "" : department;
        Case known = known(requestId);
        if (known.closed) {
            LOG.infof("%s for closed case %s: nothing to escalate", trigger, requestId);
            return;
        }
        String grid = gridFromEvent != null ? gridFromEvent : known.grid;
        if (grid == null) {
            // the grid arrives with an event of the requests topic, which may be consumed later: retry
            throw new IllegalStateException("grid of " + requestId + " not known yet");
        }
        for (ProcessInstance instance : open(requestId)) {
            Map<String, Object> vars = runtime.getVariables(instance.getId(), List.of(TRIGGER, DEPARTMENT, REPEATS));
            if (trigger.name().equals(vars.get(TRIGGER)) && dept.equals(vars.get(DEPARTMENT))) {
                Object repeats = vars.get(REPEATS);
                runtime.setVariable(instance.getId(), REPEATS, repeats == null ? 1 : ((Number) repeats).intValue() + 1);
                return;
            }
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(REQUEST_ID, requestId);
        variables.put(ESCALATION_ID, "ESC-" + UUID.randomUUID());
        variables.put(TRIGGER, trigger.name());
        variables.put(DEPARTMENT, dept);
        variables.put(GRID_CODE, grid);
        variables.put(REPEATS, 0);
        runtime.startProcessInstanceByKey(PROCESS_KEY, requestId, variables);
    }

    private List<ProcessInstance> open(String requestId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(requestId).active().list();
    }

    static boolean movesOn(Object data) {
        for (Trigger t : Trigger.values()) {
            if (t.movedOnBy(data, departmentOf(data))) {
                return true;
            }
        }
        return false;
    }

    static String departmentOf(Object data) {
        if (data instanceof DispatchEvents.LimitMissed l) {
            return l.department();
        } else if (data instanceof DispatchEvents.ReportedIn r) {
            return r.department();
        } else if (data instanceof DispatchEvents.Answered a) {
            return a.department();
        } else if (data instanceof DispatchEvents.DisputeDecided d) {
            return d.department();
        }
        return null;
    }

    private record Case(String grid, boolean closed) {
    }

    private void remember(String requestId, String grid, boolean closed) {
        String sql = "INSERT INTO " + schema + ".escalation_case (request_id, grid_code, closed) VALUES (?, ?, ?) "
                + "ON CONFLICT (request_id) DO UPDATE SET grid_code = COALESCE(EXCLUDED.grid_code, "
                + "escalation_case.grid_code), closed = escalation_case.closed OR EXCLUDED.closed";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(sql)) {
            upsert.setString(1, requestId);
            upsert.setString(2, grid);
            upsert.setBoolean(3, closed);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record case " + requestId, e);
        }
    }

    private Case known(String requestId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT grid_code, closed FROM " + schema
                     + ".escalation_case WHERE request_id = ?")) {
            select.setString(1, requestId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new Case(row.getString(1), row.getBoolean(2)) : new Case(null, false);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read case " + requestId, e);
        }
    }
}
