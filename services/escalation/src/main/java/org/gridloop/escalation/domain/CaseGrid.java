package org.gridloop.escalation.domain;

import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.RequestEvents;

/**
 * The grid a case belongs to, as far as a request or dispatch event says it (most events do not; a missed dispatch
 * limit does since the contracts added its optional {@code gridCode}).
 */
public final class CaseGrid {

    private CaseGrid() {
    }

    public static String of(Object data) {
        if (data instanceof RequestEvents.Submitted s) {
            return s.gridCode();
        } else if (data instanceof RequestEvents.Accepted a) {
            return a.gridCode();
        } else if (data instanceof RequestEvents.RoutedToGrid r) {
            return r.gridCode();
        } else if (data instanceof RequestEvents.Whistled w) {
            return w.gridCode();
        } else if (data instanceof RequestEvents.LimitMissed l) {
            return l.gridCode();
        } else if (data instanceof RequestEvents.Raised r) {
            return r.gridCode();
        } else if (data instanceof RequestEvents.DecisionRequested d) {
            return d.gridCode();
        } else if (data instanceof RequestEvents.CallerDecided d) {
            return d.gridCode();
        } else if (data instanceof RequestEvents.Merged m) {
            return m.gridCode();
        } else if (data instanceof RequestEvents.ReturnVisitRequested v) {
            return v.gridCode();
        } else if (data instanceof RequestEvents.ReturnVisited v) {
            return v.gridCode();
        } else if (data instanceof DispatchEvents.Started s) {
            return s.gridCode();
        } else if (data instanceof DispatchEvents.LimitMissed l) {
            return l.gridCode();
        }
        return null;
    }
}
