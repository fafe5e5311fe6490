package org.storeroom.shelf.internal.coordinator;

/** How precisely a simulated carriage stops, for the bounds the coordinator's tests hold positions to. */
final class Stopping {
    /** The carriage speed of the tests' simulated ranges (8 m/min). */
    static final int SPEED_MM_PER_S = 133;
    /**
     * How far a column may stop from its target: the firmware's arrival tolerance (5 mm), the soft stop
     * from 133 mm/s at 0.8 m/s² (11.1 mm), and two late 20 ms firmware cycles at speed on a loaded
     * machine (5.3 mm). Two neighbours may err in opposite directions, so a gap may be off by twice that.
     */
    static final double COLUMN_ERROR_MM = 5 + (double) SPEED_MM_PER_S * SPEED_MM_PER_S / (2 * 800) + 2 * 0.020 * SPEED_MM_PER_S;

    private Stopping() {
    }
}
