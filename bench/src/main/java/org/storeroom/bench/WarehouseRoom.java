package org.storeroom.bench;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import org.storeroom.gateway.internal.audit.AuditTrail;
import org.storeroom.gateway.internal.index.IndexLog;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.gateway.internal.uplink.UplinkComponent;
import org.storeroom.rfid.core.ShelvingLayout;
import org.storeroom.rfid.internal.warehouse.Warehouse;
import org.storeroom.rfid.internal.warehouse.WarehouseComponent;
import org.storeroom.shelf.api.RangeSpec;

/**
 * A warehouse on the real store for the benchmarks: the demo room's 45 columns with 40 slots a layer
 * (122,400 points), so 100,000 boxes fit. {@link #fill} writes rows as an import leaves them, straight
 * into the tables (an import of a million files through the index takes minutes and is not what these
 * benchmarks measure).
 */
final class WarehouseRoom implements AutoCloseable {
    static final ShelvingLayout LAYOUT = new ShelvingLayout(
            RangeSpec.parse(new String[] {"A:1-9", "B:10-18", "C:19-27", "D:28-36", "E:37-45"}), 6, 6, 40, true);

    final SqliteStore store;
    final UplinkComponent outbox;
    final WarehouseComponent component;

    WarehouseRoom(Path db) throws Exception {
        this(db, "NORMAL", new String[0]);
    }

    /** @param antennas READER:PORT=PLACE entries for the read ingest */
    WarehouseRoom(Path db, String synchronous, String[] antennas) throws Exception {
        store = SqliteStore.open(db, synchronous);
        outbox = UplinkComponent.open(store, "", "bench", "room", 64);
        IndexLog index = new IndexLog(store, outbox);
        component = new WarehouseComponent(new Warehouse(store, outbox, index, new AuditTrail(store, outbox, Clock.systemUTC()),
                Clock.systemUTC(), LAYOUT, Duration.ofDays(30)), antennas);
    }

    static String archiveNo(int box) {
        return String.format("0435-DK·%d-Y-%06d", 2012 + box % 8, box);
    }

    static String epc(int box) {
        return String.format("E2801160%016X", 0x2000_0000L + box);
    }

    static String fileNo(int file) {
        return String.format("DK-%07d", file);
    }

    static String borrower(int file) {
        return String.format("370700%012d", file / 3);
    }

    /** Boxes spread over the room, {@code files} files among them, each linked to a borrower (three files each). */
    void fill(int boxes, int files) throws Exception {
        var points = org.storeroom.rfid.core.DemoCatalogue.points(LAYOUT);
        store.write(c -> {
            try (PreparedStatement box = c.prepareStatement("INSERT INTO wh_box(archive_no, epc, point) VALUES (?, ?, ?)");
                 PreparedStatement file = c.prepareStatement("INSERT INTO wh_file(file_no, archive_no, epc, title) VALUES (?, ?, NULL, ?)");
                 PreparedStatement key = c.prepareStatement("INSERT INTO wh_key(key, file_no, kind) VALUES (?, ?, 'borrower')")) {
                for (int b = 0; b < boxes; b++) {
                    box.setString(1, archiveNo(b));
                    box.setString(2, epc(b));
                    box.setString(3, points.get((int) ((long) b * points.size() / boxes)).code());
                    box.addBatch();
                }
                box.executeBatch();
                for (int f = 0; f < files; f++) {
                    file.setString(1, fileNo(f));
                    file.setString(2, archiveNo((int) ((long) f * boxes / files)));
                    file.setString(3, "个人住房公积金贷款 " + f);
                    file.addBatch();
                    key.setString(1, borrower(f));
                    key.setString(2, fileNo(f));
                    key.addBatch();
                    if (f % 10_000 == 9_999) {
                        file.executeBatch();
                        key.executeBatch();
                    }
                }
                file.executeBatch();
                key.executeBatch();
            }
            return null;
        });
        store.write(c -> {
            try (var st = c.createStatement()) {
                st.execute("ANALYZE");
            }
            return null;
        });
    }

    @Override
    public void close() {
        outbox.close();
        store.close();
    }
}
