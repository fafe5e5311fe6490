package org.storeroom.bench;

import java.util.List;

/** One benchmark: our path and its raw baseline, measured side by side in the same run. */
interface Benchmark {
    String name();

    String description();

    /** @param quick finish within a minute */
    Result run(boolean quick) throws Exception;

    /**
     * @param ours     our figure
     * @param baseline the raw baseline's figure
     * @param unit     unit of both
     * @param details  lines with the figures behind them (percentiles, counts)
     */
    record Result(double ours, double baseline, String unit, List<String> details) {
    }
}
