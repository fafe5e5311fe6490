package org.storeroom.node.column;

import com.pi4j.context.Context;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.storeroom.bus.ColumnState;
import org.storeroom.bus.Motion;
import org.storeroom.bus.NodeHealth;
import org.storeroom.bus.NodeKind;
import org.storeroom.node.Firmware;
import org.storeroom.node.HealthResource;
import org.storeroom.node.NodeServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firmware of one column controller board: reads the safety inputs through Pi4J, latches a stop
 * when one trips, and serves {@code /state} and {@code /health} on the device bus.
 *
 * <p>A latched stop is cleared only by a deliberate reset and never by the inputs clearing, so a person
 * who was in the way is not surprised by the carriage moving again.
 */
public final class ColumnNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ColumnNode.class);
    private static final String PROGRAM = "column-node";

    private final ColumnNodeConfig config;
    private final ColumnIo io;
    private final NodeServer server;
    private final StateResource stateResource;
    private final long boot = new SecureRandom().nextLong() & Long.MAX_VALUE;
    private final long startedNanos = System.nanoTime();

    private long seq;
    private String latchedStop;
    private ColumnState state;

    /**
     * @param config    which column and where to serve
     * @param pi4j      the board's Pi4J context (closed by the caller)
     * @param executors shared executors, or {@code null} for the node's own
     */
    public ColumnNode(ColumnNodeConfig config, Context pi4j, NodeServer.SharedExecutors executors) {
        this.config = config;
        this.io = new ColumnIo(pi4j, config.pins());
        this.stateResource = new StateResource(this::state);
        this.server = new NodeServer(config.bind(), executors, stateResource, new HealthResource(this::health));
    }

    /**
     * Reads the safety inputs, latching a stop if any chain is open, then serves the bus. Inputs are not
     * read before this, as on a board whose I/O settles before the firmware starts.
     */
    public void start() {
        synchronized (this) {
            latchFromInputs();
            state = snapshot();
        }
        io.onSafetyInputChange(this::inputsChanged);
        server.start();
        LOG.info("column {} serving on {} (firmware {}, boot {})", config.column(), server.boundAddress(),
                Firmware.VERSION, boot);
    }

    /** @return the current state, a new object after every change; before {@link #start()}, the inputs as they are. */
    public synchronized ColumnState state() {
        return state != null ? state : snapshot();
    }

    /** @return the node's health. */
    public NodeHealth health() {
        List<String> faults = new ArrayList<>(state().faults());
        return new NodeHealth("column-" + config.column(), NodeKind.COLUMN, Firmware.label(PROGRAM), boot,
                (System.nanoTime() - startedNanos) / 1_000_000, faults);
    }

    /** @return the board I/O, for the simulator's physics. */
    public ColumnIo io() {
        return io;
    }

    /** @return where the node serves. */
    public NodeServer server() {
        return server;
    }

    private void inputsChanged() {
        synchronized (this) {
            latchFromInputs();
            if (snapshot().equals(state)) {
                return;
            }
            seq++;
            state = snapshot();
        }
        stateResource.changed();
    }

    /** Called with the lock held. */
    private void latchFromInputs() {
        String trip = io.emergencyStop() ? "emergency stop"
                : io.obstructionFront() ? "obstruction front"
                : io.obstructionRear() ? "obstruction rear" : null;
        if (trip != null) {
            io.motorOff();
            if (latchedStop == null) {
                latchedStop = trip;
                LOG.warn("column {} latched stop: {}", config.column(), trip);
            }
        }
    }

    /** Called with the lock held. */
    private ColumnState snapshot() {
        return new ColumnState(config.column(), Firmware.label(PROGRAM), boot, seq, config.positionMm(), null,
                Motion.STOPPED, io.obstructionFront(), io.obstructionRear(), io.emergencyStop(), latchedStop, 0,
                List.of());
    }

    @Override
    public void close() {
        io.motorOff();
        server.close();
    }
}
