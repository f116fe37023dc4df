package org.gridloop.platform.inbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.gridloop.platform.background.Background;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The inbox keeps a row per consumed event, tens per case: without pruning it grows by hundreds of millions of rows a
 * year at a megacity's volume. Every {@code prune-interval} the marks older than {@code retention} (longer than any
 * consumed topic keeps its records, so no redelivery can miss its mark) are deleted in batches of
 * {@code prune-batch}, each its own short statement. Several instances may prune at once: a row is deleted once.
 */
@ApplicationScoped
public class InboxPruning {

    private static final Logger LOG = Logger.getLogger(InboxPruning.class);

    private final Sql sql;
    private final InboxConfig config;
    private final String delete;
    private ScheduledExecutorService pruner;

    InboxPruning(Sql sql, InboxConfig config, DatabaseConfig database) {
        this.sql = sql;
        this.config = config;
        String inbox = database.schema() + ".inbox";
        this.delete = "DELETE FROM " + inbox + " WHERE ctid IN (SELECT ctid FROM " + inbox
                + " WHERE applied_at < ? LIMIT ?)";
    }

    void start(@Observes StartupEvent startup) {
        pruner = Background.every("inbox-pruning", config.pruneInterval(), config.pruneInterval(), this::pruneNow);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (pruner != null) {
            pruner.shutdownNow();
        }
    }

    private void pruneNow() {
        try {
            int deleted = prune(Instant.now().minus(config.retention()));
            if (deleted > 0) {
                LOG.infof("inbox: %d marks older than %s deleted", deleted, config.retention());
            }
        } catch (RuntimeException e) {
            LOG.warnf("inbox not pruned now: %s", e.getMessage());
        }
    }

    /** Deletes the marks applied before {@code before}; returns how many. */
    public int prune(Instant before) {
        return Background.inBatches(config.pruneBatch(), () -> sql.update(delete, before, config.pruneBatch()));
    }
}
