package org.storeroom.node.column;

/**
 * Where the carriage is: the board's encoder. Called from the control loop; must not block.
 * The simulator provides one driven by its physics.
 */
@FunctionalInterface
public interface PositionSensor {
    /** @return the carriage position in mm from the fixed column's front. */
    int positionMm();
}
