package org.storeroom.shelf.core;

/**
 * Timing of the core.
 *
 * @param leaseMs            lease granted with each move or renewal; the node stops when it runs out
 * @param renewEveryMs       how often a lease is renewed while moving (well under the lease)
 * @param freshnessMs        a column whose last report is older than this does not move
 * @param toleranceMm        a column within this of its target has arrived
 * @param speedMmPerS        slowest expected carriage speed, to bound how long a step may take
 */
public record CoreSettings(int leaseMs, int renewEveryMs, int freshnessMs, int toleranceMm, int speedMmPerS) {

    /** 300 ms leases renewed every 100 ms, 1 s freshness, 5 mm tolerance, 4 m/min. */
    public static final CoreSettings DEFAULT = new CoreSettings(300, 100, 1000, 5, 66);

    public CoreSettings {
        if (leaseMs < 50 || leaseMs > 5000) {
            throw new IllegalArgumentException("leaseMs " + leaseMs + " is outside 50..5000");
        }
        if (renewEveryMs < 10 || renewEveryMs * 2 > leaseMs) {
            throw new IllegalArgumentException("renewEveryMs " + renewEveryMs + " must be at least 10 and at most half of leaseMs " + leaseMs);
        }
        if (freshnessMs < 100 || freshnessMs > 60_000) {
            throw new IllegalArgumentException("freshnessMs " + freshnessMs + " is outside 100..60000");
        }
        if (toleranceMm < 1 || toleranceMm > 50) {
            throw new IllegalArgumentException("toleranceMm " + toleranceMm + " is outside 1..50");
        }
        if (speedMmPerS < 10 || speedMmPerS > 1000) {
            throw new IllegalArgumentException("speedMmPerS " + speedMmPerS + " is outside 10..1000");
        }
    }

    /** @return how long moving {@code distanceMm} may take before the step counts as failed. */
    public long stepTimeoutMs(int distanceMm) {
        return 3000 + 2000L * Math.abs(distanceMm) / speedMmPerS;
    }
}
