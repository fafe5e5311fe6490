package org.storeroom.gateway.internal.uplink;

import java.time.Clock;
import org.storeroom.gateway.api.Outbox;
import org.storeroom.gateway.api.Store;
import org.storeroom.gateway.api.StoreException;

/** Opens the real outbox for tests in other packages (nothing publishes it). */
public final class TestOutboxes {
    private TestOutboxes() {
    }

    public static Outbox open(Store store) throws StoreException {
        return OutboxTable.open(store, 2_000_000, Clock.systemUTC());
    }
}
