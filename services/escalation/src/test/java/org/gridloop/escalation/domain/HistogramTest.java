package org.gridloop.escalation.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HistogramTest {

    @Test
    void equalValuesInABucketGiveTheExactPercentiles() {
        Histogram h = new Histogram(List.of(new Histogram.Bucket(4, 2400, 600.0)));
        assertThat(h.cases()).isEqualTo(4);
        assertThat(h.percentile(0.5)).isEqualTo(600.0);
        assertThat(h.percentile(0.9)).isEqualTo(600.0);
        assertThat(h.max()).isEqualTo(600.0);
    }

    @Test
    void percentilesInterpolateBetweenRanksLikePercentileCont() {
        // one case of 10 s, one of 20 s, one of 40 s: percentile_cont(0.5) = 20, (0.9) = 20 + 0.8 * 20 = 36
        Histogram h = new Histogram(List.of(new Histogram.Bucket(1, 10, 10.0), new Histogram.Bucket(1, 20, 20.0),
                new Histogram.Bucket(1, 40, 40.0)));
        assertThat(h.percentile(0.5)).isEqualTo(20.0);
        assertThat(h.percentile(0.9)).isCloseTo(36.0, within(1e-9));
        assertThat(h.max()).isEqualTo(40.0);
    }

    @Test
    void valuesSpreadInABucketAreReadAtItsMean() {
        // 101 s and 103 s share the bucket [1.05^94, 1.05^95) s: each rank reads 102 s, within 5 % of either
        Histogram h = new Histogram(List.of(new Histogram.Bucket(2, 204, 103.0)));
        assertThat(h.percentile(0.5)).isEqualTo(102.0);
        assertThat(h.percentile(0.9)).isEqualTo(102.0);
        assertThat(h.max()).isEqualTo(103.0);
    }

    @Test
    void aSingleCaseIsItsOwnPercentiles() {
        Histogram h = new Histogram(List.of(new Histogram.Bucket(1, 7.5, null)));
        assertThat(h.percentile(0.5)).isEqualTo(7.5);
        assertThat(h.percentile(0.9)).isEqualTo(7.5);
        assertThat(h.max()).isEqualTo(7.5);
    }
}
