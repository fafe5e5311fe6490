package org.storeroom.gateway.internal.uplink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.gateway.api.Migration;
import org.storeroom.gateway.api.Outbox;
import org.storeroom.gateway.api.Store;
import org.storeroom.gateway.api.StoreException;

/**
 * The outbox in SQLite: messages recorded inside their producers' transactions, read in seq order by the
 * publisher, deleted once the broker acknowledged them.
 *
 * <p>Why seq comes from a counter and not from SQLite: the envelope carries its seq, and it is written
 * once, whole, with the row. All writes run on the store's single writer thread, so counter order is
 * commit order. A rolled-back transaction leaves a gap, never a reuse; a restart continues from the
 * highest seq still in the outbox or ever deleted from it (kept in {@code uplink_meta}, written with each
 * deletion rather than with each message, which keeps recording cheap).
 */
final class OutboxTable implements Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxTable.class);

    static final List<Migration> SCHEMA = List.of(new Migration(1, "uplink outbox", List.of(
            "CREATE TABLE uplink_outbox (seq INTEGER PRIMARY KEY, topic TEXT NOT NULL, payload BLOB NOT NULL)",
            // The highest seq ever deleted, so that an empty outbox never hands out a seq again.
            "CREATE TABLE uplink_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
            "INSERT INTO uplink_meta(key, value) VALUES ('forgottenSeq', 0)")),
            new Migration(2, "commands from the central system, kept by id so that a repeat gets the first result",
                    List.of("CREATE TABLE uplink_command (id TEXT PRIMARY KEY, name TEXT NOT NULL, received TEXT NOT NULL,"
                            + " result BLOB NOT NULL) WITHOUT ROWID")));

    /** How many committed messages, and how many bytes of them, wait in memory for the publisher at most. */
    static final int HANDOFF = 8192;
    static final long HANDOFF_BYTES = 4 << 20;

    /** One topic level: lower-case words and hyphens. */
    private static final Pattern LEVEL = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** A recorded message, as the publisher reads it. */
    record Pending(long seq, String topic, byte[] payload) { }

    private final Store store;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final String instance;
    private final AtomicLong lastSeq;
    private final AtomicLong queued;
    private final AtomicLong shed = new AtomicLong();
    private final InstantText timestamps = new InstantText();
    private final java.util.Set<String> checkedTypes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile long capacity;
    private volatile Runnable onRecorded = () -> { };
    /** Committed messages handed to the publisher in memory, so that it need not read them back. */
    private final Handoff handoff = new Handoff(HANDOFF, HANDOFF_BYTES);
    // Touched only on the store's writer thread.
    private Connection insertOn;
    private PreparedStatement insert;

    private OutboxTable(Store store, Clock clock, String instance, long lastSeq, long queued, long capacity) {
        this.store = store;
        this.clock = clock;
        this.instance = instance;
        this.lastSeq = new AtomicLong(lastSeq);
        this.queued = new AtomicLong(queued);
        this.capacity = capacity;
    }

    /** Brings the outbox's table up to date and reads where it stands. */
    static OutboxTable open(Store store, long capacity, Clock clock) throws StoreException {
        store.migrate("uplink", SCHEMA);
        long[] seqAndCount = new long[2];
        String instance = store.read(c -> {
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT max(coalesce((SELECT max(seq) FROM uplink_outbox), 0),"
                        + " (SELECT value FROM uplink_meta WHERE key = 'forgottenSeq'))")) {
                    seqAndCount[0] = rs.next() ? rs.getLong(1) : 0;
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM uplink_outbox")) {
                    rs.next();
                    seqAndCount[1] = rs.getLong(1);
                }
                try (ResultSet rs = st.executeQuery("SELECT value FROM gateway_meta WHERE key = 'instance'")) {
                    return rs.next() ? rs.getString(1) : "gateway";
                }
            }
        });
        return new OutboxTable(store, clock, instance, seqAndCount[0], seqAndCount[1], capacity);
    }

    /** Who to tell, on the writer thread, that new messages were committed. */
    void onRecorded(Runnable r) {
        onRecorded = r;
    }

    void capacity(long messages) {
        capacity = messages;
    }

    long capacity() {
        return capacity;
    }

    /** @return messages recorded and not yet acknowledged */
    long queued() {
        return queued.get();
    }

    /** @return telemetry messages shed because the outbox was over capacity */
    long shed() {
        return shed.get();
    }

    long lastSeq() {
        return lastSeq.get();
    }

    String instance() {
        return instance;
    }

    @Override
    public long event(Connection tx, String type, Object data) throws SQLException {
        if (!validType(type)) {
            throw new IllegalArgumentException("event type '" + type + "' is not lower-case words and hyphens of up to 32 characters");
        }
        long seq = lastSeq.incrementAndGet();
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("seq", seq);
            g.writeStringField("id", instance + "-" + seq);
            g.writeStringField("ts", timestamps.format(clock.instant()));
            g.writeStringField("type", type);
            g.writeFieldName("data");
            json.writeValue(g, data);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalArgumentException("event data of " + type + " cannot be written as JSON: " + e.getMessage(), e);
        }
        insert(tx, seq, "events/" + type, out.toByteArray());
        return seq;
    }

    /** Checks an event type, remembering the first few that passed: types are named in code, a handful. */
    private boolean validType(String type) {
        if (type == null) {
            return false;
        }
        if (checkedTypes.contains(type)) {
            return true;
        }
        if (!LEVEL.matcher(type).matches()) {
            return false;
        }
        if (checkedTypes.size() < 64) {
            checkedTypes.add(type);
        }
        return true;
    }

    @Override
    public long message(Connection tx, String topic, Object payload) throws SQLException {
        String[] levels = topic == null ? new String[0] : topic.split("/", -1);
        if (levels.length == 0 || levels.length > 3 || !java.util.Arrays.stream(levels).allMatch(l -> LEVEL.matcher(l).matches())) {
            throw new IllegalArgumentException("topic '" + topic + "' is not 1 to 3 levels of lower-case words and hyphens");
        }
        if (levels[0].equals("events") || levels[0].equals("status")) {
            throw new IllegalArgumentException("topic '" + topic + "' is the uplink's own; record events with event()");
        }
        if (levels[0].equals("telemetry") && queued.get() >= capacity) {
            long n = shed.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.error("uplink outbox full ({} of {} messages waiting): telemetry not kept, {} readings shed so far",
                        queued.get(), capacity, n);
            }
            return -1;
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("message for " + topic + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        long seq = lastSeq.incrementAndGet();
        insert(tx, seq, topic, bytes);
        return seq;
    }

    @Override
    public boolean pending(Connection tx, long seq) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT 1 FROM uplink_outbox WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The largest payload recorded: brokers refuse bigger packets (EMQX by default at 1 MB) by closing the
     * connection, which would stall everything queued behind it. Refused here, where the producer hears why.
     */
    static final int MAX_PAYLOAD = 1_000_000;

    private void insert(Connection tx, long seq, String topic, byte[] bytes) throws SQLException {
        if (bytes.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("the message for " + topic + " is " + bytes.length
                    + " bytes; the uplink sends at most " + MAX_PAYLOAD + " bytes in one message");
        }
        // The writer connection lives as long as the store: its insert statement is prepared once.
        if (insertOn != tx) {
            insert = tx.prepareStatement("INSERT INTO uplink_outbox(seq, topic, payload) VALUES (?, ?, ?)");
            insertOn = tx;
        }
        insert.setLong(1, seq);
        insert.setString(2, topic);
        insert.setBytes(3, bytes);
        insert.executeUpdate();
        Pending p = new Pending(seq, topic, bytes);
        store.afterCommit(tx, () -> {
            // After the commit, on the writer thread, in commit order (which is seq order).
            handoff.add(p);
            queued.incrementAndGet();
            onRecorded.run();
        });
    }

    /** Records messages of the outbox's own (alarms about itself) in a transaction of their own. */
    void record(org.storeroom.gateway.api.SqlWork<?> work) throws StoreException {
        store.write(work);
    }

    /** @return how the (one) publisher reads this outbox: from the hand-off and the table */
    OutboxReader reader() {
        return new OutboxReader(handoff, this::between);
    }

    /** @return up to {@code limit} messages with {@code after < seq < before}, in seq order */
    private List<Pending> between(long after, long before, int limit) throws StoreException {
        return store.read(c -> {
            List<Pending> out = new ArrayList<>(limit);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, topic, payload FROM uplink_outbox WHERE seq > ? AND seq < ? ORDER BY seq LIMIT ?")) {
                ps.setLong(1, after);
                ps.setLong(2, before);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Pending(rs.getLong(1), rs.getString(2), rs.getBytes(3)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Deletes acknowledged messages, one range statement per run of consecutive seqs, in one transaction.
     *
     * @param acked seqs in ascending order
     */
    void forget(long[] acked) throws StoreException {
        if (acked.length == 0) {
            return;
        }
        long deleted = store.write(c -> {
            long n = 0;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM uplink_outbox WHERE seq BETWEEN ? AND ?")) {
                int from = 0;
                for (int i = 1; i <= acked.length; i++) {
                    if (i == acked.length || acked[i] != acked[i - 1] + 1) {
                        ps.setLong(1, acked[from]);
                        ps.setLong(2, acked[i - 1]);
                        n += ps.executeUpdate();
                        from = i;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE uplink_meta SET value = max(value, ?) WHERE key = 'forgottenSeq'")) {
                ps.setLong(1, acked[acked.length - 1]);
                ps.executeUpdate();
            }
            return n;
        });
        queued.addAndGet(-deleted);
    }
}
