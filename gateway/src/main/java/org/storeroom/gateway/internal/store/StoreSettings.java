package org.storeroom.gateway.internal.store;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** The store's configuration, validated once. */
record StoreSettings(Path database, String synchronous, int readConnections, int busyTimeoutMs) {

    StoreSettings {
        if (!synchronous.equals("FULL") && !synchronous.equals("NORMAL")) {
            throw new IllegalArgumentException("synchronous '" + synchronous + "' is not FULL or NORMAL");
        }
        if (readConnections < 1 || readConnections > 16) {
            throw new IllegalArgumentException("readConnections " + readConnections + " is outside 1..16");
        }
        if (busyTimeoutMs < 100 || busyTimeoutMs > 60_000) {
            throw new IllegalArgumentException("busyTimeoutMs " + busyTimeoutMs + " is outside 100..60000");
        }
    }

    static StoreSettings from(StoreConfig c) {
        if (c.database() == null || c.database().isBlank()) {
            throw new IllegalArgumentException("database path is empty");
        }
        Path db;
        try {
            db = Path.of(c.database()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("database path '" + c.database() + "' is not a valid path", e);
        }
        return new StoreSettings(db, c.synchronous(), c.readConnections(), c.busyTimeoutMs());
    }
}
