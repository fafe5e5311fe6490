package org.storeroom.bus;

/**
 * A fire detector's level. Aspirating smoke detection (VESDA) reports all four alarm levels; a point
 * smoke or heat detector reports {@link #NORMAL}, {@link #FIRE_1} or {@link #FAULT}.
 */
public enum DetectorLevel {
    NORMAL,
    /** Aspirating: smoke above the alert threshold; a pre-alarm (dusty rooms give these). */
    ALERT,
    /** Aspirating: smoke above the action threshold; a pre-alarm to act on. */
    ACTION,
    /** A fire alarm: the first level that counts as a fire signal. */
    FIRE_1,
    /** Aspirating: the second fire threshold. */
    FIRE_2,
    /** The detector or its wiring reports a fault: it cannot see a fire. */
    FAULT;

    /** @return whether this level is a fire signal (not a pre-alarm, not a fault). */
    public boolean fire() {
        return this == FIRE_1 || this == FIRE_2;
    }

    /** @return whether this level is a pre-alarm. */
    public boolean preAlarm() {
        return this == ALERT || this == ACTION;
    }
}
