package org.storeroom.node.column;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.Optional;

/**
 * The carriage's incremental encoder: two GPIO lines in quadrature, A leading B while the carriage moves
 * away from the fixed column, every edge of either line one count (4 per encoder line).
 *
 * <p>Each edge is taken with the other line's last known level, so a line that changes twice between two
 * of its events shows up as an event with no change: an edge was missed and the count can no longer be
 * trusted. That is a fault the board latches on; it stays until the position is known again, because a
 * carriage that does not know where it is must not move: when the home switch (if fitted) closes, at
 * the carriage's stop at the fixed end, or when the board restarts at a known position.
 */
public final class QuadratureEncoder implements PositionSensor, AutoCloseable {
    /**
     * @param lineA      BCM line of channel A
     * @param lineB      BCM line of channel B
     * @param mmPerCount carriage travel per edge
     * @param homeLine   BCM line of the home switch, HIGH while the carriage stands at its stop at the
     *                   fixed end; -1 when none is fitted
     * @param homeMm     the carriage position at the home switch
     */
    public record Wiring(int lineA, int lineB, double mmPerCount, int homeLine, int homeMm) {
        public Wiring {
            for (int line : homeLine < 0 ? new int[] {lineA, lineB} : new int[] {lineA, lineB, homeLine}) {
                if (line < 0 || line > 27) {
                    throw new IllegalArgumentException("encoder GPIO line " + line + " is outside 0..27");
                }
            }
            if (lineA == lineB || lineA == homeLine || lineB == homeLine) {
                throw new IllegalArgumentException(homeLine < 0 ? "encoder channels A and B are both on GPIO line " + lineA
                        : "encoder channels A (" + lineA + "), B (" + lineB + ") and the home switch (" + homeLine
                                + ") need three different GPIO lines");
            }
            if (homeMm < 0 || homeMm > org.storeroom.bus.ColumnState.MAX_RAIL_MM) {
                throw new IllegalArgumentException("home position " + homeMm + " mm is outside 0.."
                        + org.storeroom.bus.ColumnState.MAX_RAIL_MM);
            }
            if (!(mmPerCount > 0 && mmPerCount <= 10)) {
                throw new IllegalArgumentException("encoder travel per count " + mmPerCount + " mm is outside (0, 10]");
            }
        }

        /** An encoder without a home switch. */
        public Wiring(int lineA, int lineB, double mmPerCount) {
            this(lineA, lineB, mmPerCount, -1, 0);
        }
    }

    private final DigitalInput a;
    private final DigitalInput b;
    private final Wiring wiring;
    private final DigitalStateChangeListener onA = e -> edge(true, e.state() == DigitalState.HIGH);
    private final DigitalStateChangeListener onB = e -> edge(false, e.state() == DigitalState.HIGH);
    private final DigitalInput homeSwitch;
    private final DigitalStateChangeListener onHome = e -> {
        if (e.state() == DigitalState.HIGH) {
            home();
        }
    };
    private int startMm;
    /** Why the position is not known since start (the board went down while the carriage moved), until home. */
    private String unknownSince;
    // Written by Pi4J's event threads under the lock, read by the control loop.
    private boolean levelA;
    private boolean levelB;
    private long count;
    private long missed;

    /**
     * @param startMm where the carriage stands now, in mm from the fixed column's front
     */
    public QuadratureEncoder(Context pi4j, String id, Wiring wiring, int startMm) {
        this(pi4j, id, wiring, startMm, null);
    }

    /**
     * @param unknown why the position at start is not known (the encoder then reports a fault until the
     *                home switch closes; without one, until the board is restarted at a position measured
     *                by hand), or {@code null} when the carriage stands at {@code startMm}
     */
    public QuadratureEncoder(Context pi4j, String id, Wiring wiring, int startMm, String unknown) {
        this.wiring = wiring;
        this.startMm = startMm;
        this.unknownSince = unknown;
        this.a = input(pi4j, id + "-encoder-a", wiring.lineA());
        this.b = input(pi4j, id + "-encoder-b", wiring.lineB());
        synchronized (this) {
            levelA = a.state() == DigitalState.HIGH;
            levelB = b.state() == DigitalState.HIGH;
        }
        a.addListener(onA);
        b.addListener(onB);
        homeSwitch = wiring.homeLine() < 0 ? null : input(pi4j, id + "-home", wiring.homeLine());
        if (homeSwitch != null) {
            homeSwitch.addListener(onHome);
            if (homeSwitch.state() == DigitalState.HIGH) {
                home();
            }
        }
    }

    /** The carriage stands at its home stop: the position is known again, whatever was missed before. */
    private synchronized void home() {
        startMm = wiring.homeMm();
        count = 0;
        missed = 0;
        unknownSince = null;
    }

    private static DigitalInput input(Context pi4j, String id, int line) {
        return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).name(id).address(line)
                .pull(PullResistance.PULL_UP).debounce(0L).build());
    }

    /**
     * One line's event as Pi4J delivers it. Package-private for tests: Pi4J's mock lines dispatch only
     * changes, and a missed edge is a line's event repeating its level.
     */
    synchronized void edge(boolean onA, boolean high) {
        boolean before = onA ? levelA : levelB;
        if (before == high) {
            missed++; // this line changed twice since its last event
            return;
        }
        // Moving away from the fixed column, A leads: A changes to differ from B, B changes to equal A.
        boolean forward = onA ? high != levelB : high == levelA;
        if (onA) {
            levelA = high;
        } else {
            levelB = high;
        }
        count += forward ? 1 : -1;
    }

    @Override
    public synchronized int positionMm() {
        return (int) Math.round(startMm + count * wiring.mmPerCount());
    }

    /** @return counts since start: positive away from the fixed column */
    public synchronized long count() {
        return count;
    }

    @Override
    public synchronized Optional<String> fault() {
        if (unknownSince != null) {
            return Optional.of("position unknown: " + unknownSince + "; " + remedy());
        }
        return missed == 0 ? Optional.empty()
                : Optional.of("encoder missed " + missed + " edge" + (missed == 1 ? "" : "s") + ": position uncertain; " + remedy());
    }

    /** What makes the position known again, said to whoever stands at the column. */
    private String remedy() {
        return homeSwitch != null ? "bring the carriage to its home stop by hand"
                : "measure where the carriage stands and restart the board there (storeroom-node confirm-position --mm N)";
    }

    @Override
    public void close() {
        a.removeListener(onA);
        b.removeListener(onB);
        if (homeSwitch != null) {
            homeSwitch.removeListener(onHome);
        }
    }
}
