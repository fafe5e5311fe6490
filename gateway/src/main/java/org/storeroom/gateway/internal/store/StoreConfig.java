package org.storeroom.gateway.internal.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = SqliteStore.PID, name = "Store room database",
        description = "The gateway's SQLite database: virtual warehouse index, outbox, audit log and history.")
@interface StoreConfig {
    @AttributeDefinition(name = "Database file",
            description = "Path of the SQLite database file. Its directory is created if missing.")
    String database() default "storeroom/storeroom.db";

    @AttributeDefinition(name = "Durability",
            description = "When a committed write is safe. FULL survives a power cut; NORMAL survives a crash "
                    + "of the gateway software only, and writes faster.",
            options = {@Option(label = "FULL: survives a power cut", value = "FULL"),
                       @Option(label = "NORMAL: survives a software crash", value = "NORMAL")})
    String synchronous() default "FULL";

    @AttributeDefinition(name = "Read connections", min = "1", max = "16",
            description = "Connections for concurrent readers (panel, API, uplink snapshots).")
    int readConnections() default 2;

    @AttributeDefinition(name = "Busy timeout (ms)", min = "100", max = "60000",
            description = "How long a reader waits for a locked database before failing.")
    int busyTimeoutMs() default 5000;
}
