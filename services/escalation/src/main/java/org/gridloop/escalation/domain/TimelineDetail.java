package org.gridloop.escalation.domain;

import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.RequestEvents;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a timeline entry says about its event: the department concerned (dispatch events) and the detail as a code
 * with its parameters, such as {@code dispatch.answered {department: water, result: FIXED, note: pipe replaced}}.
 * The pages word it in the reader's language from their catalogue ({@code detail.<code>} in {@code js/i18n.js});
 * the service sends no sentence. The code is the event type without its prefix and version; a parameter that is
 * not known is left out, never sent as null. Instants travel as ISO-8601, codes (categories, results, levels,
 * outcomes, ...) as they are on the wire. Residents' own words (description, rating comment) never appear, and
 * staff notes are shortened and stripped of anything that looks like a phone number or an e-mail.
 */
public record TimelineDetail(String department, String code, Map<String, Object> params) {

    /** The code of an entry recorded before details were codes: its English text is the parameter {@code text}. */
    public static final String LEGACY = "legacy";
    static final int MAX_NOTE = 160;
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d\\s-]{5,}\\d");

    public TimelineDetail {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The detail of an event of the given type ({@code gridloop.request.submitted.v1}) and payload. */
    public static TimelineDetail of(String eventType, Object data) {
        Params p = new Params();
        String department = null;
        if (data instanceof RequestEvents.Submitted s) {
            p.put("category", s.category()).put("source", s.source()).put("anonymous", s.anonymous())
                    .put("grid", s.gridCode()).photos(s.photoUrls(), s.photoIds());
        } else if (data instanceof RequestEvents.AcceptanceRequested a) {
            p.put("category", a.category()).put("grid", a.gridCode()).put("due", a.due());
        } else if (data instanceof RequestEvents.Accepted a) {
            p.put("category", a.category()).put("grid", a.gridCode());
        } else if (data instanceof RequestEvents.Rejected r) {
            p.put("reason", r.reason()).note(r.note());
        } else if (data instanceof RequestEvents.Merged m) {
            p.put("into", m.intoRequestId());
        } else if (data instanceof RequestEvents.RoutedToGrid r) {
            p.put("grid", r.gridCode()).put("due", r.handleDue());
        } else if (data instanceof RequestEvents.Claimed c) {
            p.put("worker", c.worker());
        } else if (data instanceof RequestEvents.Unclaimed u) {
            p.put("worker", u.worker());
        } else if (data instanceof RequestEvents.HandledOnSite h) {
            p.note(h.note()).photos(h.photoUrls(), h.beforePhotoIds(), h.afterPhotoIds());
        } else if (data instanceof RequestEvents.WhistleBlown b) {
            p.put("worker", b.worker()).note(b.reason());
        } else if (data instanceof RequestEvents.Whistled w) {
            p.put("round", w.round()).note(w.reason());
        } else if (data instanceof RequestEvents.VerificationRequested v) {
            p.put("round", v.round());
        } else if (data instanceof RequestEvents.Verified v) {
            p.put("round", v.round()).put("passed", v.passed()).note(v.note()).photos(v.photoIds());
        } else if (data instanceof RequestEvents.FeedbackRequested f) {
            p.put("handledBy", f.handledBy());
        } else if (data instanceof RequestEvents.Rated r) {
            // 2 or less of 5 is unsatisfied: the rule is the service's, the page only words it
            p.put("rating", r.rating()).put("unsatisfied", r.rating() <= 2);
        } else if (data instanceof RequestEvents.DecisionRequested d) {
            p.put("round", d.round()).put("due", d.due());
        } else if (data instanceof RequestEvents.CallerDecided d) {
            p.put("round", d.round()).put("decision", d.decision()).put("worker", d.worker()).note(d.note());
        } else if (data instanceof RequestEvents.Raised r) {
            p.put("worker", r.raisedBy()).put("level", r.level()).note(r.reason());
        } else if (data instanceof RequestEvents.ReturnVisitRequested v) {
            p.put("due", v.due());
        } else if (data instanceof RequestEvents.ReturnVisited v) {
            p.put("reached", v.reached()).put("rating", v.rating())
                    .put("unsatisfied", v.rating() == null ? null : v.rating() <= 2);
        } else if (data instanceof RequestEvents.Reopened r) {
            p.put("reworkCount", r.reworkCount());
        } else if (data instanceof RequestEvents.LimitMissed l) {
            p.put("stage", l.stage()).put("due", l.due());
        } else if (data instanceof RequestEvents.Closed c) {
            p.put("outcome", c.outcome()).put("rating", c.rating());
        } else if (data instanceof DispatchEvents.Convened v) {
            p.put("round", v.round()).put("supervisor", v.supervisor()).put("departments", v.departments().stream()
                    .map(c -> new Params().put("department", c.department()).put("role", c.role()).map).toList());
        } else if (data instanceof DispatchEvents.Started d) {
            department = d.departments().stream().filter(c -> "lead".equalsIgnoreCase(c.role()))
                    .map(DispatchEvents.CalledDepartment::department).findFirst()
                    .orElse(d.departments().isEmpty() ? null : d.departments().get(0).department());
            p.put("round", d.round()).put("departments", d.departments().stream()
                    .map(c -> new Params().put("department", c.department()).put("role", c.role()).map).toList());
            if (d.fallback()) {
                p.put("fallback", true).put("district", d.district());
            }
        } else if (data instanceof DispatchEvents.ReportedIn r) {
            department = r.department();
            p.put("department", r.department());
        } else if (data instanceof DispatchEvents.Progressed pr) {
            department = pr.department();
            p.put("department", pr.department()).note(pr.note());
        } else if (data instanceof DispatchEvents.Answered a) {
            department = a.department();
            p.put("department", a.department()).put("result", a.result()).note(a.note());
        } else if (data instanceof DispatchEvents.Disputed d) {
            department = d.department();
            p.put("department", d.department()).note(d.reason());
        } else if (data instanceof DispatchEvents.DisputeDecided d) {
            department = d.department();
            p.put("department", d.department()).put("decision", d.decision())
                    .put("toDepartment", d.toDepartment()).note(d.note());
        } else if (data instanceof DispatchEvents.LimitMissed l) {
            department = l.department();
            p.put("department", l.department()).put("limit", l.limit()).put("due", l.due());
        } else if (data instanceof DispatchEvents.Resolved r) {
            department = r.answers().stream().filter(a -> "lead".equalsIgnoreCase(a.role()))
                    .map(DispatchEvents.Answer::department).findFirst().orElse(null);
            p.put("round", r.round()).put("answers", r.answers().stream()
                    .map(a -> new Params().put("department", a.department()).put("result", a.result())
                            .note(a.note()).map).toList());
        } else if (data instanceof EscalationEvents.Raised r) {
            department = r.department();
            p.put("trigger", r.trigger()).put("level", r.level()).put("unit", r.unit()).put("due", r.due())
                    .put("supervisor", r.raisedBy()).note(r.note());
        } else if (data instanceof EscalationEvents.Lifted l) {
            p.put("fromLevel", l.fromLevel()).put("level", l.level()).put("unit", l.unit()).put("due", l.due());
        } else if (data instanceof EscalationEvents.Decided d) {
            department = d.department();
            p.put("level", d.level()).put("supervisor", d.supervisor())
                    .put("decision", d.decision() == null ? null : d.decision().name())
                    .put("toDepartment", d.toDepartment()).put("newDeadline", d.newDeadline()).note(d.note());
            if (!d.departments().isEmpty()) {
                p.put("departments", d.departments());
            }
        } else if (data instanceof EscalationEvents.Ended e) {
            p.put("reason", e.reason());
        } else if (data instanceof EscalationEvents.DepartmentRated r) {
            department = r.department();
            p.put("round", r.round()).put("attitude", r.attitude()).put("result", r.result()).note(r.note());
        }
        return new TimelineDetail(department, code(eventType), p.map);
    }

    /** {@code gridloop.dispatch.answered.v1} → {@code dispatch.answered}. */
    static String code(String eventType) {
        return eventType.replaceFirst("^gridloop\\.", "").replaceFirst("\\.v\\d+$", "");
    }

    /** A staff note as it may be shown: contact details masked, at most {@value #MAX_NOTE} characters. */
    static String clean(String text) {
        String clean = PHONE.matcher(EMAIL.matcher(text.strip()).replaceAll("***")).replaceAll("***");
        return clean.length() > MAX_NOTE ? clean.substring(0, MAX_NOTE - 1) + "…" : clean;
    }

    /** The parameters in the order they are put; null (not known) is left out. */
    private static final class Params {
        final Map<String, Object> map = new LinkedHashMap<>();

        Params put(String name, Object value) {
            if (value != null) {
                map.put(name, value instanceof Instant || value instanceof Enum<?> ? value.toString() : value);
            }
            return this;
        }

        Params note(String text) {
            return text == null || text.isBlank() ? this : put("note", clean(text));
        }

        /** How many photos the event names (links and kept photos together); nothing when none. */
        @SafeVarargs
        final Params photos(List<String>... lists) {
            int n = 0;
            for (List<String> l : lists) {
                n += l == null ? 0 : l.size();
            }
            return n == 0 ? this : put("photos", n);
        }
    }
}
