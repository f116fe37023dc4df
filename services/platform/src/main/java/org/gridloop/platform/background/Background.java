package org.gridloop.platform.background;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A service's periodic chores (re-driving parked events, measuring the loop's lag, sampling metrics, pruning the
 * inbox): each on one named daemon thread, so a chore never holds the JVM up at shutdown and shows by name in a thread
 * dump. The owner stops it with {@code shutdownNow()} on shutdown.
 */
public final class Background {

    private Background() {
    }

    /** Runs {@code chore} every {@code every} (between the end of one run and the start of the next). */
    public static ScheduledExecutorService every(String name, Duration firstAfter, Duration every, Runnable chore) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(chore, firstAfter.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return thread;
    }

    /**
     * Runs {@code batch} (e.g. a statement deleting at most {@code size} rows) again while it did a whole batch and
     * the chore's thread was not interrupted (a shutdown); the total done.
     */
    public static int inBatches(int size, IntSupplier batch) {
        int total = 0;
        int done;
        do {
            done = batch.getAsInt();
            total += done;
        } while (done == size && !Thread.currentThread().isInterrupted());
        return total;
    }
}
