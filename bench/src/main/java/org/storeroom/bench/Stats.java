package org.storeroom.bench;

import java.util.Arrays;

/** Percentiles of a sample, in the sample's unit. */
final class Stats {
    private final double[] sorted;

    Stats(double[] values) {
        sorted = values.clone();
        Arrays.sort(sorted);
    }

    double percentile(double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    double mean() {
        return Arrays.stream(sorted).average().orElse(Double.NaN);
    }

    double max() {
        return sorted[sorted.length - 1];
    }

    String describe(String what, String unit) {
        return String.format("%s: n=%d p50=%.3f p90=%.3f p99=%.3f max=%.3f mean=%.3f %s", what, sorted.length,
                percentile(50), percentile(90), percentile(99), max(), mean(), unit);
    }
}
