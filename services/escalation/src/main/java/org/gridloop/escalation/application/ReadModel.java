package org.gridloop.escalation.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.escalation.domain.CaseFile;
import org.gridloop.escalation.domain.FactChanges;
import org.gridloop.escalation.domain.Stage;
import org.gridloop.escalation.domain.TimelineDetail;
import org.gridloop.escalation.repository.CaseFiles;
import org.gridloop.escalation.repository.Facts;
import org.gridloop.escalation.repository.Timeline;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The read model — every case's timeline, its case file and its evaluation facts — as a batch of events at a time,
 * in the transaction the batch is applied in (the live consumer's, or a rebuild's): the timeline entries with one
 * statement, then the batch's case files locked in request-id order, folded in memory and written back, then the
 * facts with one statement per table. Any order of the same events gives the same rows, so the topics may
 * interleave freely and a rebuild gives what the live consumer gave.
 *
 * <p>A batch of N events costs a constant number of statements: 1 for the timeline, 3 for the case files (create
 * the new ones, lock, write back) and up to 5 for the facts (see {@link Facts}), each fact statement running its
 * table's aggregate trigger once.
 */
@ApplicationScoped
public class ReadModel {

    private static final Logger LOG = Logger.getLogger(ReadModel.class);

    /** An event of a case, when it happened (its own time, else when it was recorded) and its stage. */
    private record Step(CloudEvent<?> event, String requestId, Stage stage, Instant occurredAt) {
    }

    private final Timeline timeline;
    private final CaseFiles caseFiles;
    private final Facts facts;

    ReadModel(Timeline timeline, CaseFiles caseFiles, Facts facts) {
        this.timeline = timeline;
        this.caseFiles = caseFiles;
        this.facts = facts;
    }

    /** Applies the events not applied before, in the caller's transaction; returns how many that were. */
    public int apply(List<CloudEvent<?>> events) {
        Instant recordedAt = Instant.now();
        List<Step> steps = steps(events, recordedAt);
        Set<String> fresh = timeline.add(steps.stream().map(s -> entry(s, recordedAt)).toList());
        List<Step> applied = steps.stream().filter(s -> fresh.contains(s.event().id())).toList();
        if (applied.isEmpty()) {
            return 0;
        }
        Map<String, CaseFile> files = caseFiles.lock(new TreeSet<>(applied.stream().map(Step::requestId).toList()));
        FactChanges changes = new FactChanges();
        for (Step s : applied) {
            files.get(s.requestId()).apply(s.event(), s.occurredAt());
            changes.add(s.requestId(), s.event().data(), s.occurredAt());
        }
        caseFiles.write(files.values());
        facts.write(changes);
        return applied.size();
    }

    /**
     * The events that are steps of a case, each once: an event naming no usable request is not one (logged and
     * left out: it cannot be put on a timeline, and parking it would hold nothing back).
     */
    private static List<Step> steps(List<CloudEvent<?>> events, Instant recordedAt) {
        Map<String, Step> steps = new LinkedHashMap<>();
        for (CloudEvent<?> e : events) {
            Stage stage = Stage.of(e.type()).orElse(null);
            String requestId = e.subject();
            if (stage == null || requestId == null || requestId.isBlank() || requestId.length() > 64
                    || e.id().length() > 64) {
                LOG.warnf("%s %s of %s is not a step of a case: left out of the read model", e.type(), e.id(),
                        requestId);
                continue;
            }
            steps.putIfAbsent(e.id(), new Step(e, requestId, stage, e.time() != null ? e.time() : recordedAt));
        }
        return new ArrayList<>(steps.values());
    }

    private static Timeline.Entry entry(Step s, Instant recordedAt) {
        CloudEvent<?> e = s.event();
        TimelineDetail detail = TimelineDetail.of(e.type(), e.data());
        return new Timeline.Entry(e.id(), s.requestId(), e.type(), s.stage().code(), e.actor(), e.actorrole(),
                detail.department(), s.occurredAt(), recordedAt, detail.code(), detail.params());
    }
}
