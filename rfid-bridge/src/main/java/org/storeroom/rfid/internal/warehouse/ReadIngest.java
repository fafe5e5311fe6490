package org.storeroom.rfid.internal.warehouse;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.gateway.api.StoreException;
import org.storeroom.rfid.api.Epc;
import org.storeroom.rfid.core.Antennas;
import org.storeroom.rfid.core.CartPosition;
import org.storeroom.rfid.core.DoorGate;
import org.storeroom.rfid.core.LocationTags;
import org.storeroom.rfid.core.TagRead;
import org.storeroom.rfid.core.TagTracker;

/**
 * Where reads go: each antenna's place, the tag tracker for shelf antennas, the door gate's direction,
 * the cart's position from the location tags its antennas read, and open inventory sessions. Per batch, one transaction keeps where each tag was last seen
 * ({@code wh_seen}: at once when a tag is new or changes place; a tag still where it was last written is
 * refreshed a minute on, gathered up to a second of reads into one commit) and
 * records passages through the gate: an item going out without a loan is an
 * alarm, on the panel and to the central side at once.
 */
public final class ReadIngest {
    private static final Logger LOG = LoggerFactory.getLogger(ReadIngest.class);

    static final org.storeroom.gateway.api.Migration SCHEMA = new org.storeroom.gateway.api.Migration(3, "last seen", List.of(
            "CREATE TABLE wh_seen (epc TEXT PRIMARY KEY, place TEXT NOT NULL, rssi REAL NOT NULL, ts INTEGER NOT NULL) WITHOUT ROWID"));

    /** What a batch did. */
    public record Outcome(int reads, int unmapped, int moves, List<Map<String, Object>> passages) { }

    private final Warehouse warehouse;
    private final Inventories inventories;
    private final Antennas antennas;
    private final TagTracker tracker;
    private final DoorGate gate = new DoorGate();
    private final CartPosition cart = new CartPosition();
    private long cartUnplaced;
    private long badLocationTags;
    private final Set<String> unmappedLogged = ConcurrentHashMap.newKeySet();
    private long unmapped;
    private long reads;
    private long departed;
    private long agedAtMs;
    private static final long AGE_EVERY_MS = 10_000;
    /**
     * A tag read again at the place last written is written again only after this long: a shelf reader
     * reads each of its boxes every second or so, and writing each read would wear the gateway's flash
     * for nothing (locate shows "seen a minute ago" as well as "a second ago").
     */
    static final long SEEN_REFRESH_MS = 60_000;
    /** Last seen as committed, per tag; forgotten whole if it grows past this many tags. */
    private static final int WRITTEN_MAX = 2_000_000;
    private final Map<Epc, Seen> written = new HashMap<>();
    /** Refreshes of places already on disk, waiting to go with the next commit. */
    private final Map<Epc, Seen> refresh = new HashMap<>();
    private static final int REFRESH_MAX = 5000;
    private static final long REFRESH_WAIT_MS = 1000;
    private long refreshSinceMs;
    private long seenWrites;

    ReadIngest(Warehouse warehouse, Inventories inventories, Antennas antennas) {
        this(warehouse, inventories, antennas, TagTracker.Settings.DEFAULT.departAfterMs());
    }

    /** @param departAfterMs a tag unread this long, while its place reads others, has departed */
    ReadIngest(Warehouse warehouse, Inventories inventories, Antennas antennas, long departAfterMs) {
        this.warehouse = warehouse;
        this.inventories = inventories;
        this.antennas = antennas;
        TagTracker.Settings d = TagTracker.Settings.DEFAULT;
        this.tracker = new TagTracker(new TagTracker.Settings(d.window(), d.marginDb(), d.decayDbPerS(), d.holdOffMs(), departAfterMs));
    }

    private record Seen(String place, double rssi, long atMs) { }

    private record Passage(Epc epc, DoorGate.Direction direction, long atMs) { }

    /** Takes a batch of reads from one source. */
    public synchronized Outcome ingest(List<TagRead> batch) throws StoreException {
        Map<Epc, Seen> seen = new HashMap<>();
        Map<Integer, List<Epc>> counted = new HashMap<>();
        List<Passage> passages = new ArrayList<>();
        List<TagTracker.Event> moves = new ArrayList<>();
        int notMapped = 0;
        long latest = 0;
        for (TagRead r : batch) {
            latest = Math.max(latest, r.atMs());
            Antennas.Place place = antennas.place(r.reader(), r.antenna()).orElse(null);
            if (place == null) {
                notMapped++;
                if (unmappedLogged.add(r.reader() + ":" + r.antenna()) && unmappedLogged.size() < 100) {
                    LOG.warn("reads from antenna {} of reader {} are ignored: it is not in the antennas configuration",
                            r.antenna(), r.reader());
                }
                continue;
            }
            if (LocationTags.isLocationTag(r.epc())) {
                // A fixture on the shelving: it places the cart's antenna that read it, and is nothing else.
                String at = LocationTags.place(r.epc()).orElse(null);
                if (place.isCart() && at != null) {
                    cart.locationTag(r.reader() + ":" + r.antenna(), at, r.atMs());
                } else if (at == null) {
                    badLocationTags++;
                }
                continue;
            }
            if (place.isCart()) {
                // The cart moves: its reads say where a box is now, and count it, but never move it in the tracker.
                CartPosition.Looking at = cart.where(r.reader() + ":" + r.antenna(), r.atMs());
                if (at == null) {
                    cartUnplaced++;
                    continue;
                }
                seen.put(r.epc(), new Seen(at.place(), r.rssiDbm(), r.atMs()));
                counted.computeIfAbsent(at.column(), k -> new ArrayList<>()).add(r.epc());
                continue;
            }
            if (place.isGate()) {
                DoorGate.Direction d = gate.read(r.epc(), place.gate(), r.atMs());
                if (d != null) {
                    passages.add(new Passage(r.epc(), d, r.atMs()));
                }
                seen.put(r.epc(), new Seen(place.name(), r.rssiDbm(), r.atMs()));
                continue;
            }
            TagTracker.Event e = tracker.read(r.epc(), place.name(), r.rssiDbm(), r.atMs());
            if (e != null && e.kind() == TagTracker.Event.Kind.MOVED) {
                moves.add(e);
            }
            seen.put(r.epc(), new Seen(place.name(), r.rssiDbm(), r.atMs()));
            // Per column, not per read, the inventories decide whether anyone counts it.
            counted.computeIfAbsent(place.column(), k -> new ArrayList<>()).add(r.epc());
        }
        gate.age(latest);
        List<TagTracker.Event> departures = List.of();
        if (latest - agedAtMs >= AGE_EVERY_MS) {
            // Departures in the reads' own time, every few seconds of it rather than every batch.
            departures = tracker.age(latest);
            departed += departures.size();
            agedAtMs = latest;
        }
        List<TagTracker.Event> gone = departures;
        unmapped += notMapped;
        reads += batch.size();
        Map<Epc, Seen> toWrite = new HashMap<>();
        for (Map.Entry<Epc, Seen> e : seen.entrySet()) {
            Seen w = written.get(e.getKey());
            Seen now = e.getValue();
            if (w == null || !w.place().equals(now.place())) {
                toWrite.put(e.getKey(), now);
                refresh.remove(e.getKey());
            } else if (now.atMs() - w.atMs() >= SEEN_REFRESH_MS) {
                if (refresh.isEmpty()) {
                    refreshSinceMs = latest;
                }
                refresh.merge(e.getKey(), now, (a, b) -> b.atMs() >= a.atMs() ? b : a);
            }
        }
        // A new place, a move, a passage or a departure is committed with its batch; a refresh of a
        // place already on disk waits for them, or for a second of reads, or for a few thousand more.
        boolean urgent = !toWrite.isEmpty() || !gone.isEmpty() || !moves.isEmpty() || !passages.isEmpty();
        if (!refresh.isEmpty() && (urgent || refresh.size() >= REFRESH_MAX || latest - refreshSinceMs >= REFRESH_WAIT_MS)) {
            toWrite.putAll(refresh);
            refresh.clear();
        }
        boolean nothing = toWrite.isEmpty() && !urgent;
        List<Map<String, Object>> recorded = nothing ? List.of() : warehouse.write(tx -> {
            upsertSeen(tx, toWrite);
            for (TagTracker.Event m : moves) {
                String item = itemOf(tx, m.epc());
                if (item != null) {
                    warehouse.trail(tx, item, "moved", m.to(), "rfid", "read at " + m.to() + ", before at " + m.from());
                }
            }
            for (TagTracker.Event d : gone) {
                String item = itemOf(tx, d.epc());
                if (item != null) {
                    warehouse.trail(tx, item, "departed", d.from(), "rfid",
                            "not read at " + d.from() + " for " + tracker.departAfterMs() / 60_000 + " min while it read others");
                }
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (Passage p : passages) {
                out.add(passage(tx, p));
            }
            return out;
        });
        // Committed: remember what is now on disk (a failed write threw, and its tags are written next time).
        if (written.size() + toWrite.size() > WRITTEN_MAX) {
            written.clear();
        }
        toWrite.forEach((epc, now) -> written.merge(epc, now, (a, b) -> b.atMs() >= a.atMs() ? b : a));
        seenWrites += toWrite.size();
        for (Map.Entry<Integer, List<Epc>> c : counted.entrySet()) {
            inventories.read(c.getKey(), c.getValue(), latest);
        }
        return new Outcome(batch.size(), notMapped, moves.size(), recorded);
    }

    /** Commits the refreshes still waiting (on shutdown: a clean stop loses nothing read). */
    public synchronized void flush() throws StoreException {
        if (refresh.isEmpty()) {
            return;
        }
        Map<Epc, Seen> toWrite = new HashMap<>(refresh);
        warehouse.write(tx -> {
            upsertSeen(tx, toWrite);
            return null;
        });
        refresh.clear();
        toWrite.forEach((epc, now) -> written.merge(epc, now, (a, b) -> b.atMs() >= a.atMs() ? b : a));
        seenWrites += toWrite.size();
    }

    private static void upsertSeen(java.sql.Connection tx, Map<Epc, Seen> toWrite) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO wh_seen(epc, place, rssi, ts) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT(epc) DO UPDATE SET place = excluded.place, rssi = excluded.rssi, ts = excluded.ts"
                + " WHERE excluded.ts >= wh_seen.ts")) {
            // In key order, each page of the table is visited once rather than at random.
            List<Map.Entry<Epc, Seen>> rows = new ArrayList<>(toWrite.entrySet());
            rows.sort(Map.Entry.comparingByKey(java.util.Comparator.comparing(Epc::hex)));
            for (Map.Entry<Epc, Seen> s : rows) {
                ps.setString(1, s.getKey().hex());
                ps.setString(2, s.getValue().place);
                ps.setDouble(3, s.getValue().rssi);
                ps.setLong(4, s.getValue().atMs);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** An item through the gate: its whereabouts, and an alarm when it leaves without a loan. */
    private Map<String, Object> passage(java.sql.Connection tx, Passage p) throws SQLException {
        String item = itemOf(tx, p.epc());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epc", p.epc().hex());
        m.put("direction", p.direction().name().toLowerCase(java.util.Locale.ROOT));
        m.put("item", item == null ? "" : item);
        if (item == null) {
            m.put("alarm", false);
            return m; // a tag the warehouse does not know: somebody's badge, a parcel
        }
        boolean onLoan = onLoan(tx, item);
        boolean alarm = p.direction() == DoorGate.Direction.OUT && !onLoan;
        m.put("alarm", alarm);
        warehouse.trail(tx, item, p.direction() == DoorGate.Direction.OUT ? "gate-out" : "gate-in", "door",
                "rfid", alarm ? "left the room without a check-out" : onLoan ? "on loan" : "");
        warehouse.outbox().event(tx, "whereabouts", Map.of("item", item, "what",
                p.direction() == DoorGate.Direction.OUT ? "gate-out" : "gate-in", "onLoan", onLoan));
        if (alarm) {
            warehouse.outbox().event(tx, "alarm", Map.of("kind", "exit-without-checkout", "item", item,
                    "epc", p.epc().hex(), "atMs", p.atMs(),
                    "zh", item + " 未办理借出即被带出库房", "en", item + " left the store room without a check-out"));
            warehouse.audit().append(tx, "rfid:gate", "item.exit-unauthorised", item, Map.of("epc", p.epc().hex()));
            LOG.warn("ALARM: {} left the store room without a check-out (tag {})", item, p.epc());
        }
        return m;
    }

    /** @return {@code box:…} or {@code file:…} of a tag, or null */
    private static String itemOf(java.sql.Connection c, Epc epc) throws SQLException {
        for (String[] q : new String[][] {{"box:", "SELECT archive_no FROM wh_box WHERE epc = ?"},
                {"file:", "SELECT file_no FROM wh_file WHERE epc = ?"}}) {
            try (PreparedStatement ps = c.prepareStatement(q[1])) {
                ps.setString(1, epc.hex());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return q[0] + rs.getString(1);
                    }
                }
            }
        }
        return null;
    }

    /** A file is also on loan when its box is. */
    private static boolean onLoan(java.sql.Connection c, String item) throws SQLException {
        String sql = item.startsWith("box:")
                ? "SELECT count(*) FROM wh_loan WHERE item = ? AND back_ts IS NULL"
                : "SELECT count(*) FROM wh_loan WHERE back_ts IS NULL AND (item = ?1 OR item = 'box:' ||"
                        + " (SELECT archive_no FROM wh_file WHERE file_no = substr(?1, 6)))";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, item);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) > 0;
            }
        }
    }

    /** Ranges with a column in motion now, by range name: the columns moving. */
    private final Map<String, Set<Integer>> moving = new HashMap<>();

    /** Per column, the newest state taken: its boot and seq. */
    private final Map<Integer, long[]> newest = new HashMap<>();

    /**
     * A column's state, numbered {@code seq} within the node's {@code boot}, says it moves or stands.
     * While any column of a range moves, the tracker neither moves tags into nor out of that range's
     * places (the antennas' geometry is changing); when the whole range stands again, its tags are
     * forgotten so that they arrive afresh at their new readings (the re-inventory after motion) instead
     * of seeming to move. States reach us on several bus threads: an older "moving" arriving after the
     * newer "stopped" is ignored, or it would leave the range paused for good.
     */
    public synchronized void columnMotion(int column, long boot, long seq, boolean inMotion) {
        long[] last = newest.get(column);
        if (last != null && last[0] == boot && seq < last[1]) {
            return;
        }
        newest.put(column, new long[] {boot, seq});
        String range = warehouse.layout().rangeOf(column).orElse(null);
        if (range == null) {
            return;
        }
        // A standing column of a standing range (every heartbeat) must not leave an empty entry behind:
        // an entry, even empty, is a paused range.
        Set<Integer> cols = inMotion ? moving.computeIfAbsent(range, r -> new java.util.HashSet<>()) : moving.get(range);
        boolean changed = cols != null && (inMotion ? cols.add(column) : cols.remove(column));
        if (!changed) {
            return;
        }
        if (inMotion) {
            int lost = cart.forget(place -> range.equals(rangeOf(place)));
            if (lost > 0) {
                LOG.info("range {} moves: {} cart antennas count nothing until they read a location tag again", range, lost);
            }
        }
        if (cols.isEmpty()) {
            moving.remove(range);
            int n = tracker.forget(place -> range.equals(rangeOf(place)));
            LOG.info("range {} stands again: {} tags will be read afresh", range, n);
        }
        tracker.pause(place -> moving.containsKey(rangeOf(place)));
    }

    /** The range of a shelf place ({@code C07-A...}); null for the gate. */
    private String rangeOf(String place) {
        if (place == null || place.length() < 2 || place.charAt(0) != 'C') {
            return null;
        }
        int end = 1;
        while (end < place.length() && Character.isDigit(place.charAt(end))) {
            end++;
        }
        return end == 1 ? null : warehouse.layout().rangeOf(Integer.parseInt(place.substring(1, end))).orElse(null);
    }

    /** @return the ranges whose locations are paused now */
    public synchronized Set<String> pausedRanges() {
        return Set.copyOf(moving.keySet());
    }

    public synchronized Map<String, Object> stats() {
        return Map.of("reads", reads, "unmapped", unmapped, "tags", tracker.size(), "departed", departed,
                "antennas", antennas.size(), "seenWrites", seenWrites, "cartReadsWithoutPlace", cartUnplaced,
                "badLocationTags", badLocationTags);
    }
}
