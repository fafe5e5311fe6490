package org.storeroom.shelf.core;

import org.storeroom.bus.ColumnState;
import org.storeroom.shelf.api.ShelfMode;

/** What the core is told. Every input carries the time it happened, in milliseconds of a monotonic clock. */
public sealed interface Input {
    long now();

    /** Time passes: leases are renewed, arrivals and time-outs noticed. */
    record Tick(long now) implements Input {
    }

    /** A column node reported its state. */
    record Report(int column, ColumnState state, long now) implements Input {
    }

    /** The bus gained or lost its link to a column node. */
    record Link(int column, boolean up, long now) implements Input {
    }

    /** An aisle's presence sensor and entry light beam, for gap {@code gap} (1..n) of a range. */
    record Aisle(String range, int gap, boolean occupied, boolean beamBroken, long now) implements Input {
    }

    /** Open aisle {@code aisle} of a range, asked for from the panel, a column button or the central system. */
    record OpenAisle(String requestId, String range, int aisle, String origin, long now) implements Input {
    }

    /** Spread a range's columns evenly so air reaches the files. */
    record Ventilate(String requestId, String range, String origin, long now) implements Input {
    }

    /**
     * Fire mode only: spread a range to even gaps so extinguishing gas reaches every face, if every aisle
     * of it is clear and the gaps come to at least {@link ShelfCore#FIRE_PARK_MIN_GAP_MM}.
     */
    record FirePark(String requestId, String range, String origin, long now) implements Input {
    }

    /** Maintenance: move one column to a position. */
    record Jog(String requestId, int column, int targetMm, String origin, long now) implements Input {
    }

    /** Change mode (who is allowed to is decided before the core). */
    record SetMode(ShelfMode mode, String origin, long now) implements Input {
    }

    /** Someone deliberately resets a column's latched stop. */
    record ResetColumn(int column, String origin, long now) implements Input {
    }

    /** A column node refused the move {@code commandId} (4.03 with its reason). */
    record MoveRefused(int column, long commandId, String reason, long now) implements Input {
    }

    /** Stop everything now. */
    record StopAll(String origin, long now) implements Input {
    }
}
