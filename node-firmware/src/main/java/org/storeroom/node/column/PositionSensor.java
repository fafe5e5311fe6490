package org.storeroom.node.column;

import java.util.Optional;

/**
 * Where the carriage is: the board's encoder. Called from the control loop; must not block.
 * The simulator provides one driven by its physics; a board, {@link QuadratureEncoder}.
 */
@FunctionalInterface
public interface PositionSensor {
    /** @return the carriage position in mm from the fixed column's front. */
    int positionMm();

    /** @return why the position can no longer be trusted, or empty: the board then stops, latched, and moves no more */
    default Optional<String> fault() {
        return Optional.empty();
    }
}
