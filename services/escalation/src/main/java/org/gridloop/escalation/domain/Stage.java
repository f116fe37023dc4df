package org.gridloop.escalation.domain;

import org.gridloop.contracts.EventType;
import org.gridloop.contracts.EventTypes;

import java.util.Map;
import java.util.Optional;

import static java.util.Map.entry;

/**
 * The stage of the loop an event belongs to. {@link #of} is the one place where event types are mapped to stages;
 * a test checks that every type of the catalogue has one.
 */
public enum Stage {
    DISCOVERY("发现"),
    ACCEPTANCE("受理"),
    ROUTING("分流"),
    HANDLING("办理"),
    VERIFICATION("核查"),
    FEEDBACK("反馈"),
    CLOSING("办结"),
    ESCALATION("上提一级"),
    /** 评价: the caller rates a department's response; like an escalation step it marks no stage of its own. */
    EVALUATION("评价");

    private static final Map<String, Stage> BY_TYPE = Map.ofEntries(
            entry(EventTypes.REQUEST_SUBMITTED, DISCOVERY),
            entry(EventTypes.REQUEST_ACCEPTANCE_REQUESTED, ACCEPTANCE),
            entry(EventTypes.REQUEST_ACCEPTED, ACCEPTANCE),
            entry(EventTypes.REQUEST_REJECTED, ACCEPTANCE),
            entry(EventTypes.REQUEST_MERGED, ACCEPTANCE),
            entry(EventTypes.REQUEST_ROUTED_TO_GRID, ROUTING),
            entry(EventTypes.REQUEST_WHISTLE_BLOWN, ROUTING),
            entry(EventTypes.REQUEST_WHISTLED, ROUTING),
            entry(EventTypes.DISPATCH_STARTED, ROUTING),
            entry(EventTypes.REQUEST_CLAIMED, HANDLING),
            entry(EventTypes.REQUEST_UNCLAIMED, HANDLING),
            entry(EventTypes.REQUEST_HANDLED_ON_SITE, HANDLING),
            entry(EventTypes.DISPATCH_REPORTED_IN, HANDLING),
            entry(EventTypes.DISPATCH_PROGRESSED, HANDLING),
            entry(EventTypes.DISPATCH_ANSWERED, HANDLING),
            entry(EventTypes.DISPATCH_CONVENED, ESCALATION),
            entry(EventTypes.DISPATCH_RESOLVED, HANDLING),
            entry(EventTypes.REQUEST_VERIFICATION_REQUESTED, VERIFICATION),
            entry(EventTypes.REQUEST_VERIFIED, VERIFICATION),
            entry(EventTypes.REQUEST_FEEDBACK_REQUESTED, FEEDBACK),
            entry(EventTypes.REQUEST_RATED, FEEDBACK),
            entry(EventTypes.REQUEST_RETURN_VISIT_REQUESTED, FEEDBACK),
            entry(EventTypes.REQUEST_DECISION_REQUESTED, HANDLING),
            entry(EventTypes.REQUEST_CALLER_DECIDED, HANDLING),
            entry(EventTypes.REQUEST_RAISED, ESCALATION),
            entry(EventTypes.REQUEST_RETURN_VISITED, FEEDBACK),
            entry(EventTypes.REQUEST_REOPENED, FEEDBACK),
            entry(EventTypes.REQUEST_CLOSED, CLOSING),
            // a missed limit or a jurisdiction dispute is what lifts a case one level
            entry(EventTypes.REQUEST_LIMIT_MISSED, ESCALATION),
            entry(EventTypes.DISPATCH_LIMIT_MISSED, ESCALATION),
            entry(EventTypes.DISPATCH_DISPUTED, ESCALATION),
            entry(EventTypes.DISPATCH_DISPUTE_DECIDED, ESCALATION),
            entry(EventTypes.ESCALATION_RAISED, ESCALATION),
            entry(EventTypes.ESCALATION_LIFTED, ESCALATION),
            entry(EventTypes.ESCALATION_DECIDED, ESCALATION),
            entry(EventTypes.ESCALATION_ENDED, ESCALATION),
            entry(EventTypes.ESCALATION_DEPARTMENT_RATED, EVALUATION))
            .entrySet().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(e -> e.getKey().name(), Map.Entry::getValue));

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    /** The stage of an event type, empty for a type this service does not know yet. */
    public static Optional<Stage> of(String eventType) {
        return Optional.ofNullable(BY_TYPE.get(eventType));
    }

    public static Optional<Stage> of(EventType<?> type) {
        return of(type.name());
    }

    /** The lower-case name used in the database and the API: {@code discovery}, {@code handling}, ... */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** 发现, 受理, ... */
    public String label() {
        return label;
    }
}
