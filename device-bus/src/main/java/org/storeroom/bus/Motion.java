package org.storeroom.bus;

/**
 * What a column's carriage is doing. Positions grow away from the range's fixed column, so
 * {@link #MOVING_FORWARD} means the position is increasing.
 */
public enum Motion {
    STOPPED,
    MOVING_FORWARD,
    MOVING_BACKWARD;

    /** @return whether the carriage is under power. */
    public boolean moving() {
        return this != STOPPED;
    }
}
