package org.storeroom.simulator;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.util.List;
import org.storeroom.node.column.ColumnNode;

/**
 * The carriages of the simulated room as bodies with mass on rails. A driven motor accelerates its
 * carriage gently to the configured speed (soft start); an unpowered one brakes to a standstill (soft
 * stop). Rails end in hard stops and carriages never pass through each other. Each carriage's contact
 * strips close their safety chain unless a test presses them (a person, a box) or the carriage collides
 * with its neighbour faster than a packing touch.
 */
final class CarriagePhysics {
    /** A loaded carriage of archive boxes. */
    static final double MASS_KG = 1500;
    static final double DRIVE_FORCE_N = 450;   // 0.3 m/s² soft start
    static final double BRAKE_FORCE_N = 1200;  // 0.8 m/s² soft stop
    /**
     * Closing speed above which meeting a neighbour is a collision that trips the bumper strips; slower is
     * the normal touch of carriages packing together (real drives mute the edge in that final approach).
     */
    static final double COLLISION_MM_PER_S = 60;

    static final class Carriage {
        final int column;
        /** The board on the carriage; replaced when the simulator reboots it. */
        volatile ColumnNode node;
        /** Where the board listens once started; a reboot keeps it, as a real board keeps its address. */
        java.net.InetSocketAddress address;
        final double minMm;
        final double maxMm;
        volatile double posMm;
        double velMmPerS;
        volatile boolean frontPressed;
        volatile boolean rearPressed;
        volatile boolean emergencyStopPressed;
        /** Someone in the aisle in front of this carriage; a box across its entry light beam. */
        volatile boolean aisleOccupied;
        volatile boolean beamBroken;

        Carriage(int column, ColumnNode node, double minMm, double maxMm) {
            this.column = column;
            this.node = node;
            this.minMm = minMm;
            this.maxMm = maxMm;
            this.posMm = minMm;
        }

        int positionMm() {
            return (int) Math.round(posMm);
        }
    }

    private final RoomLayout layout;
    private final List<Carriage> carriages;

    CarriagePhysics(RoomLayout layout, List<Carriage> carriages) {
        this.layout = layout;
        this.carriages = carriages;
    }

    /** Advances the room by {@code dtMs}. */
    synchronized void step(double dtMs) {
        double dt = dtMs / 1000.0;
        double accel = DRIVE_FORCE_N / MASS_KG * 1000; // mm/s²
        double brake = BRAKE_FORCE_N / MASS_KG * 1000;
        for (Carriage c : carriages) {
            boolean driven = c.node.io().motorEnabled();
            double want = driven ? (c.node.io().motorForward() ? layout.speedMmPerS() : -layout.speedMmPerS()) : 0;
            boolean speedingUp = driven && want * c.velMmPerS >= 0 && Math.abs(want) > Math.abs(c.velMmPerS);
            double dv = want - c.velMmPerS;
            c.velMmPerS += Math.signum(dv) * Math.min(Math.abs(dv), (speedingUp ? accel : brake) * dt);
            c.posMm += c.velMmPerS * dt;
            if (c.posMm < c.minMm || c.posMm > c.maxMm) {
                c.posMm = Math.max(c.minMm, Math.min(c.maxMm, c.posMm)); // the rail's end stop
                c.velMmPerS = 0;
            }
        }
        boolean[] hitFront = new boolean[carriages.size()];
        boolean[] hitRear = new boolean[carriages.size()];
        for (int i = 0; i + 1 < carriages.size(); i++) {
            Carriage c = carriages.get(i);
            Carriage next = carriages.get(i + 1);
            if (!layout.sameRange(c.column, next.column)) {
                continue;
            }
            double gap = next.posMm - c.posMm - layout.depthMm();
            if (gap < 0) {
                // Carriages do not pass through each other: the one that moved into the other is held back.
                double closing = c.velMmPerS - next.velMmPerS;
                if (c.velMmPerS > 0) {
                    c.posMm = next.posMm - layout.depthMm();
                } else {
                    next.posMm = c.posMm + layout.depthMm();
                }
                if (closing > COLLISION_MM_PER_S) {
                    hitFront[i] = true;
                    hitRear[i + 1] = true;
                }
                double common = Math.min(Math.max(c.velMmPerS, 0), Math.max(next.velMmPerS, 0));
                c.velMmPerS = Math.min(c.velMmPerS, common);
                next.velMmPerS = Math.max(next.velMmPerS, Math.min(0, c.velMmPerS));
            }
        }
        for (int i = 0; i < carriages.size(); i++) {
            Carriage c = carriages.get(i);
            chain(c, "obstruction-front", c.frontPressed || hitFront[i]);
            chain(c, "obstruction-rear", c.rearPressed || hitRear[i]);
            chain(c, "emergency-stop", c.emergencyStopPressed);
            chain(c, "aisle-presence", c.aisleOccupied);
            chain(c, "aisle-beam", c.beamBroken);
        }
    }

    /** Opens or closes a safety chain; the node's input listener reacts at once. */
    private static void chain(Carriage c, String input, boolean open) {
        MockDigitalInput in = (MockDigitalInput) c.node.io().safetyInputs().get(input);
        DigitalState want = open ? DigitalState.LOW : DigitalState.HIGH;
        if (in.state() != want) {
            in.mockState(want);
        }
    }

    synchronized double velocity(int column) {
        return carriages.stream().filter(c -> c.column == column).findFirst().orElseThrow().velMmPerS;
    }
}
