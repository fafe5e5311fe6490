package org.storeroom.simulator;

/**
 * What the simulated bus does to the nodes' outgoing datagrams; changed at run time by tests and the
 * panel's simulator controls. Thread-safe.
 */
public final class BusConditions {
    private volatile double lossPercent;
    private volatile int maxDelayMs;

    /** Loses {@code lossPercent} % of datagrams and delays the rest by up to {@code maxDelayMs}. */
    public void set(double lossPercent, int maxDelayMs) {
        if (lossPercent < 0 || lossPercent > 100) {
            throw new IllegalArgumentException("lossPercent " + lossPercent + " is outside 0..100");
        }
        if (maxDelayMs < 0 || maxDelayMs > 10_000) {
            throw new IllegalArgumentException("maxDelayMs " + maxDelayMs + " is outside 0..10000");
        }
        this.lossPercent = lossPercent;
        this.maxDelayMs = maxDelayMs;
    }

    public double lossPercent() {
        return lossPercent;
    }

    public int maxDelayMs() {
        return maxDelayMs;
    }
}
