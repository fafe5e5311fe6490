package org.storeroom.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The inventory cart: an LLRP reader on {@code 127.0.3.2} (port 5084 in the demo) with one antenna to
 * each side, which an archivist pushes into an aisle once it stands open and still, along the aisle and
 * back out. Antenna 1 looks at the face on the left going in (side B of the column nearer the fixed one),
 * antenna 2 at the face on the right (side A of the next column; none at the end of the rail).
 *
 * <p>At the aisle's entrance each antenna reads its face's location tag ({@code 4C4F4300}, the column in
 * four digits, {@code 0A} or {@code 0B}, ten zeros), and nothing else, which tells the gateway where the
 * cart is before it reads a box there; further in it reads the boxes of the stretch of face it passes,
 * with the emulator's misses and RSSI noise.
 * While the cart is in the aisle the aisle is occupied, so the shelving will not close it. The cart goes
 * into each aisle once per opening (not into those standing open when the room started), one at a time,
 * and only while it is {@linkplain #follow(boolean) following}.
 */
public final class SimulatedCart implements AutoCloseable {
    /** The reader's name in the gateway's configuration. */
    public static final String READER = "cart";
    /** Open and still this long before the archivist goes in. */
    static final long SETTLE_MS = 1500;
    /** Along the aisle, one way. */
    static final long PASS_MS = 5000;
    /** The location tags at the entrance are in reach this long going in, and again coming out. */
    static final long ENTRANCE_MS = 1000;
    /** An aisle counts as open within this of its full width. */
    private static final double OPEN_SLACK_MM = 30;

    /** An aisle of a range: {@code column} is the column whose side B faces it (rail index gap − 1). */
    private record Aisle(int column) { }

    private final RoomLayout layout;
    private final ShelfContents shelves;
    private final SimulatedRoom room;
    private final LlrpReaderEmulator reader;
    private final ScheduledExecutorService clock;
    private final AtomicInteger passes = new AtomicInteger();
    private volatile boolean following;
    // Per range, touched by the clock's thread only: the aisle standing open, since when, the last visited.
    private final Aisle[] open;
    private final long[] openSinceNanos;
    private final Aisle[] visited;
    private boolean started;
    private volatile Aisle inside;
    private volatile long wentInNanos;

    SimulatedCart(int port, SimulatedRoom room, ShelfContents shelves) {
        this.layout = room.layout();
        this.room = room;
        this.shelves = shelves;
        int ranges = (layout.columns() + layout.rangeSize() - 1) / layout.rangeSize();
        this.open = new Aisle[ranges];
        this.openSinceNanos = new long[ranges];
        this.visited = new Aisle[ranges];
        try {
            reader = new LlrpReaderEmulator(new InetSocketAddress("127.0.3.2", port), this::sees, 200);
        } catch (IOException e) {
            throw new UncheckedIOException("the inventory cart's reader cannot listen on 127.0.3.2:" + port + ": " + e.getMessage(), e);
        }
        clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inventory-cart");
            t.setDaemon(true);
            return t;
        });
        clock.scheduleAtFixedRate(this::walk, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** Starts (or stops) pushing the cart into each aisle that opens; stopping lets a pass under way finish. */
    public void follow(boolean on) {
        following = on;
    }

    /** @return passes finished: into an aisle, along it and out again */
    public int passes() {
        return passes.get();
    }

    /** @return the gateway's configuration of this reader: {@code cart=127.0.3.2:PORT} */
    public String llrpReadersConfig() {
        return READER + "=" + reader.address().getAddress().getHostAddress() + ":" + reader.address().getPort();
    }

    /** @return the gateway's configuration of its antennas: both look where their last location tag says */
    public static String[] antennasConfig() {
        return new String[] {READER + ":1=cart", READER + ":2=cart"};
    }

    /** @return the location tag on a face, as the gateway reads it */
    public static String locationTag(ShelfContents.Face f) {
        return String.format("4C4F4300%04d0%c0000000000", f.column(), f.side());
    }

    private void walk() {
        try {
            long now = System.nanoTime();
            Aisle in = inside;
            if (in != null && now - wentInNanos >= 2 * PASS_MS * 1_000_000) {
                inside = null;
                room.occupyAisle(in.column(), false);
                passes.incrementAndGet();
            }
            for (int r = 0; r < open.length; r++) {
                Aisle a = openAisle(r);
                if (!java.util.Objects.equals(a, open[r])) {
                    open[r] = a;
                    openSinceNanos[r] = now;
                }
                if (a == null) {
                    visited[r] = null; // moving: whatever opens next is a new opening
                } else if (!started) {
                    visited[r] = a; // open when the room started: nobody asked for it
                } else if (following && inside == null && !a.equals(visited[r]) && now - openSinceNanos[r] >= SETTLE_MS * 1_000_000) {
                    visited[r] = a;
                    room.occupyAisle(a.column(), true);
                    wentInNanos = now;
                    inside = a;
                }
            }
            started = true;
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(SimulatedCart.class).error("inventory cart step failed", e);
        }
    }

    /** @return range {@code r}'s aisle that stands at full width with the columns either side still, or {@code null} */
    private Aisle openAisle(int r) {
        int first = r * layout.rangeSize() + 1;
        int lastColumn = Math.min(layout.columns(), first + layout.rangeSize() - 1);
        for (int c = first; c <= lastColumn; c++) {
            boolean end = c == lastColumn;
            double far = end ? layout.maxMm(c) + layout.depthMm() : room.positionMm(c + 1);
            double gap = far - room.positionMm(c) - layout.depthMm();
            boolean still = Math.abs(room.velocityMmPerS(c)) < 1 && (end || Math.abs(room.velocityMmPerS(c + 1)) < 1);
            if (gap >= layout.aisleMm() - OPEN_SLACK_MM && still) {
                return new Aisle(c);
            }
        }
        return null;
    }

    /** What the antennas see now: the faces' location tags at the entrance, the boxes of the stretch passed. */
    private List<LlrpReaderEmulator.Sighting> sees() {
        Aisle in = inside;
        if (in == null) {
            return List.of();
        }
        long ms = (System.nanoTime() - wentInNanos) / 1_000_000;
        if (ms >= 2 * PASS_MS) {
            return List.of();
        }
        // At the entrance only the location tags are in reach: the boxes stand further in, so a cart coming
        // from another aisle has been told where it is before it reads a box here.
        boolean atEntrance = ms < ENTRANCE_MS || ms >= 2 * PASS_MS - ENTRANCE_MS;
        double deepMs = PASS_MS - ENTRANCE_MS; // of each way, among the boxes
        double along = ms < PASS_MS ? (ms - ENTRANCE_MS) / deepMs : 1 - (ms - PASS_MS) / deepMs;
        List<LlrpReaderEmulator.Sighting> out = new ArrayList<>();
        ShelfContents.Face left = new ShelfContents.Face(in.column(), 'B');
        see(out, 1, left, along, atEntrance);
        if (layout.sameRange(in.column(), in.column() + 1)) {
            see(out, 2, new ShelfContents.Face(in.column() + 1, 'A'), along, atEntrance);
        }
        return out;
    }

    /**
     * Adds what one antenna sees of its face: at the entrance its location tag, further in a stretch of
     * boxes a sixth of the face long either side of the cart.
     */
    private void see(List<LlrpReaderEmulator.Sighting> out, int antenna, ShelfContents.Face face, double along, boolean atEntrance) {
        if (atEntrance) {
            out.add(new LlrpReaderEmulator.Sighting(antenna, locationTag(face), -45));
            return;
        }
        List<String> tags = shelves.on(face);
        int n = tags.size();
        int reach = Math.max(1, n / 6);
        int at = (int) Math.round(along * n);
        for (int i = Math.max(0, at - reach); i < Math.min(n, at + reach); i++) {
            out.add(new LlrpReaderEmulator.Sighting(antenna, tags.get(i), -52 - 8 * Math.abs(i - at) / reach));
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
        try {
            reader.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
