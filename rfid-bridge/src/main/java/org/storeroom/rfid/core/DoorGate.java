package org.storeroom.rfid.core;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.storeroom.rfid.api.Epc;

/**
 * Which way a tag went through the door gate, from its two antennas: read on the inside one and then,
 * within {@link #WINDOW_MS}, on the outside one, it went <b>out</b>; the other way round, <b>in</b>.
 * A tag read on one side only (someone standing by the door with a box) is no passage. One passage is
 * reported once, however often either antenna keeps reading the tag afterwards: the next passage needs
 * the tag to have been away from the door (unread) for a window.
 *
 * <p>Not thread-safe: one ingest thread owns it. Pure: time comes with each call.
 */
public final class DoorGate {
    /** The two antennas of the gate. */
    public enum Side { INSIDE, OUTSIDE }

    /** A passage through the gate. */
    public enum Direction { IN, OUT }

    /** How long a passage may take from one antenna to the other. */
    public static final long WINDOW_MS = 8_000;

    private record Last(Side side, long atMs, boolean reported) { }

    private final Map<Epc, Last> last = new HashMap<>();

    /** @return the direction of a passage this read completes, or {@code null} */
    public Direction read(Epc epc, Side side, long atMs) {
        Last before = last.get(epc);
        if (before == null || atMs - before.atMs > WINDOW_MS) {
            last.put(epc, new Last(side, atMs, false)); // a fresh approach to the door
            return null;
        }
        if (before.reported) {
            last.put(epc, new Last(side, atMs, true)); // the same passage, still near the door
            return null;
        }
        if (before.side != side) {
            last.put(epc, new Last(side, atMs, true));
            return side == Side.OUTSIDE ? Direction.OUT : Direction.IN;
        }
        last.put(epc, new Last(side, atMs, false));
        return null;
    }

    /** Forgets tags not read for a window, so the map holds only what is near the door. */
    public void age(long nowMs) {
        for (Iterator<Last> it = last.values().iterator(); it.hasNext(); ) {
            if (nowMs - it.next().atMs > WINDOW_MS) {
                it.remove();
            }
        }
    }
}
