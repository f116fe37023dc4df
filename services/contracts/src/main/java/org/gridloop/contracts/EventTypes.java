package org.gridloop.contracts;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The catalogue of every event type, the one place where names, topics and payloads are bound together. */
public final class EventTypes {

    private static final Map<String, EventType<?>> ALL = new LinkedHashMap<>();

    // grid-intake, on gridloop.requests
    public static final EventType<RequestEvents.Submitted> REQUEST_SUBMITTED =
            register("gridloop.request.submitted.v1", Topics.REQUESTS, RequestEvents.Submitted.class);
    public static final EventType<RequestEvents.AcceptanceRequested> REQUEST_ACCEPTANCE_REQUESTED =
            register("gridloop.request.acceptance-requested.v1", Topics.REQUESTS,
                    RequestEvents.AcceptanceRequested.class);
    public static final EventType<RequestEvents.Accepted> REQUEST_ACCEPTED =
            register("gridloop.request.accepted.v1", Topics.REQUESTS, RequestEvents.Accepted.class);
    public static final EventType<RequestEvents.Rejected> REQUEST_REJECTED =
            register("gridloop.request.rejected.v1", Topics.REQUESTS, RequestEvents.Rejected.class);
    public static final EventType<RequestEvents.Merged> REQUEST_MERGED =
            register("gridloop.request.merged.v1", Topics.REQUESTS, RequestEvents.Merged.class);
    public static final EventType<RequestEvents.RoutedToGrid> REQUEST_ROUTED_TO_GRID =
            register("gridloop.request.routed-to-grid.v1", Topics.REQUESTS, RequestEvents.RoutedToGrid.class);
    public static final EventType<RequestEvents.Claimed> REQUEST_CLAIMED =
            register("gridloop.request.claimed.v1", Topics.REQUESTS, RequestEvents.Claimed.class);
    public static final EventType<RequestEvents.Unclaimed> REQUEST_UNCLAIMED =
            register("gridloop.request.unclaimed.v1", Topics.REQUESTS, RequestEvents.Unclaimed.class);
    public static final EventType<RequestEvents.HandledOnSite> REQUEST_HANDLED_ON_SITE =
            register("gridloop.request.handled-on-site.v1", Topics.REQUESTS, RequestEvents.HandledOnSite.class);
    public static final EventType<RequestEvents.WhistleBlown> REQUEST_WHISTLE_BLOWN =
            register("gridloop.request.whistle-blown.v1", Topics.REQUESTS, RequestEvents.WhistleBlown.class);
    public static final EventType<RequestEvents.Whistled> REQUEST_WHISTLED =
            register("gridloop.request.whistled.v1", Topics.REQUESTS, RequestEvents.Whistled.class);
    public static final EventType<RequestEvents.VerificationRequested> REQUEST_VERIFICATION_REQUESTED =
            register("gridloop.request.verification-requested.v1", Topics.REQUESTS,
                    RequestEvents.VerificationRequested.class);
    public static final EventType<RequestEvents.Verified> REQUEST_VERIFIED =
            register("gridloop.request.verified.v1", Topics.REQUESTS, RequestEvents.Verified.class);
    public static final EventType<RequestEvents.FeedbackRequested> REQUEST_FEEDBACK_REQUESTED =
            register("gridloop.request.feedback-requested.v1", Topics.REQUESTS, RequestEvents.FeedbackRequested.class);
    public static final EventType<RequestEvents.Rated> REQUEST_RATED =
            register("gridloop.request.rated.v1", Topics.REQUESTS, RequestEvents.Rated.class);
    public static final EventType<RequestEvents.DecisionRequested> REQUEST_DECISION_REQUESTED =
            register("gridloop.request.decision-requested.v1", Topics.REQUESTS, RequestEvents.DecisionRequested.class);
    public static final EventType<RequestEvents.CallerDecided> REQUEST_CALLER_DECIDED =
            register("gridloop.request.caller-decided.v1", Topics.REQUESTS, RequestEvents.CallerDecided.class);
    public static final EventType<RequestEvents.Raised> REQUEST_RAISED =
            register("gridloop.request.raised.v1", Topics.REQUESTS, RequestEvents.Raised.class);
    public static final EventType<RequestEvents.ReturnVisitRequested> REQUEST_RETURN_VISIT_REQUESTED =
            register("gridloop.request.return-visit-requested.v1", Topics.REQUESTS,
                    RequestEvents.ReturnVisitRequested.class);
    public static final EventType<RequestEvents.ReturnVisited> REQUEST_RETURN_VISITED =
            register("gridloop.request.return-visited.v1", Topics.REQUESTS, RequestEvents.ReturnVisited.class);
    public static final EventType<RequestEvents.Reopened> REQUEST_REOPENED =
            register("gridloop.request.reopened.v1", Topics.REQUESTS, RequestEvents.Reopened.class);
    public static final EventType<RequestEvents.LimitMissed> REQUEST_LIMIT_MISSED =
            register("gridloop.request.limit-missed.v1", Topics.REQUESTS, RequestEvents.LimitMissed.class);
    public static final EventType<RequestEvents.Closed> REQUEST_CLOSED =
            register("gridloop.request.closed.v1", Topics.REQUESTS, RequestEvents.Closed.class);

    // report-in, on gridloop.dispatches
    public static final EventType<DispatchEvents.Started> DISPATCH_STARTED =
            register("gridloop.dispatch.started.v1", Topics.DISPATCHES, DispatchEvents.Started.class);
    public static final EventType<DispatchEvents.ReportedIn> DISPATCH_REPORTED_IN =
            register("gridloop.dispatch.reported-in.v1", Topics.DISPATCHES, DispatchEvents.ReportedIn.class);
    public static final EventType<DispatchEvents.Progressed> DISPATCH_PROGRESSED =
            register("gridloop.dispatch.progressed.v1", Topics.DISPATCHES, DispatchEvents.Progressed.class);
    public static final EventType<DispatchEvents.Answered> DISPATCH_ANSWERED =
            register("gridloop.dispatch.answered.v1", Topics.DISPATCHES, DispatchEvents.Answered.class);
    public static final EventType<DispatchEvents.Disputed> DISPATCH_DISPUTED =
            register("gridloop.dispatch.disputed.v1", Topics.DISPATCHES, DispatchEvents.Disputed.class);
    public static final EventType<DispatchEvents.DisputeDecided> DISPATCH_DISPUTE_DECIDED =
            register("gridloop.dispatch.dispute-decided.v1", Topics.DISPATCHES, DispatchEvents.DisputeDecided.class);
    public static final EventType<DispatchEvents.LimitMissed> DISPATCH_LIMIT_MISSED =
            register("gridloop.dispatch.limit-missed.v1", Topics.DISPATCHES, DispatchEvents.LimitMissed.class);
    public static final EventType<DispatchEvents.Convened> DISPATCH_CONVENED =
            register("gridloop.dispatch.convened.v1", Topics.DISPATCHES, DispatchEvents.Convened.class);
    public static final EventType<DispatchEvents.Resolved> DISPATCH_RESOLVED =
            register("gridloop.dispatch.resolved.v1", Topics.DISPATCHES, DispatchEvents.Resolved.class);

    // escalation, on gridloop.escalations
    public static final EventType<EscalationEvents.Raised> ESCALATION_RAISED =
            register("gridloop.escalation.raised.v1", Topics.ESCALATIONS, EscalationEvents.Raised.class);
    public static final EventType<EscalationEvents.Lifted> ESCALATION_LIFTED =
            register("gridloop.escalation.lifted.v1", Topics.ESCALATIONS, EscalationEvents.Lifted.class);
    public static final EventType<EscalationEvents.Decided> ESCALATION_DECIDED =
            register("gridloop.escalation.decided.v1", Topics.ESCALATIONS, EscalationEvents.Decided.class);
    public static final EventType<EscalationEvents.Ended> ESCALATION_ENDED =
            register("gridloop.escalation.ended.v1", Topics.ESCALATIONS, EscalationEvents.Ended.class);
    public static final EventType<EscalationEvents.DepartmentRated> ESCALATION_DEPARTMENT_RATED =
            register("gridloop.escalation.department-rated.v1", Topics.ESCALATIONS,
                    EscalationEvents.DepartmentRated.class);

    private EventTypes() {
    }

    private static <T> EventType<T> register(String name, String topic, Class<T> payload) {
        EventType<T> type = new EventType<>(name, topic, payload);
        if (ALL.putIfAbsent(name, type) != null) {
            throw new IllegalStateException("event type registered twice: " + name);
        }
        return type;
    }

    public static Optional<EventType<?>> find(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    public static EventType<?> require(String name) {
        return find(name).orElseThrow(() -> new PoisonEventException("unknown event type: " + name));
    }

    public static Collection<EventType<?>> all() {
        return Collections.unmodifiableCollection(ALL.values());
    }
}
