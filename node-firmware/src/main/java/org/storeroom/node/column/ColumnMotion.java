package org.storeroom.node.column;

import java.util.Optional;
import org.storeroom.bus.MotionCommand;

/**
 * The column firmware's motion rules, with no I/O: fed commands, the position, the safety inputs and
 * the time, it says how the motor is driven.
 *
 * <p>The motor runs only while all of these hold: a movement was commanded and has not ended, its lease
 * has not run out, no stop is latched, no safety input is tripped, the carriage is inside its soft
 * limits and short of its target, and, moving forward, the aisle in front is clear (a blocked aisle ends
 * the movement without latching: nobody was touched). A trip latches; only {@link #reset} clears the latch, and a reset also
 * forgets the movement, so it never starts the motor. A renewal extends only the movement still running.
 *
 * <p>Not thread-safe: the node calls it from its control loop and its CoAP handlers under one lock.
 */
public final class ColumnMotion {

    /** How the motor is driven. */
    public enum Drive { OFF, FORWARD, BACKWARD }

    /**
     * The safety inputs as read this instant.
     *
     * @param frontAisleBlocked the aisle in front (the one a forward move closes) is occupied or its beam broken
     */
    public record Inputs(boolean obstructionFront, boolean obstructionRear, boolean emergencyStop, boolean frontAisleBlocked) {
        public static final Inputs CLEAR = new Inputs(false, false, false, false);

        public Inputs(boolean obstructionFront, boolean obstructionRear, boolean emergencyStop) {
            this(obstructionFront, obstructionRear, emergencyStop, false);
        }

        /** @return why the carriage must not move, or {@code null}. */
        String trip() {
            return emergencyStop ? "emergency stop" : obstructionFront ? "obstruction front"
                    : obstructionRear ? "obstruction rear" : null;
        }
    }

    private final int minMm;
    private final int maxMm;
    private final int toleranceMm;

    private Integer target;
    private long commandId;
    private long leaseUntil;
    private String latched;
    private Drive drive = Drive.OFF;

    /**
     * @param minMm       soft limit towards the fixed column
     * @param maxMm       soft limit away from it
     * @param toleranceMm within this of the target the carriage has arrived
     */
    public ColumnMotion(int minMm, int maxMm, int toleranceMm) {
        if (minMm < 0 || maxMm <= minMm) {
            throw new IllegalArgumentException("soft limits " + minMm + ".." + maxMm + " mm are not an increasing range from 0");
        }
        this.minMm = minMm;
        this.maxMm = maxMm;
        this.toleranceMm = toleranceMm;
    }

    /**
     * Starts a movement.
     *
     * @return why it is refused, or empty when accepted
     */
    public Optional<String> move(MotionCommand c, int positionMm, Inputs in, long now) {
        if (latched != null) {
            return Optional.of("latched stop: " + latched + "; reset first");
        }
        String trip = in.trip();
        if (trip != null) {
            return Optional.of(trip + " is active");
        }
        if (c.targetMm() < minMm || c.targetMm() > maxMm) {
            return Optional.of("targetMm " + c.targetMm() + " is outside the soft limits " + minMm + ".." + maxMm);
        }
        if (in.frontAisleBlocked() && c.targetMm() > positionMm + toleranceMm) {
            return Optional.of("the aisle in front is occupied or its entry beam broken");
        }
        if (c.id() <= commandId) {
            return Optional.of("movement id " + c.id() + " is not newer than " + commandId);
        }
        commandId = c.id();
        if (Math.abs(c.targetMm() - positionMm) <= toleranceMm) {
            target = null;
            return Optional.empty(); // already there: nothing to drive
        }
        target = c.targetMm();
        leaseUntil = now + c.leaseMs();
        return Optional.empty();
    }

    /**
     * Extends the lease of the running movement {@code id}.
     *
     * @return why it is refused, or empty when renewed
     */
    public Optional<String> renew(long id, int leaseMs, long now) {
        if (target == null || id != commandId) {
            return Optional.of("movement " + id + " is not running");
        }
        if (now >= leaseUntil) {
            target = null;
            return Optional.of("movement " + id + " lease ran out");
        }
        leaseUntil = now + leaseMs;
        return Optional.empty();
    }

    /** Stops and forgets the movement. */
    public void stop() {
        target = null;
        drive = Drive.OFF;
    }

    /**
     * Clears a latched stop, if the safety inputs are clear. Forgets any movement: a reset never starts
     * the motor.
     *
     * @return why it is refused, or empty when the latch is cleared
     */
    public Optional<String> reset(Inputs in) {
        String trip = in.trip();
        if (trip != null) {
            latch(trip); // the trip is news: stop now rather than at the next cycle
            return Optional.of(trip + " is still active; clear it first");
        }
        latched = null;
        target = null;
        drive = Drive.OFF;
        return Optional.empty();
    }

    /** Latches a stop for a reason the board found itself (watchdog, fault). */
    public void latch(String why) {
        if (latched == null) {
            latched = why;
        }
        target = null;
        drive = Drive.OFF;
    }

    /** One control cycle: decides the drive from the position, the inputs and the time. */
    public Drive tick(int positionMm, Inputs in, long now) {
        String trip = in.trip();
        if (trip != null) {
            latch(trip);
        }
        if (latched != null || target == null) {
            drive = Drive.OFF;
        } else if (now >= leaseUntil) {
            target = null; // the gateway stopped renewing: stop by ourselves
            drive = Drive.OFF;
        } else if (Math.abs(target - positionMm) <= toleranceMm) {
            target = null;
            drive = Drive.OFF;
        } else if (target > positionMm && in.frontAisleBlocked()) {
            // Defence in depth: never close our own aisle on someone the gateway has not heard of yet.
            target = null;
            drive = Drive.OFF;
        } else if (target > positionMm) {
            drive = positionMm >= maxMm ? Drive.OFF : Drive.FORWARD;
        } else {
            drive = positionMm <= minMm ? Drive.OFF : Drive.BACKWARD;
        }
        if (drive == Drive.OFF && target != null && (positionMm >= maxMm || positionMm <= minMm)) {
            target = null; // at a soft limit: the movement ends here
        }
        return drive;
    }

    public Drive drive() {
        return drive;
    }

    /** @return the running movement's target, or {@code null}. */
    public Integer target() {
        return target;
    }

    public String latched() {
        return latched;
    }

    public long commandId() {
        return commandId;
    }

    /** @return lease time left for the running movement, 0 when none. */
    public int leaseRemainingMs(long now) {
        return target == null ? 0 : (int) Math.max(0, Math.min(60_000, leaseUntil - now));
    }
}
