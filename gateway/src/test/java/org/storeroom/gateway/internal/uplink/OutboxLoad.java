package org.storeroom.gateway.internal.uplink;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Map;
import org.storeroom.gateway.api.Migration;
import org.storeroom.gateway.internal.store.SqliteStore;

/**
 * A gateway under load, run as a child process by {@link UplinkCrashTest}: each transaction records a
 * state change (a row in {@code load_change}) and its event, as the subsystems do, while the publisher
 * drains the outbox to the broker. The store runs with synchronous=NORMAL, which is what survives a
 * killed process (FULL adds power cuts), so that the load is heavy. {@code --drain} records nothing.
 *
 * <p>Arguments: DATABASE BROKER_URL [--drain]
 */
public final class OutboxLoad {
    private OutboxLoad() {
    }

    public static void main(String[] args) throws Exception {
        SqliteStore store = SqliteStore.open(Path.of(args[0]), "NORMAL");
        store.migrate("load", java.util.List.of(new Migration(1, "load changes",
                java.util.List.of("CREATE TABLE load_change (n INTEGER PRIMARY KEY, seq INTEGER NOT NULL)"))));
        OutboxTable outbox = OutboxTable.open(store, 2_000_000, Clock.systemUTC());
        new MqttPublisher(outbox, UplinkSettings.plain(args[1], "gjj", "room-1").withReconnect(50, 200),
                "0.1.0-test", Clock.systemUTC()).start();
        System.out.println("STARTED");
        if (args.length > 2 && args[2].equals("--drain")) {
            Thread.currentThread().join();
        }
        String[] types = {"motion", "access", "whereabouts", "inventory"};
        long n = store.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT coalesce(max(n), 0) FROM load_change")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        while (true) {
            long first = n + 1;
            // Now and then several changes in one transaction, as an inventory session commits them.
            int batch = first % 7 == 0 ? 5 : 1;
            n += batch;
            store.write(c -> {
                for (int k = 0; k < batch; k++) {
                    long id = first + k;
                    long seq = outbox.event(c, types[(int) (id % types.length)], Map.of("change", id, "pad", "x".repeat((int) (id % 200))));
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO load_change(n, seq) VALUES (?, ?)")) {
                        ps.setLong(1, id);
                        ps.setLong(2, seq);
                        ps.executeUpdate();
                    }
                }
                return null;
            });
        }
    }
}
