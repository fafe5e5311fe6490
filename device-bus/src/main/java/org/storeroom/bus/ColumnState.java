package org.storeroom.bus;

import java.util.List;

/**
 * The state a column node reports on {@code /state}.
 *
 * <p>Observe delivers the latest state, not every change, so {@code seq} grows by one with every
 * change a node makes and {@code boot} changes with every restart: together they let the gateway tell a
 * missed stop from a quiet column, and a rebooted node from a live one.
 *
 * @param column           column number in the room, 1..999
 * @param firmware         firmware version of the node
 * @param boot             random identifier chosen at node start
 * @param seq              state sequence number within this boot, from 0
 * @param positionMm       carriage position along the rail in mm, away from the fixed column
 * @param targetMm         target of the current movement, or {@code null} when none
 * @param motion           what the carriage is doing
 * @param obstructionFront contact strip or light beam on the front face is interrupted
 * @param obstructionRear  contact strip or light beam on the rear face is interrupted
 * @param emergencyStop    the emergency stop of this column is pressed
 * @param latchedStop      why the column is latched stopped (obstruction, emergency stop), or
 *                         {@code null}; only a deliberate reset clears it
 * @param leaseRemainingMs time left on the current movement's lease, 0 when none
 * @param faults           active faults, empty when healthy
 * @param pressesFront     presses of the aisle button on the front face since boot: asks to open the aisle
 *                         in front of the column
 * @param pressesRear      presses of the aisle button on the rear face since boot: the aisle behind it
 * @param aisleOccupied    the presence sensor of the aisle in front of this column sees someone (or its
 *                         wiring is broken: it is fail-safe)
 * @param aisleBeamBroken  the entry light beam of the aisle in front of this column is interrupted
 */
public record ColumnState(
        int column,
        String firmware,
        long boot,
        long seq,
        int positionMm,
        Integer targetMm,
        Motion motion,
        boolean obstructionFront,
        boolean obstructionRear,
        boolean emergencyStop,
        String latchedStop,
        int leaseRemainingMs,
        List<String> faults,
        long pressesFront,
        long pressesRear,
        boolean aisleOccupied,
        boolean aisleBeamBroken) {

    /** Longest rail the firmware accepts, in mm. */
    public static final int MAX_RAIL_MM = 100_000;

    public ColumnState {
        Checks.range("column", column, 1, 999);
        Checks.text("firmware", firmware, 64);
        Checks.atLeast("seq", seq, 0);
        Checks.range("positionMm", positionMm, 0, MAX_RAIL_MM);
        if (targetMm != null) {
            Checks.range("targetMm", targetMm, 0, MAX_RAIL_MM);
        }
        Checks.present("motion", motion);
        if (latchedStop != null) {
            Checks.text("latchedStop", latchedStop, 200);
        }
        Checks.range("leaseRemainingMs", leaseRemainingMs, 0, 60_000);
        faults = Checks.texts("faults", faults, 32, 200);
        Checks.atLeast("pressesFront", pressesFront, 0);
        Checks.atLeast("pressesRear", pressesRear, 0);
    }
}
