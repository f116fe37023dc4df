package org.gridloop.escalation.domain;

import java.util.List;

/**
 * A stage's cycle times as read from {@code cycle_day}: buckets in ascending order, each with its count, its sum of
 * seconds and its largest value. A percentile is {@code percentile_cont}'s (linear between the two closest ranks),
 * each rank valued at the mean of the bucket holding it; so it is exact when a bucket holds equal values and
 * within the bucket's width (5 %) otherwise.
 */
public record Histogram(List<Bucket> buckets) {

    /** One bucket: how many cases, their seconds summed, the largest value seen (null if unknown). */
    public record Bucket(long cases, double seconds, Double max) {

        public double mean() {
            return seconds / cases;
        }
    }

    public long cases() {
        return buckets.stream().mapToLong(Bucket::cases).sum();
    }

    /** The {@code q} quantile (0 ≤ q ≤ 1) in seconds; the histogram must not be empty. */
    public double percentile(double q) {
        double position = q * (cases() - 1);
        long lower = (long) Math.floor(position);
        double low = valueAt(lower);
        double high = valueAt((long) Math.ceil(position));
        return low + (position - lower) * (high - low);
    }

    /** The largest value: the last bucket's, never below its mean. */
    public double max() {
        Bucket last = buckets.get(buckets.size() - 1);
        return last.max() == null ? last.mean() : Math.max(last.max(), last.mean());
    }

    /** The value of the case of 0-based rank {@code rank}: the mean of its bucket. */
    private double valueAt(long rank) {
        long seen = 0;
        for (Bucket b : buckets) {
            seen += b.cases();
            if (rank < seen) {
                return b.mean();
            }
        }
        return buckets.get(buckets.size() - 1).mean();
    }
}
