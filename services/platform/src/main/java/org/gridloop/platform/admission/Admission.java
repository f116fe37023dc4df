package org.gridloop.platform.admission;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Overload sheds new work, not old. Every step of the write path takes one of a few slots; a step that moves an
 * existing case forward (a claim, an answer, a rating, a consumed event) waits for the next free slot and goes
 * before any new submission; a new submission gets a slot only when no such step waits, and is refused at once
 * ({@link Overloaded}: 503 with Retry-After, before any database work) when too many submissions wait already or it
 * waited longer than {@code new-work-max-wait}, or while the consumers after this service are behind
 * ({@link LoopLag}). So when the service is behind, what is already in the loop keeps
 * closing and the surge is turned away at the door instead of crowding it out.
 */
@ApplicationScoped
public class Admission {

    private final AdmissionConfig config;
    private final LoopLag loopLag;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressTurn = lock.newCondition();
    private final Condition newTurn = lock.newCondition();
    private int free;
    private int progressWaiting;
    private int newWaiting;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong admitted = new AtomicLong();
    /** Told how long each admitted step waited for its slot (nanoseconds): {@link AdmissionMetrics}. */
    private volatile WaitListener waits = (step, nanos) -> { };

    Admission(AdmissionConfig config, LoopLag loopLag) {
        this.config = config;
        this.loopLag = loopLag;
        this.free = config.concurrency();
    }

    /** A step on an existing case: always admitted, ahead of new submissions. */
    public <T> T progress(Supplier<T> step) {
        if (!config.enabled()) {
            return step.get();
        }
        long asked = System.nanoTime();
        lock.lock();
        try {
            progressWaiting++;
            try {
                while (free == 0) {
                    progressTurn.awaitUninterruptibly();
                }
            } finally {
                progressWaiting--;
            }
            free--;
        } finally {
            lock.unlock();
        }
        try {
            waits.waited(Step.PROGRESS, System.nanoTime() - asked);
            return step.get();
        } finally {
            release();
        }
    }

    /** A new submission: admitted if a slot frees soon enough and nothing older waits for it; else refused. */
    public <T> T newWork(Supplier<T> step) {
        if (!config.enabled()) {
            return step.get();
        }
        if (loopLag.behind()) {
            throw refuse();
        }
        long asked = System.nanoTime();
        lock.lock();
        try {
            if (newWaiting >= config.newWorkMaxQueue()) {
                throw refuse();
            }
            long nanos = config.newWorkMaxWait().toNanos();
            newWaiting++;
            try {
                while (free == 0 || progressWaiting > 0) {
                    if (nanos <= 0) {
                        throw refuse();
                    }
                    nanos = newTurn.awaitNanos(nanos);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refuse();
            } finally {
                newWaiting--;
            }
            free--;
        } finally {
            lock.unlock();
        }
        admitted.incrementAndGet();
        try {
            waits.waited(Step.NEW, System.nanoTime() - asked);
            return step.get();
        } finally {
            release();
        }
    }

    private void release() {
        lock.lock();
        try {
            free++;
            if (progressWaiting > 0) {
                progressTurn.signal();
            } else {
                newTurn.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private Overloaded refuse() {
        refused.incrementAndGet();
        return new Overloaded(config.retryAfter());
    }

    /** Which kind of step waited. */
    public enum Step { PROGRESS, NEW }

    /** Hears each admitted step's wait for its slot. */
    @FunctionalInterface
    public interface WaitListener {
        void waited(Step step, long nanos);
    }

    /** Who hears the waits from now on (one listener; the metrics). */
    void onWait(WaitListener listener) {
        this.waits = listener;
    }

    /** Steps and submissions waiting for a slot now: {progress, new}. */
    int[] waiting() {
        lock.lock();
        try {
            return new int[] {progressWaiting, newWaiting};
        } finally {
            lock.unlock();
        }
    }

    /** New submissions refused since the start. */
    public long refused() {
        return refused.get();
    }

    /** New submissions admitted since the start. */
    public long admitted() {
        return admitted.get();
    }

    /** Too much is waiting: try again later. */
    public static final class Overloaded extends RuntimeException {

        private final java.time.Duration retryAfter;

        /** Refused for another reason than the loop's backlog (a store full, a queue for a scarce resource). */
        public Overloaded(String why, java.time.Duration retryAfter) {
            super(why + "; try again in " + retryAfter.toSeconds() + " s", null, false, false);
            this.retryAfter = retryAfter;
        }

        Overloaded(java.time.Duration retryAfter) {
            super("the loop is busy closing the cases it has; try again in " + retryAfter.toSeconds() + " s",
                    null, false, false);
            this.retryAfter = retryAfter;
        }

        public java.time.Duration retryAfter() {
            return retryAfter;
        }
    }
}
