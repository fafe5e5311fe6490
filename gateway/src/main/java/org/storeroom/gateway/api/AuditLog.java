package org.storeroom.gateway.api;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The append-only record of every operation: logins, moves, check-outs and returns, mode and
 * configuration changes, commands from the central system. Each entry carries the hash of the one
 * before, so an edit, a reordering or a deletion is found by {@link #verify()}; each entry is also sent
 * to the central service as an {@code audit} event, which holds the copy nobody in the room can edit.
 */
@ProviderType
public interface AuditLog {
    /**
     * Appends an entry inside the caller's write transaction (with its connection), so that the entry
     * exists exactly when the operation it records was committed.
     *
     * @param actor  who: {@code user:li.wei}, {@code central}, {@code button:column-7}, {@code system}
     * @param action what, as a dotted name: {@code aisle.open}, {@code file.checkout}, {@code mode.change}
     * @param target what it was done to: {@code range A aisle 3}, {@code file 2019-0345-12}
     * @param detail figures behind it (strings, numbers, booleans); never passwords or tokens
     */
    AuditEntry append(Connection tx, String actor, String action, String target, Map<String, ?> detail) throws SQLException;

    /** @return the newest {@code limit} entries, newest first */
    List<AuditEntry> recent(int limit) throws StoreException;

    /** Recomputes the whole chain. */
    AuditReport verify() throws StoreException;
}
