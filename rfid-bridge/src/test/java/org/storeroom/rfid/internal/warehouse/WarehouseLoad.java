package org.storeroom.rfid.internal.warehouse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.storeroom.gateway.internal.audit.AuditTrail;
import org.storeroom.gateway.internal.index.IndexLog;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.gateway.internal.uplink.UplinkComponent;
import org.storeroom.rfid.core.Catalogue;
import org.storeroom.rfid.core.DemoCatalogue;
import org.storeroom.rfid.core.ShelvingLayout;

/**
 * A gateway busy with its warehouse, run as a child process by {@link WarehouseCrashTest} and killed:
 * imports a catalogue (printing each chunk), then checks files out and back in at random (printing each).
 *
 * <p>Arguments: DATABASE SEED
 */
public final class WarehouseLoad {
    static final int BOXES = 3000;
    static final int FILES = 20_000;

    private WarehouseLoad() {
    }

    public static void main(String[] args) throws Exception {
        SqliteStore store = SqliteStore.open(Path.of(args[0]), "NORMAL");
        UplinkComponent outbox = UplinkComponent.open(store, "", "gjj", "room-1", 64);
        IndexLog index = new IndexLog(store, outbox);
        Warehouse w = new Warehouse(store, outbox, index, new AuditTrail(store, outbox, Clock.systemUTC()), Clock.systemUTC(),
                ShelvingLayout.DEMO, Duration.ofDays(30));
        String csv = DemoCatalogue.csv(ShelvingLayout.DEMO, BOXES, FILES, 2012);
        Catalogue.Result r = w.check(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        System.out.println("STARTED");
        w.apply(r, "system", (done, total) -> System.out.println("CHUNK " + done + " of " + total));
        System.out.println("IMPORTED");
        Random random = new Random(Long.parseLong(args[1]));
        for (int n = 1; ; n++) {
            String item = "file:" + r.files().get(random.nextInt(200)).fileNo();
            try {
                w.checkOut(item, "borrower " + n, 0, "user:load");
            } catch (IllegalStateException out) {
                w.giveBack(item, "user:load");
            }
            System.out.println("OP " + n);
        }
    }
}
