package org.gridloop.reportin.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of a dispatch round's journal: a progress note, a dispute, a decision, an escalation decision (its
 * {@link org.gridloop.contracts.EscalationDecision} code as the kind: COORDINATE, NEW_DEADLINE, REASSIGN), a closing.
 */
@Entity
@Table(name = "dispatch_note")
public class DispatchNote extends PanacheEntityBase {

    public static final String PROGRESS = "PROGRESS";
    public static final String DISPUTE = "DISPUTE";
    public static final String DECISION = "DECISION";
    public static final String CLOSED = "CLOSED";

    @Id
    public String id;

    @Column(name = "request_id", nullable = false)
    public String requestId;

    public int round;

    public String department;

    @Column(nullable = false)
    public String kind;

    @Column(length = 2000)
    public String text;

    public String author;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static DispatchNote of(String requestId, int round, String department, String kind, String text,
                                  String author, Instant at) {
        DispatchNote note = new DispatchNote();
        note.id = UUID.randomUUID().toString();
        note.requestId = requestId;
        note.round = round;
        note.department = department;
        note.kind = kind;
        note.text = text == null ? null : text.length() > 2000 ? text.substring(0, 2000) : text;
        note.author = author;
        note.createdAt = at;
        return note;
    }
}
