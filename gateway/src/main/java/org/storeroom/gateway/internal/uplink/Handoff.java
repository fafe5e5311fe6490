package org.storeroom.gateway.internal.uplink;

import java.util.ArrayDeque;
import java.util.Collection;
import org.storeroom.gateway.internal.uplink.OutboxTable.Pending;

/**
 * Committed messages handed from the store's writer to the publisher in memory, so that a publisher
 * need not read back from the table what was just written.
 *
 * <p>It always holds an unbroken run of commits: from the first commit after it last {@linkplain #take
 * started over}, in seq order, up to where it filled. When full it takes no more (the table has them
 * all) and, once the publisher has taken what it holds, starts over empty. So a publisher that lags
 * behind a burst still takes the oldest part of each run from memory, and reads from the table only
 * what is older than the run's first message.
 *
 * <p>Bounded in messages and bytes. Thread-safe: added to on the writer thread, taken by the publisher.
 */
final class Handoff {
    private final int maxMessages;
    private final long maxBytes;
    private final ArrayDeque<Pending> run = new ArrayDeque<>();
    private long bytes;
    /** Whether a commit was left out since the run started: what follows its last message is only in the table. */
    private boolean full;

    Handoff(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /** Adds a message just committed (commits arrive in seq order), unless the run is full. */
    synchronized void add(Pending p) {
        if (full) {
            return;
        }
        if (run.size() >= maxMessages || bytes + p.payload().length > maxBytes) {
            full = true;
            return;
        }
        run.add(p);
        bytes += p.payload().length;
    }

    /**
     * @return the seq of the oldest message held, or {@link Long#MAX_VALUE} when none: every message
     *         committed before it, and not yet acknowledged, is in the table
     */
    synchronized long first() {
        Pending p = run.peek();
        return p == null ? Long.MAX_VALUE : p.seq();
    }

    /**
     * Moves up to {@code limit} messages after seq {@code after} into {@code to}, oldest first; those up to
     * {@code after} are dropped, having been read from the table already.
     *
     * @return false, having moved nothing, when the run was full and is used up: it starts over with the
     *         next commit, and the caller reads what was left out from the table
     */
    synchronized boolean take(long after, Collection<Pending> to, int limit) {
        if (run.isEmpty() && full) {
            full = false;
            return false;
        }
        for (int n = 0; n < limit && !run.isEmpty(); ) {
            Pending p = run.poll();
            bytes -= p.payload().length;
            if (p.seq() > after) {
                to.add(p);
                n++;
            }
        }
        return true;
    }

    /** Drops the messages up to seq {@code seq}. */
    synchronized void dropThrough(long seq) {
        while (!run.isEmpty() && run.peek().seq() <= seq) {
            bytes -= run.poll().payload().length;
        }
    }
}
