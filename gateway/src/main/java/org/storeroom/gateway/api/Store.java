package org.storeroom.gateway.api;

import java.sql.Connection;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The gateway's database: one SQLite file in WAL mode with a single writer.
 *
 * <p><b>Writes</b> run one at a time, in submission order, each in its own transaction on the writer
 * connection: a {@link #write} either commits everything its work did or nothing. Once {@code write}
 * returns, the transaction is committed with the durability the store is configured for (FULL: it
 * survives power loss; NORMAL: it survives a crash of the process).
 *
 * <p><b>Reads</b> run concurrently with writes and each other on read-only connections, each seeing
 * one consistent snapshot of committed data.
 *
 * <p>Both block the calling thread until the work is done. Work must be short: a long write holds up
 * every other writer. Work that throws leaves the database as it was and surfaces as a
 * {@link StoreException} naming what failed.
 *
 * <p>Each subsystem owns its tables and brings its own {@link #migrate migrations}.
 */
@ProviderType
public interface Store {
    /** Runs {@code work} in a write transaction on the single writer. */
    <T> T write(SqlWork<T> work) throws StoreException;

    /**
     * Runs {@code action} on the writer thread once the write transaction of {@code tx} has committed, and
     * never if it rolls back: how a subsystem tells others about data they can now read. Call it only
     * from inside {@link #write} work, with that work's connection. The action must be quick, must not
     * throw and must not write.
     *
     * @throws IllegalStateException when called outside write work or with another connection
     */
    void afterCommit(Connection tx, Runnable action);

    /** Runs {@code work} in a read-only snapshot. */
    <T> T read(SqlWork<T> work) throws StoreException;

    /**
     * Brings the tables of {@code owner} up to the last of {@code migrations}, applying each missing step
     * in its own transaction. Idempotent.
     *
     * @param owner      the subsystem, e.g. {@code shelf}; its steps are numbered independently
     * @param migrations the subsystem's steps, numbered 1..n without gaps
     * @return the schema version of {@code owner} afterwards
     * @throws StoreException when a step fails, or the database is at a newer version than this software knows
     */
    int migrate(String owner, List<Migration> migrations) throws StoreException;
}
