package org.storeroom.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Locate with 100,000 boxes and 1,000,000 files (quick: a fifth): what a person types, a third each 档号,
 * file number and borrower's ID number, answered by {@code Warehouse.locate} (which tries every kind of
 * key and resolves storage point, aisle and loans), next to one raw prepared, indexed query for the same
 * key on its own sqlite-jdbc connection. Figures are p50 microseconds per query (lower is better).
 */
final class LocateLatency implements Benchmark {
    @Override
    public String name() {
        return "locate";
    }

    @Override
    public String description() {
        return "p50 µs per locate with 100k boxes and 1M files, vs one raw indexed sqlite-jdbc query for the same key";
    }

    @Override
    public Result run(boolean quick) throws Exception {
        int boxes = quick ? 20_000 : 100_000;
        int files = quick ? 200_000 : 1_000_000;
        int queries = quick ? 5_000 : 20_000;
        Path dir = Files.createTempDirectory("storeroom-bench-locate");
        try (WarehouseRoom room = new WarehouseRoom(dir.resolve("w.db"))) {
            long t0 = System.nanoTime();
            room.fill(boxes, files);
            long fillMs = (System.nanoTime() - t0) / 1_000_000;
            Random random = new Random(42);
            List<String> qs = new ArrayList<>();
            for (int i = 0; i < queries; i++) {
                int f = random.nextInt(files);
                qs.add(switch (i % 3) {
                    case 0 -> WarehouseRoom.fileNo(f);
                    case 1 -> WarehouseRoom.archiveNo(random.nextInt(boxes));
                    default -> WarehouseRoom.borrower(f);
                });
            }
            try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("w.db"))) {
                PreparedStatement byFile = raw.prepareStatement("SELECT f.archive_no, b.point FROM wh_file f"
                        + " JOIN wh_box b ON b.archive_no = f.archive_no WHERE f.file_no = ?");
                PreparedStatement byBox = raw.prepareStatement("SELECT point FROM wh_box WHERE archive_no = ?");
                PreparedStatement byKey = raw.prepareStatement("SELECT f.file_no, b.point FROM wh_key k JOIN wh_file f"
                        + " ON f.file_no = k.file_no JOIN wh_box b ON b.archive_no = f.archive_no WHERE k.key = ?");
                PreparedStatement[] kinds = {byFile, byBox, byKey};
                // Warm-up of both paths, then alternate halves so neither gets the warmer cache.
                measure(room, kinds, qs.subList(0, Math.min(2000, qs.size())), new double[2][Math.min(2000, qs.size())]);
                double[][] us = new double[2][qs.size()];
                long hits = measure(room, kinds, qs, us);
                Stats ours = new Stats(us[0]);
                Stats base = new Stats(us[1]);
                List<String> details = new ArrayList<>();
                details.add(String.format("%d boxes, %d files, %d keys; filled in %d ms; %d queries, %d hits", boxes, files, files,
                        fillMs, queries, hits));
                details.add(ours.describe("ours Warehouse.locate", "µs"));
                details.add(base.describe("raw indexed query", "µs"));
                return new Result(ours.percentile(50), base.percentile(50), "µs p50 (lower is better)", details);
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long measure(WarehouseRoom room, PreparedStatement[] kinds, List<String> qs, double[][] us) throws Exception {
        long hits = 0;
        for (int i = 0; i < qs.size(); i++) {
            String q = qs.get(i);
            long a = System.nanoTime();
            hits += room.component.warehouse().locate(q).size();
            long b = System.nanoTime();
            PreparedStatement ps = kinds[i % 3];
            ps.setString(1, q);
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            long c = System.nanoTime();
            if (n == 0) {
                throw new IllegalStateException("the raw query found nothing for " + q);
            }
            us[0][i] = (b - a) / 1000.0;
            us[1][i] = (c - b) / 1000.0;
        }
        return hits;
    }
}
