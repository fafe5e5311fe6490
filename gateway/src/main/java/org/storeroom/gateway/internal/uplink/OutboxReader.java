package org.storeroom.gateway.internal.uplink;

import java.util.Deque;
import java.util.List;
import org.storeroom.gateway.api.StoreException;
import org.storeroom.gateway.internal.uplink.OutboxTable.Pending;

/**
 * The publisher's way through the outbox, in seq order: from the table until it has read everything
 * older than the in-memory hand-off's run, then from the hand-off, and back to the table for what the
 * hand-off had to leave out. Owned by the publisher's thread.
 */
final class OutboxReader {
    /** Reads committed messages with {@code after < seq < before}, oldest first, at most {@code limit}. */
    interface Table {
        List<Pending> between(long after, long before, int limit) throws StoreException;
    }

    private final Handoff handoff;
    private final Table table;
    /** The last seq read. */
    private long cursor;
    private boolean fromTable = true;

    OutboxReader(Handoff handoff, Table table) {
        this.handoff = handoff;
        this.table = table;
    }

    /** Starts again from the oldest message in the outbox: after a connect, everything unacknowledged is sent again. */
    void restart() {
        // What the hand-off still holds of the messages read was read from the table as well: sent, and
        // perhaps acknowledged and deleted since. Dropped, so that only the table's rows are sent again.
        handoff.dropThrough(cursor);
        cursor = 0;
        fromTable = true;
    }

    /** Adds to {@code to} up to {@code limit} of the messages after the last one read, oldest first. */
    void next(Deque<Pending> to, int limit) throws StoreException {
        if (!fromTable) {
            if (handoff.take(cursor, to, limit)) {
                moveCursor(to);
                return;
            }
            fromTable = true; // the hand-off left messages out: they are in the table
        }
        // Everything older than the hand-off's first message is in the table (or acknowledged and gone).
        List<Pending> rows = table.between(cursor, handoff.first(), limit);
        to.addAll(rows);
        moveCursor(to);
        if (rows.size() < limit) {
            // Read up to the run, or, with the run empty, everything committed before this read: what
            // commits later is in the hand-off, and what both hold is skipped there by the cursor.
            fromTable = false;
        }
    }

    private void moveCursor(Deque<Pending> to) {
        Pending last = to.peekLast();
        if (last != null && last.seq() > cursor) {
            cursor = last.seq();
        }
    }
}
