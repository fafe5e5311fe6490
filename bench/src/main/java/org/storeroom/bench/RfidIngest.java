package org.storeroom.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.storeroom.rfid.core.TagRead;
import org.storeroom.rfid.core.VendorEvents;

/**
 * Sustained reads per second through the whole path: Impinj JSON events decoded, each antenna's place,
 * the tag tracker, the last-seen table upserted and committed (synchronous=FULL, as shipped), in
 * batches of 500 reads as a reader's stream delivers them; 45 shelf antennas reading 100,000 boxes at
 * 20,000 reads/s of reader time (each box every 5 s; a box's last seen is written when it is new, moves,
 * or was written a minute before). Rounds of a minute of reader time, after a minute in which every
 * tag is new; the median round is the figure.
 * The raw baseline inserts the same reads, already decoded, with one batched sqlite-jdbc statement per
 * batch into a table of its own (WAL, FULL). Reads per second; targets: ours at least 0.5 of raw and
 * 20,000/s.
 */
final class RfidIngest implements Benchmark {
    private static final int BATCH = 500;
    private static final int BOXES = 100_000;

    @Override
    public String name() {
        return "rfid-ingest";
    }

    @Override
    public String description() {
        return "reads/s decoded, tracked and committed (last seen per tag), vs raw batched sqlite-jdbc insert of the same reads";
    }

    @Override
    public Result run(boolean quick) throws Exception {
        // A round is one minute of reader time, 1,200,000 reads: a tag's last seen is refreshed once a
        // minute, so every round holds one refresh of every tag whatever the phase of their first sightings.
        int batches = 2400;
        Path dir = Files.createTempDirectory("storeroom-bench-ingest");
        String[] antennas = new String[45];
        for (int c = 1; c <= 45; c++) {
            antennas[c - 1] = "shelf-" + c + ":1=C" + String.format("%02d", c) + "-" + (c == 1 ? "B" : "A");
        }
        Random random = new Random(11);
        // Reader time runs at the target rate, 20,000 reads/s: each box is read every 5 s or so, as shelf
        // readers cycling over their boxes read them. Every round is later in reader time than the one before.
        long span = (long) batches * BATCH * 50 / 1000; // ms of reader time per round
        long t0 = 1_795_400_000_000L;
        try (WarehouseRoom room = new WarehouseRoom(dir.resolve("w.db"), "FULL", antennas);
             Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("raw.db"))) {
            room.fill(BOXES, 0);
            try (Statement st = raw.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                st.execute("CREATE TABLE reads (epc TEXT NOT NULL, reader TEXT NOT NULL, antenna INTEGER NOT NULL, rssi REAL NOT NULL, ts INTEGER NOT NULL)");
            }
            raw.setAutoCommit(false);
            List<Double> ours = new ArrayList<>();
            List<Double> base = new ArrayList<>();
            List<Double> warm = new ArrayList<>();
            int rounds = quick ? 1 : 3;
            // Sustained means after every tag's first sighting, written at once: that is the warm-up minute.
            int warmups = 1;
            long writesBefore = 0;
            long readsBefore = 0;
            for (int r = -warmups; r < rounds; r++) {
                List<byte[]> payloads = payloads(random, batches, t0 + (r + warmups) * span);
                List<List<TagRead>> decoded = new ArrayList<>();
                for (byte[] p : payloads) {
                    decoded.add(VendorEvents.parse(p, "bench").reads());
                }
                double b = raw(raw, decoded);
                writesBefore = (long) room.component.ingest().stats().get("seenWrites");
                readsBefore = (long) room.component.ingest().stats().get("reads");
                double o = ours(room, payloads);
                if (r >= 0) {
                    base.add(b);
                    ours.add(o);
                } else {
                    warm.add(o);
                }
            }
            long writes = (long) room.component.ingest().stats().get("seenWrites") - writesBefore;
            long readsLast = (long) room.component.ingest().stats().get("reads") - readsBefore;
            ours.sort(null);
            base.sort(null);
            List<String> details = new ArrayList<>();
            details.add(String.format("%d batches of %d reads (a minute of reader time), %d tags, 45 antennas, %d rounds alternated"
                    + " after %d to warm up; synchronous=FULL", batches, BATCH, BOXES, rounds, warmups));
            details.add("ours in the warm-up minute (every tag new) reads/s: " + warm);
            details.add("ours (decode, track, upsert last seen, commit) reads/s: " + ours);
            details.add("raw batched insert of decoded reads reads/s:          " + base);
            details.add(String.format("last seen written for %d of the last round's %d reads (a tag is written when new, moved,"
                    + " or last written a minute before)", writes, readsLast));
            details.add("ingest " + room.component.ingest().stats());
            return new Result(ours.get(ours.size() / 2), base.get(base.size() / 2), "reads/s", details);
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Impinj events, {@value #BATCH} to a payload, reader time from {@code startMs} at 20,000 reads/s. */
    private static List<byte[]> payloads(Random random, int batches, long startMs) {
        List<byte[]> payloads = new ArrayList<>();
        long micros = startMs * 1000;
        for (int b = 0; b < batches; b++) {
            StringBuilder sb = new StringBuilder(BATCH * 260);
            for (int i = 0; i < BATCH; i++, micros += 50) {
                int box = random.nextInt(BOXES);
                int column = 1 + box % 45;
                sb.append("{\"timestamp\":\"").append(java.time.Instant.ofEpochMilli(micros / 1000)).append("\",\"hostname\":\"shelf-").append(column)
                        .append("\",\"eventType\":\"tagInventory\",\"tagInventoryEvent\":{\"epcHex\":\"").append(WarehouseRoom.epc(box))
                        .append("\",\"antennaPort\":1,\"peakRssiCdbm\":").append(-4000 - random.nextInt(3000)).append("}}\n");
            }
            payloads.add(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return payloads;
    }

    private static double ours(WarehouseRoom room, List<byte[]> payloads) throws Exception {
        long a = System.nanoTime();
        long n = 0;
        for (byte[] p : payloads) {
            VendorEvents.Parsed parsed = VendorEvents.parse(p, "bench");
            n += room.component.ingest().ingest(parsed.reads()).reads();
        }
        return n / ((System.nanoTime() - a) / 1e9);
    }

    private static double raw(Connection c, List<List<TagRead>> batches) throws Exception {
        long a = System.nanoTime();
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reads(epc, reader, antenna, rssi, ts) VALUES (?, ?, ?, ?, ?)")) {
            for (List<TagRead> batch : batches) {
                for (TagRead r : batch) {
                    ps.setString(1, r.epc().hex());
                    ps.setString(2, r.reader());
                    ps.setInt(3, r.antenna());
                    ps.setDouble(4, r.rssiDbm());
                    ps.setLong(5, r.atMs());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
                n += batch.size();
            }
        }
        return n / ((System.nanoTime() - a) / 1e9);
    }
}
