package org.gridloop.platform.db;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.gridloop.platform.admission.Admission;
import jakarta.enterprise.context.ApplicationScoped;
import org.camunda.bpm.engine.OptimisticLockingException;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Runs one step of the loop — a person's action — as one JTA transaction: the record, the engine command and the
 * outbox commit together, admitted by {@link Admission} (new submissions may be turned away when the service is
 * behind; steps on existing cases never are). A step that lost a race on the same process (the engine's optimistic lock, a
 * serialization failure or deadlock in PostgreSQL) is run again from the start, at most twice more; anything else
 * (a 4xx problem, a bug) rolls back and goes to the caller.
 */
@ApplicationScoped
public class Steps {

    private static final int ATTEMPTS = 3;

    private final Admission admission;

    Steps(Admission admission) {
        this.admission = admission;
    }

    /** A step that moves an existing case forward: admitted ahead of new submissions. */
    public <T> T run(Supplier<T> step) {
        return admission.progress(() -> transaction(step));
    }

    /**
     * A step that brings new work into the loop (a submission): refused with {@link Admission.Overloaded} when the
     * service is behind, before any database work.
     */
    public <T> T runNew(Supplier<T> step) {
        return admission.newWork(() -> transaction(step));
    }

    private <T> T transaction(Supplier<T> step) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(step::get);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !transientFailure(e)) {
                    throw e;
                }
            }
        }
    }

    /** A failure that running the same work again can cure: it lost a race with a concurrent change. */
    public static boolean transientFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockingException) {
                return true;
            }
        }
        return failedWith(e, "40001", "40P01");
    }

    /** Whether PostgreSQL failed {@code e} (or one of its causes) with one of these SQLSTATEs. */
    public static boolean failedWith(Throwable e, String... states) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = t instanceof Sql.DataAccessException d ? d.sqlState()
                    : t instanceof SQLException s ? s.getSQLState() : null;
            if (state != null && java.util.Arrays.asList(states).contains(state)) {
                return true;
            }
        }
        return false;
    }
}
