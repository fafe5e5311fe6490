package org.storeroom.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.storeroom.bus.ColumnState;
import org.storeroom.simulator.SimulatedRoom;

/**
 * Watches simulated column nodes from inside: the wall-clock moment each one's carriage starts or stops,
 * as the node itself changes its state (before any message leaves it).
 */
final class NodeMotions implements AutoCloseable {
    /** A node's carriage started (moving = 1) or stopped (0) at {@code atMs}, wall clock. */
    record Change(int column, int moving, long atMs) { }

    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final Thread watcher;
    private volatile boolean running = true;

    NodeMotions(SimulatedRoom room, int first, int last) {
        watcher = new Thread(() -> {
            int[] was = new int[last + 1];
            for (int c = first; c <= last; c++) {
                was[c] = moving(room.column(c).state());
            }
            while (running) {
                for (int c = first; c <= last; c++) {
                    int now = moving(room.column(c).state());
                    if (now != was[c]) {
                        changes.add(new Change(c, now, System.currentTimeMillis()));
                        was[c] = now;
                    }
                }
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
            }
        }, "node-motions");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static int moving(ColumnState s) {
        return s.motion() == org.storeroom.bus.Motion.STOPPED ? 0 : 1;
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    /**
     * @param shown what the page showed: [column, moving 1 / stopped 0 / other -1, wall-clock ms]
     * @return for each node change, how long until the page first showed that column so at or after it
     */
    List<Long> lagsUntilShown(List<List<Number>> shown) {
        List<Long> lags = new ArrayList<>();
        for (Change c : changes) {
            shown.stream().filter(s -> s.get(0).intValue() == c.column() && s.get(1).intValue() == c.moving()
                    && s.get(2).longValue() >= c.atMs() - 1) // clocks read to the millisecond on both sides
                    .findFirst().ifPresent(s -> lags.add(s.get(2).longValue() - c.atMs()));
        }
        return lags;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        watcher.join(1000);
    }
}
