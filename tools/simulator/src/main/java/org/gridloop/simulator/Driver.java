package org.gridloop.simulator;

import java.util.function.DoubleConsumer;

/**
 * Offers submissions at a steady rate (open loop: the next one does not wait for the last answer). Each submission
 * is sent once: one the system refuses (503/429) is not offered again, so the offered load stays what was asked.
 */
final class Driver {

    private Driver() {
    }

    /**
     * Submits at {@code rate} per second for {@code seconds}, numbering from {@code first}; calls {@code progress}
     * with the elapsed seconds every 5 s. Returns the next submission number.
     */
    static int run(CityPeople people, Metrics metrics, double rate, int seconds, int first, DoubleConsumer progress)
            throws InterruptedException {
        metrics.offeredRate = rate;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        int n = first;
        long sent = 0;
        long nextReport = start + 5_000_000_000L;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            long due = (long) ((now - start) / 1e9 * rate);
            while (sent < due) {
                people.submit(n++);
                sent++;
            }
            if (now >= nextReport) {
                progress.accept((now - start) / 1e9);
                nextReport += 5_000_000_000L;
            }
            Thread.sleep(5);
        }
        return n;
    }
}
