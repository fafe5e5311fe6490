package org.storeroom.bus;

/**
 * A {@code POST /motion} to a column node.
 *
 * <ul>
 * <li>{@code MOVE}: go to {@code targetMm} under a lease of {@code leaseMs}; {@code id} names the
 *     movement (a new id for each move, increasing).</li>
 * <li>{@code RENEW}: extend the lease of movement {@code id} by {@code leaseMs} from now. A renewal never
 *     restarts a movement that ended (arrived, stopped, lease expired, tripped).</li>
 * <li>{@code STOP}: stop now; {@code id}, {@code targetMm} and {@code leaseMs} are ignored.</li>
 * </ul>
 *
 * @param action  what to do
 * @param id      movement id, at least 1 for MOVE and RENEW
 * @param targetMm target position for MOVE, else {@code null}
 * @param leaseMs lease for MOVE and RENEW, 50..5000 ms, else {@code null}
 */
public record MotionCommand(Action action, long id, Integer targetMm, Integer leaseMs) {

    /** What a motion command asks for. */
    public enum Action { MOVE, RENEW, STOP }

    /** Shortest and longest lease a node accepts. */
    public static final int MIN_LEASE_MS = 50;
    public static final int MAX_LEASE_MS = 5000;

    public MotionCommand {
        Checks.present("action", action);
        if (action != Action.STOP) {
            Checks.atLeast("id", id, 1);
            Checks.present("leaseMs", leaseMs);
            Checks.range("leaseMs", leaseMs, MIN_LEASE_MS, MAX_LEASE_MS);
        }
        if (action == Action.MOVE) {
            Checks.present("targetMm", targetMm);
            Checks.range("targetMm", targetMm, 0, ColumnState.MAX_RAIL_MM);
        }
    }

    public static MotionCommand move(long id, int targetMm, int leaseMs) {
        return new MotionCommand(Action.MOVE, id, targetMm, leaseMs);
    }

    public static MotionCommand renew(long id, int leaseMs) {
        return new MotionCommand(Action.RENEW, id, null, leaseMs);
    }

    public static MotionCommand stop() {
        return new MotionCommand(Action.STOP, 0, null, null);
    }
}
