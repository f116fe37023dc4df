package org.gridloop.reportin.rest;

import org.gridloop.reportin.domain.DispatchNote;

import java.time.Instant;

/** A line of the round's journal: PROGRESS, DISPUTE, DECISION, COORDINATE, NEW_DEADLINE, REASSIGN, CLOSED. */
public record NoteView(String kind, String department, String text, String author, Instant at) {

    public static NoteView of(DispatchNote n) {
        return new NoteView(n.kind, n.department, n.text, n.author, n.createdAt);
    }
}
