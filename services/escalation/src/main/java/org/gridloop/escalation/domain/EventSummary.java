package org.gridloop.escalation.domain;

import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.RequestEvents;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a timeline entry says about its event: the department concerned (dispatch events) and a short human
 * summary such as {@code water: FIXED — pipe replaced}. Residents' own words (description, rating comment) never
 * appear, and staff notes are shortened and stripped of anything that looks like a phone number or an e-mail.
 */
public record EventSummary(String department, String detail) {

    static final int MAX_DETAIL = 500;
    private static final int MAX_NOTE = 160;
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d\\s-]{5,}\\d");

    public static EventSummary of(Object data) {
        if (data instanceof RequestEvents.Submitted s) {
            return plain(s.category() + " reported by " + (s.anonymous() ? "an anonymous " : "") + s.source()
                    + " in grid " + s.gridCode() + photos(s.photoUrls()));
        } else if (data instanceof RequestEvents.Accepted a) {
            return plain("accepted as " + a.category() + " in grid " + a.gridCode());
        } else if (data instanceof RequestEvents.Rejected r) {
            return plain("rejected: " + r.reason() + note(r.note()));
        } else if (data instanceof RequestEvents.Merged m) {
            return plain("merged into " + m.intoRequestId());
        } else if (data instanceof RequestEvents.RoutedToGrid r) {
            return plain("routed to grid " + r.gridCode() + due(r.handleDue()));
        } else if (data instanceof RequestEvents.Claimed c) {
            return plain("claimed by " + c.worker());
        } else if (data instanceof RequestEvents.Unclaimed u) {
            return plain("given back by " + u.worker());
        } else if (data instanceof RequestEvents.HandledOnSite h) {
            return plain("handled on site" + note(h.note()) + photos(h.photoUrls()));
        } else if (data instanceof RequestEvents.WhistleBlown b) {
            return plain("whistle blown by " + b.worker() + note(b.reason()));
        } else if (data instanceof RequestEvents.Whistled w) {
            return plain("whistle blown, round " + w.round() + note(w.reason()));
        } else if (data instanceof RequestEvents.VerificationRequested v) {
            return plain("verification requested, round " + v.round());
        } else if (data instanceof RequestEvents.Verified v) {
            return plain("verification " + (v.passed() ? "passed" : "failed") + ", round " + v.round() + note(v.note()));
        } else if (data instanceof RequestEvents.FeedbackRequested f) {
            return plain("feedback requested" + (f.handledBy() == null ? "" : ", handled by " + f.handledBy()));
        } else if (data instanceof RequestEvents.Rated r) {
            return plain("rated " + r.rating() + "/5" + (r.rating() <= 2 ? " (unsatisfied)" : ""));
        } else if (data instanceof RequestEvents.Reopened r) {
            return plain("reopened for rework #" + r.reworkCount());
        } else if (data instanceof RequestEvents.LimitMissed l) {
            return plain("time limit missed: " + l.stage() + due(l.due()));
        } else if (data instanceof RequestEvents.Closed c) {
            return plain("closed: " + c.outcome() + (c.rating() == null ? "" : ", rated " + c.rating() + "/5"));
        } else if (data instanceof DispatchEvents.Started d) {
            String called = d.departments().stream().map(c -> c.department() + " (" + c.role() + ")")
                    .collect(Collectors.joining(", "));
            String lead = d.departments().stream().filter(c -> "lead".equalsIgnoreCase(c.role()))
                    .map(DispatchEvents.CalledDepartment::department).findFirst()
                    .orElse(d.departments().isEmpty() ? null : d.departments().get(0).department());
            return new EventSummary(lead, "called " + called + ", round " + d.round()
                    + (d.fallback() ? ", no routing rule matched: district " + d.district() : ""));
        } else if (data instanceof DispatchEvents.ReportedIn r) {
            return new EventSummary(r.department(), r.department() + " reported in");
        } else if (data instanceof DispatchEvents.Progressed p) {
            return new EventSummary(p.department(), p.department() + ": in progress" + note(p.note()));
        } else if (data instanceof DispatchEvents.Answered a) {
            return new EventSummary(a.department(), a.department() + ": " + a.result() + note(a.note()));
        } else if (data instanceof DispatchEvents.Disputed d) {
            return new EventSummary(d.department(), d.department() + " disputes jurisdiction" + note(d.reason()));
        } else if (data instanceof DispatchEvents.DisputeDecided d) {
            return new EventSummary(d.department(), "dispute of " + d.department() + ": " + d.decision()
                    + (d.toDepartment() == null ? "" : " to " + d.toDepartment()) + note(d.note()));
        } else if (data instanceof DispatchEvents.LimitMissed l) {
            return new EventSummary(l.department(), l.department() + " missed the " + l.limit() + " limit"
                    + due(l.due()));
        } else if (data instanceof DispatchEvents.Resolved r) {
            String answers = r.answers().stream().map(a -> a.department() + ": " + a.result() + note(a.note()))
                    .collect(Collectors.joining("; "));
            String lead = r.answers().stream().filter(a -> "lead".equalsIgnoreCase(a.role()))
                    .map(DispatchEvents.Answer::department).findFirst().orElse(null);
            return new EventSummary(lead, answers.isEmpty() ? "resolved, round " + r.round() : answers);
        } else if (data instanceof EscalationEvents.Raised r) {
            return new EventSummary(r.department(), "escalated (" + r.trigger() + ") to the " + r.level() + " "
                    + r.unit() + due(r.due()));
        } else if (data instanceof EscalationEvents.Lifted l) {
            return plain("unanswered at the " + l.fromLevel() + ": lifted to the " + l.level() + " " + l.unit()
                    + due(l.due()));
        } else if (data instanceof EscalationEvents.Decided d) {
            return new EventSummary(d.department(), "decided at the " + d.level() + " by " + d.supervisor() + ": "
                    + d.decision() + (d.toDepartment() == null ? "" : " to " + d.toDepartment())
                    + (d.newDeadline() == null ? "" : " until " + d.newDeadline()) + note(d.note()));
        } else if (data instanceof EscalationEvents.Ended e) {
            return plain("escalation ended: " + e.reason());
        }
        return plain(data == null ? "" : data.getClass().getSimpleName());
    }

    private static EventSummary plain(String detail) {
        return new EventSummary(null, detail);
    }

    public EventSummary {
        if (detail != null && detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL - 1) + "…";
        }
    }

    private static String note(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String clean = PHONE.matcher(EMAIL.matcher(text.strip()).replaceAll("***")).replaceAll("***");
        if (clean.length() > MAX_NOTE) {
            clean = clean.substring(0, MAX_NOTE - 1) + "…";
        }
        return " — " + clean;
    }

    private static String due(java.time.Instant due) {
        return due == null ? "" : ", due " + due;
    }

    private static String photos(List<String> urls) {
        return urls == null || urls.isEmpty() ? "" : ", " + urls.size() + " photo(s)";
    }
}
