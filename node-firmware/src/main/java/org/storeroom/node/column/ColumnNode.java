package org.storeroom.node.column;

import com.pi4j.context.Context;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.storeroom.bus.ColumnState;
import org.storeroom.bus.GuideCommand;
import org.storeroom.bus.GuideState;
import org.storeroom.bus.MotionCommand;
import org.storeroom.bus.Motion;
import org.storeroom.bus.NodeHealth;
import org.storeroom.bus.NodeKind;
import org.storeroom.node.Firmware;
import org.storeroom.node.HealthResource;
import org.storeroom.node.Negotiation;
import org.storeroom.node.NodeServer;
import org.storeroom.node.column.ColumnMotion.Drive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firmware of one column controller board: a control loop every {@value #CYCLE_MS} ms drives the
 * motor by the {@link ColumnMotion} rules from the encoder and the safety inputs, and the board serves
 * {@code /state}, {@code /health}, {@code /motion} and {@code /reset} on the device bus.
 *
 * <p>The column stops by itself: when a safety input trips (at once, from the input's listener, not
 * only at the next cycle), when the lease of its movement runs out because the gateway stopped renewing
 * it, at its target and at its soft limits. A latched stop is cleared only by {@code /reset}, which never
 * starts the motor. Without an encoder the board refuses every movement.
 */
public final class ColumnNode implements AutoCloseable {
    static final int CYCLE_MS = 20;
    /** Observers hear from an idle column at least this often, so the gateway knows it is alive. */
    static final int HEARTBEAT_MS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ColumnNode.class);
    private static final String PROGRAM = "column-node";

    private final ColumnNodeConfig config;
    private final ColumnIo io;
    private final PositionSensor encoder;
    private final ColumnMotion motion;
    private final NodeServer server;
    private final StateResource stateResource;
    private final Negotiation.Encoded encodedState = new Negotiation.Encoded();
    private final ScheduledExecutorService loopExecutor;
    private final boolean ownExecutor;
    private final long boot = new SecureRandom().nextLong() & Long.MAX_VALUE;
    private final long startedNanos = System.nanoTime();

    private ScheduledFuture<?> loop;
    private long seq;
    private ColumnState state;
    private long notifiedAt;
    /** A command's cycle found a notification due (a change, or the heartbeat); sent once the answer is out. */
    private boolean pendingNotify;

    /**
     * @param config    which column, where to serve, soft limits
     * @param pi4j      the board's Pi4J context (closed by the caller)
     * @param encoder   the carriage position, or {@code null} when the board has none (every move refused)
     * @param executors shared executors, or {@code null} for the node's own
     */
    public ColumnNode(ColumnNodeConfig config, Context pi4j, PositionSensor encoder, NodeServer.SharedExecutors executors) {
        this(config, pi4j, encoder, executors, null);
    }

    /**
     * @param psk the node's pre-shared key for secure mode (DTLS; commands only over it), or {@code null}
     */
    public ColumnNode(ColumnNodeConfig config, Context pi4j, PositionSensor encoder, NodeServer.SharedExecutors executors,
                      org.storeroom.bus.BusSecurity.Psk psk) {
        this.config = config;
        this.io = new ColumnIo(pi4j, config.pins());
        this.encoder = encoder;
        this.motion = new ColumnMotion(config.minMm(), Math.max(config.maxMm(), config.minMm() + 1), 5);
        this.stateResource = new StateResource(this::state, encodedState);
        this.server = new NodeServer(config.bind(), executors, psk, stateResource, new HealthResource(this::health),
                new MotionResource(this), new ResetResource(this), new GuideResource(this));
        this.ownExecutor = executors == null;
        this.loopExecutor = ownExecutor ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "column-" + config.column() + "-control");
            t.setDaemon(true);
            return t;
        }) : executors.control();
    }

    /** A board without an encoder. */
    public ColumnNode(ColumnNodeConfig config, Context pi4j, NodeServer.SharedExecutors executors) {
        this(config, pi4j, null, executors);
    }

    /**
     * Reads the safety inputs, latching a stop if any chain is open, starts the control loop and serves
     * the bus. Inputs are not read before this, as on a board whose I/O settles before the firmware starts.
     */
    public void start() {
        synchronized (this) {
            cycle(now());
        }
        io.onSafetyInputChange(this::safetyInputChanged);
        server.start();
        loop = loopExecutor.scheduleAtFixedRate(this::loopCycle, CYCLE_MS, CYCLE_MS, TimeUnit.MILLISECONDS);
        LOG.info("column {} serving on {} (firmware {}, boot {}{})", config.column(), server.boundAddress(),
                Firmware.VERSION, boot, encoder == null ? ", no encoder: moves refused" : "");
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }

    private void loopCycle() {
        try {
            boolean notify;
            synchronized (this) {
                notify = cycle(now());
            }
            if (notify) {
                stateResource.changed();
            }
        } catch (RuntimeException e) {
            // A control loop that dies would leave the motor as it was: cut power and latch.
            synchronized (this) {
                motion.latch("firmware fault: " + e);
                io.motorOff();
            }
            LOG.error("column {} control cycle failed; motor off and latched", config.column(), e);
        }
    }

    private void safetyInputChanged() {
        boolean notify;
        synchronized (this) {
            notify = cycle(now());
        }
        if (notify) {
            stateResource.changed();
        }
    }

    /** One control cycle, with the lock held. @return whether observers should hear the state now. */
    private boolean cycle(long now) {
        if (guideLit != null && now >= guideUntil) {
            guideLit = null;
            io.guide(false);
        }
        String latchedBefore = motion.latched();
        Optional<String> lost = encoderFault();
        if (lost.isPresent()) {
            motion.latch(lost.get()); // again after every reset, for as long as the position is uncertain
        }
        int at = position();
        Drive d = motion.tick(at, io.inputs(), now);
        io.drive(d);
        if (memory != null && encoder != null && lost.isEmpty()) {
            // A position not known, or uncertain, never goes on file as a place of rest: a restart would trust it.
            memory.observe(d != Drive.OFF, at, now);
        }
        if (motion.latched() != null && latchedBefore == null) {
            LOG.warn("column {} latched stop: {}", config.column(), motion.latched());
        }
        return publish(now);
    }

    /** Takes a new snapshot; counts a change; says whether to notify (on change, or as a heartbeat). */
    private boolean publish(long now) {
        ColumnState next = snapshot(now, seq);
        boolean changed = state == null || !sameExceptLease(next, state);
        if (changed) {
            seq++;
            next = snapshot(now, seq);
        }
        if (!next.equals(state)) {
            state = next; // kept otherwise, so its encoding is reused
        }
        boolean due = changed || now - notifiedAt >= (motion.drive() == Drive.OFF ? HEARTBEAT_MS : 100);
        if (due) {
            notifiedAt = now;
        }
        return due;
    }

    private static boolean sameExceptLease(ColumnState a, ColumnState b) {
        return a.positionMm() == b.positionMm() && a.motion() == b.motion() && java.util.Objects.equals(a.targetMm(), b.targetMm())
                && a.obstructionFront() == b.obstructionFront() && a.obstructionRear() == b.obstructionRear()
                && a.emergencyStop() == b.emergencyStop() && java.util.Objects.equals(a.latchedStop(), b.latchedStop())
                && a.faults().equals(b.faults()) && a.pressesFront() == b.pressesFront() && a.pressesRear() == b.pressesRear()
                && a.aisleOccupied() == b.aisleOccupied() && a.aisleBeamBroken() == b.aisleBeamBroken();
    }

    private Optional<String> encoderFault() {
        return encoder == null ? Optional.empty() : encoder.fault();
    }

    private int position() {
        return encoder == null ? config.positionMm() : Math.max(0, Math.min(ColumnState.MAX_RAIL_MM, encoder.positionMm()));
    }

    /**
     * Handles a {@code POST /motion}; observers hear of it only if the state changed (a STOP to a standing
     * column changes nothing, and a stop-all fan-out should not double its traffic with notifications).
     *
     * @return why it is refused, or empty
     */
    synchronized Optional<String> command(MotionCommand c) {
        long now = now();
        Optional<String> refused = switch (c.action()) {
            case MOVE -> encoder == null ? Optional.of("this board has no encoder; it does not move")
                    : encoderFault().or(() -> motion.move(c, position(), io.inputs(), now));
            case RENEW -> motion.renew(c.id(), c.leaseMs(), now);
            case STOP -> {
                motion.stop();
                yield Optional.empty();
            }
        };
        pendingNotify |= cycle(now);
        return refused;
    }

    /** Handles a {@code POST /reset}. @return why it is refused, or empty */
    synchronized Optional<String> reset() {
        String was = motion.latched();
        Optional<String> lost = encoderFault();
        if (lost.isPresent()) {
            return lost; // only a restart at a known position clears it
        }
        Optional<String> refused = motion.reset(io.inputs());
        pendingNotify |= cycle(now());
        if (refused.isEmpty() && was != null) {
            LOG.info("column {} latched stop ({}) reset", config.column(), was);
        }
        return refused;
    }

    /** Tells observers what a command changed (or the heartbeat its cycle found due), if anything. */
    void notifyObservers() {
        boolean due;
        synchronized (this) {
            due = pendingNotify;
            pendingNotify = false;
        }
        if (due) {
            stateResource.changed();
        }
    }

    private PositionMemory memory;

    /** Keeps where the carriage comes to rest in {@code memory}, from the next control cycle on. */
    public synchronized void keepPositionIn(PositionMemory memory) {
        this.memory = memory;
    }

    /** @return the encodings of {@link #state()}, shared by the answers to commands and to observers */
    Negotiation.Encoded encodedState() {
        return encodedState;
    }

    /** @return the current state, a new object after every change. */
    public synchronized ColumnState state() {
        return state != null ? state : snapshot(now(), seq);
    }

    private GuideCommand guideLit;
    private long guideUntil;

    /** Lights (or, with 0 seconds, puts out) the guide indicator. @return what it shows now */
    synchronized GuideState guide(GuideCommand c) {
        long now = now();
        guideLit = c.seconds() == 0 ? null : c;
        guideUntil = now + c.seconds() * 1000L;
        io.guide(guideLit != null);
        if (guideLit != null) {
            LOG.info("column {} guide lit: side {} bay {} layer {} for {} s", config.column(), c.side(), c.bay(), c.layer(), c.seconds());
        }
        return guide();
    }

    /** @return what the guide indicator shows; it goes out by itself when its time is up */
    public synchronized GuideState guide() {
        long now = now();
        if (guideLit != null && now >= guideUntil) {
            guideLit = null;
            io.guide(false);
        }
        return guideLit == null ? new GuideState(config.column(), false, null, null, null, 0)
                : new GuideState(config.column(), true, guideLit.side(), guideLit.bay(), guideLit.layer(), guideUntil - now);
    }

    /** @return the node's health. */
    public NodeHealth health() {
        return new NodeHealth("column-" + config.column(), NodeKind.COLUMN, Firmware.label(PROGRAM), boot,
                (System.nanoTime() - startedNanos) / 1_000_000, state().faults());
    }

    /** @return the board I/O, for the simulator's physics. */
    public ColumnIo io() {
        return io;
    }

    /** @return where the node serves. */
    public NodeServer server() {
        return server;
    }

    private ColumnState snapshot(long now, long s) {
        Drive d = motion.drive();
        Motion m = d == Drive.FORWARD ? Motion.MOVING_FORWARD : d == Drive.BACKWARD ? Motion.MOVING_BACKWARD : Motion.STOPPED;
        return new ColumnState(config.column(), Firmware.label(PROGRAM), boot, s, position(), motion.target(), m,
                io.obstructionFront(), io.obstructionRear(), io.emergencyStop(), motion.latched(),
                motion.leaseRemainingMs(now), encoder == null ? List.of("no encoder") : encoderFault().map(List::of).orElse(List.of()),
                io.pressesFront(), io.pressesRear(), io.aisleOccupied(), io.aisleBeamBroken());
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.cancel(false);
        }
        synchronized (this) {
            motion.stop();
            io.motorOff();
        }
        server.close();
        if (ownExecutor) {
            loopExecutor.shutdownNow();
        }
    }
}
