package org.storeroom.gateway.internal.store;

import java.nio.file.Path;
import org.storeroom.gateway.api.StoreException;

/** Opens a real store for tests in other packages. */
public final class TestStores {
    private TestStores() {
    }

    public static SqliteStore open(Path database, String synchronous) throws StoreException {
        return new SqliteStore(new StoreSettings(database, synchronous, 2, 5000));
    }
}
