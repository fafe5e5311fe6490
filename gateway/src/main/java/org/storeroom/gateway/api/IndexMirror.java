package org.storeroom.gateway.api;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The copy of the virtual-warehouse index that the central archive service mirrors. Whoever changes the
 * index records the change here, in the same transaction; the gateway sends it as an {@code index/delta}
 * with {@code version} and {@code prev}, answers {@code index.resync} with a snapshot, and keeps a content
 * hash that the central side's mirror computes the same way ({@link IndexHash}).
 */
@ProviderType
public interface IndexMirror {
    /**
     * Applies {@code changes} as one new version and records its delta for the central side.
     *
     * @return the new version
     */
    long change(Connection tx, List<IndexChange> changes) throws SQLException;

    /** @return the index's version, entry count and content hash, as of the last commit */
    IndexState state() throws StoreException;

    /**
     * The index's version and content hash.
     *
     * @param hash {@link IndexHash} of every entry, lower-case hex
     */
    record IndexState(long version, long entries, String hash) {
    }
}
