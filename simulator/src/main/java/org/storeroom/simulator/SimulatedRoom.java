package org.storeroom.simulator;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.node.Boards;
import org.storeroom.node.NodeServer;
import org.storeroom.node.column.ColumnNode;
import org.storeroom.node.column.ColumnNodeConfig;

/**
 * The store room twin: one real column node firmware per column, each on its own loopback address and
 * its own Pi4J mock board, sharing two small executors so 45 nodes fit in one process.
 */
public final class SimulatedRoom implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedRoom.class);

    private final RoomLayout layout;
    private final ScheduledExecutorService main;
    private final ScheduledExecutorService secondary;
    private final List<Context> boards = new ArrayList<>();
    private final List<ColumnNode> columns = new ArrayList<>();

    private SimulatedRoom(RoomLayout layout) {
        this.layout = layout;
        this.main = ExecutorsUtil.newScheduledThreadPool(2, threads("room-nodes"));
        this.secondary = ExecutorsUtil.newDefaultSecondaryScheduler("room-nodes-timer#");
    }

    /**
     * Starts every node of the layout; if any cannot start (an address in use), the ones started are
     * stopped again and the failure names the node.
     */
    public static SimulatedRoom start(RoomLayout layout) {
        SimulatedRoom room = new SimulatedRoom(layout);
        try {
            NodeServer.SharedExecutors shared = new NodeServer.SharedExecutors(room.main, room.secondary);
            for (int c = 1; c <= layout.columns(); c++) {
                Context board = Boards.mock();
                room.boards.add(board);
                ColumnNode node = new ColumnNode(new ColumnNodeConfig(c, layout.columnAddress(c), 0, null), board, shared);
                // A healthy room: every contact strip, light beam and emergency stop chain is closed.
                node.io().safetyInputs().values().forEach(in -> ((MockDigitalInput) in).mockState(DigitalState.HIGH));
                room.columns.add(node);
                try {
                    node.start();
                } catch (IllegalStateException e) {
                    throw new IllegalStateException("column node " + c + " cannot listen on "
                            + layout.columnAddress(c) + ": " + e.getMessage(), e);
                }
            }
        } catch (RuntimeException e) {
            room.close();
            throw e;
        }
        LOG.info("simulated room: {} column nodes on 127.0.1.1..{}", layout.columns(), layout.columns());
        return room;
    }

    /** @return the layout the room was started with. */
    public RoomLayout layout() {
        return layout;
    }

    /** @return column node {@code column} (1-based). */
    public ColumnNode column(int column) {
        return columns.get(column - 1);
    }

    /**
     * @return the device bus configuration that reaches this room's column nodes, one
     *         {@code COLUMN=coap://HOST:PORT} entry per column
     */
    public String[] columnNodesConfig() {
        String[] entries = new String[columns.size()];
        for (int i = 0; i < entries.length; i++) {
            var a = columns.get(i).server().boundAddress();
            entries[i] = (i + 1) + "=coap://" + a.getAddress().getHostAddress() + ":" + a.getPort();
        }
        return entries;
    }

    @Override
    public void close() {
        columns.forEach(ColumnNode::close);
        boards.forEach(Context::shutdown);
        main.shutdownNow();
        secondary.shutdownNow();
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
