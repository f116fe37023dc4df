package org.gridloop.reportin.repository;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;
import org.gridloop.reportin.domain.DispatchNote;

/** The rounds' journal (append only), written in the step's transaction. */
@ApplicationScoped
public class DispatchNotes {

    private final Sql sql;
    private final String insert;

    DispatchNotes(Sql sql, DatabaseConfig database) {
        this.sql = sql;
        this.insert = "INSERT INTO " + database.schema() + ".dispatch_note (id, request_id, round, department, kind, "
                + "text, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    }

    public void add(DispatchNote n) {
        sql.update(insert, n.id, n.requestId, n.round, n.department, n.kind, n.text, n.author, n.createdAt);
    }
}
