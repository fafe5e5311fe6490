package org.storeroom.gateway.internal.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.gateway.api.CommandHandler;
import org.storeroom.gateway.api.CommandResult;
import org.storeroom.gateway.api.HealthCheck;
import org.storeroom.gateway.api.SubsystemHealth;
import org.storeroom.gateway.api.IndexChange;
import org.storeroom.gateway.api.IndexHash;
import org.storeroom.gateway.api.IndexMirror;
import org.storeroom.gateway.api.Migration;
import org.storeroom.gateway.api.Outbox;
import org.storeroom.gateway.api.Store;
import org.storeroom.gateway.api.StoreException;

/**
 * The mirrored index in SQLite: entries by key in their canonical JSON, a version counter and the
 * running content hash, all changed in the caller's transaction together with the delta for the
 * central side. Answers {@code index.resync} with a snapshot in numbered parts, taken in one transaction
 * so that it reflects exactly one version.
 */
@Component(service = {IndexMirror.class, CommandHandler.class, HealthCheck.class}, immediate = true,
        property = CommandHandler.NAME + "=index.resync")
public final class IndexLog implements IndexMirror, CommandHandler, HealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(IndexLog.class);
    static final int DEFAULT_PART = 500;
    /** A delta carries at most this many changes... */
    static final int DELTA_CHANGES = 500;
    /** ...or about this many characters of keys and values: well under the 1 MB the uplink sends at most. */
    static final int DELTA_BYTES = 64 * 1024;

    static final List<Migration> SCHEMA = List.of(new Migration(1, "mirrored index", List.of(
            "CREATE TABLE index_entry (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
            "CREATE TABLE index_meta (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL,"
                    + " entries INTEGER NOT NULL, hash TEXT NOT NULL)",
            "INSERT INTO index_meta(id, version, entries, hash) VALUES (1, 0, 0, '" + IndexHash.empty().hex() + "')")));

    private final Store store;
    private final Outbox outbox;
    private final ObjectMapper json = new ObjectMapper();
    private volatile IndexState committed;
    /** The last snapshot queued; read and written only inside the store's write work. */
    private Queued lastSnapshot;

    /** A snapshot recorded in the outbox: its version, part size and the seq of its first part. */
    private record Queued(long version, int partSize, long firstSeq) { }

    @Activate
    public IndexLog(@Reference Store store, @Reference Outbox outbox) throws StoreException {
        this.store = store;
        this.outbox = outbox;
        store.migrate("index", SCHEMA);
        committed = store.read(IndexLog::meta);
        LOG.info("index mirror at version {} ({} entries, hash {})", committed.version(), committed.entries(), committed.hash());
    }

    private static IndexState meta(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version, entries, hash FROM index_meta WHERE id = 1")) {
            rs.next();
            return new IndexState(rs.getLong(1), rs.getLong(2), rs.getString(3));
        }
    }

    @Override
    public long change(Connection tx, List<IndexChange> changes) throws SQLException {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("an index change needs at least one entry");
        }
        long version = 0;
        for (int from = 0; from < changes.size(); ) {
            long[] applied = slice(tx, changes, from);
            version = applied[0];
            from = (int) applied[1];
        }
        return version;
    }

    /**
     * Applies changes from {@code from} on as one version, up to {@link #DELTA_CHANGES} of them or
     * {@link #DELTA_BYTES} of values, so that no delta outgrows what brokers accept.
     *
     * @return the version and the index of the first change not applied
     */
    @SuppressWarnings("unchecked")
    private long[] slice(Connection tx, List<IndexChange> changes, int from) throws SQLException {
        IndexState before = meta(tx);
        IndexHash hash = IndexHash.of(before.hash());
        long entries = before.entries();
        List<Map<String, Object>> wire = new ArrayList<>();
        int next = from;
        long bytes = 0;
        try (PreparedStatement find = tx.prepareStatement("SELECT value FROM index_entry WHERE key = ?");
             PreparedStatement put = tx.prepareStatement("INSERT INTO index_entry(key, value) VALUES (?, ?)"
                     + " ON CONFLICT(key) DO UPDATE SET value = excluded.value");
             PreparedStatement remove = tx.prepareStatement("DELETE FROM index_entry WHERE key = ?")) {
            for (; next < changes.size() && (next == from || next - from < DELTA_CHANGES && bytes < DELTA_BYTES); next++) {
                IndexChange ch = changes.get(next);
                bytes += ch.key().length() + 24;
                find.setString(1, ch.key());
                String old;
                try (ResultSet rs = find.executeQuery()) {
                    old = rs.next() ? rs.getString(1) : null;
                }
                if (old != null) {
                    hash.remove(ch.key(), old);
                    entries--;
                }
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("op", ch.op() == IndexChange.Op.PUT ? "put" : "remove");
                w.put("key", ch.key());
                if (ch.op() == IndexChange.Op.PUT) {
                    // Through JSON and back: the value is hashed exactly as a mirror will parse it.
                    Map<String, Object> value;
                    try {
                        value = json.readValue(json.writeValueAsBytes(ch.value()), Map.class);
                    } catch (IOException e) {
                        throw new IllegalArgumentException("index value of '" + ch.key() + "' is not JSON: " + e.getMessage(), e);
                    }
                    String canonical = IndexHash.canonical(value);
                    put.setString(1, ch.key());
                    put.setString(2, canonical);
                    put.executeUpdate();
                    hash.add(ch.key(), canonical);
                    bytes += canonical.length();
                    entries++;
                    w.put("value", value);
                } else if (old != null) {
                    remove.setString(1, ch.key());
                    remove.executeUpdate();
                }
                wire.add(w);
            }
        }
        long version = before.version() + 1;
        IndexState after = new IndexState(version, entries, hash.hex());
        try (PreparedStatement ps = tx.prepareStatement("UPDATE index_meta SET version = ?, entries = ?, hash = ? WHERE id = 1")) {
            ps.setLong(1, version);
            ps.setLong(2, entries);
            ps.setString(3, after.hash());
            ps.executeUpdate();
        }
        Map<String, Object> delta = new LinkedHashMap<>();
        delta.put("version", version);
        delta.put("prev", before.version());
        delta.put("changes", wire);
        outbox.message(tx, "index/delta", delta);
        store.afterCommit(tx, () -> committed = after);
        return new long[] {version, next};
    }

    @Override
    public IndexState state() {
        return committed;
    }

    @Override
    public String subsystem() {
        return "index";
    }

    /** The version and content hash anyone can compare with the central side's mirror. */
    @Override
    public SubsystemHealth check() {
        IndexState s = committed;
        return SubsystemHealth.up("index at version " + s.version() + " with " + s.entries() + " entries",
                Map.of("version", s.version(), "entries", s.entries(), "hash", s.hash()));
    }

    /** {@code index.resync}: the whole index as snapshot parts; {@code partSize} (100..5000) optional. */
    @Override
    public CommandResult handle(String id, Map<String, Object> args) {
        int partSize = DEFAULT_PART;
        for (Map.Entry<String, Object> a : args.entrySet()) {
            if (!a.getKey().equals("partSize")) {
                return CommandResult.refused("argument '" + a.getKey() + "' is unknown; only 'partSize' is taken");
            }
            if (!(a.getValue() instanceof Integer n) || n < 100 || n > 5000) {
                return CommandResult.refused("argument 'partSize' " + a.getValue() + " is not a whole number in 100..5000");
            }
            partSize = (Integer) a.getValue();
        }
        int size = partSize;
        try {
            // A central side that asks again before the first answer arrived (a big index takes a while to
            // send) gets no second identical copy queued, with everything else waiting behind it.
            Map<String, Object> result = store.write(c -> {
                Map<String, Object> queued = queuedAlready(c, size);
                return queued != null ? queued : snapshot(c, size);
            });
            LOG.info("index snapshot {} for resync {}: {}", result.containsKey("alreadyQueued") ? "still on its way" : "sent", id, result);
            return CommandResult.ok(result);
        } catch (StoreException e) {
            return CommandResult.error("the index could not be read: " + e.getMessage());
        }
    }

    /**
     * @return the answer to a resync when the same snapshot is still waiting in the outbox, not one part of it
     *         sent yet (so whoever asks now receives all of it), else {@code null}
     */
    private Map<String, Object> queuedAlready(Connection c, int partSize) throws SQLException {
        Queued q = lastSnapshot;
        IndexState s = meta(c);
        if (q == null || q.version() != s.version() || q.partSize() != partSize || !outbox.pending(c, q.firstSeq())) {
            return null;
        }
        int parts = (int) Math.max(1, (s.entries() + partSize - 1) / partSize);
        return Map.of("version", s.version(), "entries", s.entries(), "parts", parts, "hash", s.hash(), "alreadyQueued", true);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> snapshot(Connection c, int partSize) throws SQLException {
        IndexState s = meta(c);
        int parts = (int) Math.max(1, (s.entries() + partSize - 1) / partSize);
        int part = 0;
        long first = 0;
        List<Map<String, Object>> entries = new ArrayList<>(partSize);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT key, value FROM index_entry ORDER BY key")) {
            while (rs.next()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("op", "put");
                e.put("key", rs.getString(1));
                try {
                    e.put("value", json.readValue(rs.getString(2), Map.class));
                } catch (IOException ex) {
                    throw new SQLException("index entry " + rs.getString(1) + " holds damaged JSON", ex);
                }
                entries.add(e);
                if (entries.size() == partSize) {
                    long seq = sendPart(c, s, ++part, parts, entries);
                    first = part == 1 ? seq : first;
                    entries = new ArrayList<>(partSize);
                }
            }
        }
        if (!entries.isEmpty() || part == 0) {
            long seq = sendPart(c, s, ++part, parts, entries);
            first = part == 1 ? seq : first;
        }
        lastSnapshot = new Queued(s.version(), partSize, first);
        return Map.of("version", s.version(), "entries", s.entries(), "parts", parts, "hash", s.hash());
    }

    private long sendPart(Connection c, IndexState s, int part, int parts, List<Map<String, Object>> entries) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", s.version());
        m.put("part", part);
        m.put("parts", parts);
        m.put("entries", entries);
        m.put("hash", s.hash());
        return outbox.message(c, "index/snapshot", m);
    }
}
