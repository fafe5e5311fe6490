package org.storeroom.shelf.core;

import org.storeroom.shelf.api.Refusal;
import org.storeroom.shelf.api.ShelfMode;
/** What the core decides: commands for the column nodes, and outcomes for whoever asked. */
public sealed interface Output {

    /** Move a column to a target under a lease; the node stops by itself when the lease runs out. */
    record Move(int column, int targetMm, long commandId, int leaseMs) implements Output {
    }

    /** Extend the lease of the movement {@code commandId}. */
    record Renew(int column, long commandId, int leaseMs) implements Output {
    }

    /** Stop a column now. */
    record Stop(int column, Refusal why) implements Output {
    }

    /** Clear a column's latched stop (never starts motion). */
    record Reset(int column) implements Output {
    }

    /** A request was accepted and its movement begins. */
    record Accepted(String requestId) implements Output {
    }

    /** A request was refused before anything moved. */
    record Refused(String requestId, Refusal why) implements Output {
    }

    /** A request's movement completed. */
    record Finished(String requestId) implements Output {
    }

    /** A request's movement was stopped before it completed. */
    record Aborted(String requestId, Refusal why) implements Output {
    }

    /** The mode changed. */
    record ModeChanged(ShelfMode from, ShelfMode to, String origin) implements Output {
    }
}
