package org.gridloop.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The submissions of a run follow the scenario's category mix (the first draw of each submission's stream). */
class CategoryMixTest {

    @Test
    void aRunsSubmissionsFollowTheMix() {
        // seven categories: 25 %, 15 %, 20 %, 10 %, 15 %, 10 %, 5 %
        double[] shares = {0.25, 0.15, 0.20, 0.10, 0.15, 0.10, 0.05};
        double[] cumulative = new double[shares.length];
        double sum = 0;
        for (int i = 0; i < shares.length; i++) {
            sum += shares[i];
            cumulative[i] = sum;
        }
        for (long seed : new long[] {7, 42}) {
            int n = 2_000;
            int[] counts = new int[shares.length];
            for (int i = 0; i < n; i++) {
                counts[CityPeople.pick(CityPeople.streamOf(seed, i).nextDouble(), cumulative)]++;
            }
            for (int k = 0; k < shares.length; k++) {
                // within 3 points of its share over 2 000 submissions (about 3 standard deviations)
                assertThat(counts[k] / (double) n).as("seed %d, category %d", seed, k)
                        .isBetween(shares[k] - 0.03, shares[k] + 0.03);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSubmissions() {
        assertThat(CityPeople.streamOf(7, 12).nextDouble()).isEqualTo(CityPeople.streamOf(7, 12).nextDouble());
        assertThat(CityPeople.streamOf(7, 12).nextDouble()).isNotEqualTo(CityPeople.streamOf(8, 12).nextDouble());
    }
}
