package org.storeroom.mirror;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.storeroom.gateway.api.IndexChange;
import org.storeroom.gateway.internal.index.IndexLog;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.gateway.internal.uplink.UplinkComponent;

/**
 * A gateway changing its index at random, run as a child process by {@link MirrorFaultTest}: the real
 * store, outbox, uplink and index, answering index.resync. {@code --drain} changes nothing.
 *
 * <p>Arguments: DATABASE BROKER_URL SEED [--drain]
 */
public final class IndexLoad {
    private IndexLoad() {
    }

    public static void main(String[] args) throws Exception {
        SqliteStore store = SqliteStore.open(Path.of(args[0]), "NORMAL");
        UplinkComponent uplink = UplinkComponent.open(store, args[1], "gjj", "room-1", 64);
        IndexLog index = new IndexLog(store, uplink);
        uplink.handle("index.resync", index, false);
        System.out.println("STARTED");
        if (args.length > 3 && args[3].equals("--drain")) {
            Thread.currentThread().join();
        }
        Random random = new Random(Long.parseLong(args[2]));
        while (true) {
            List<IndexChange> changes = new ArrayList<>();
            for (int k = 1 + random.nextInt(5); k > 0; k--) {
                String key = "box:" + random.nextInt(3000);
                changes.add(random.nextInt(5) == 0 ? IndexChange.remove(key)
                        : IndexChange.put(key, Map.of("point", "C" + (1 + random.nextInt(45)) + "-A-B0" + random.nextInt(9),
                                "files", random.nextInt(40))));
            }
            store.write(c -> index.change(c, changes));
        }
    }
}
