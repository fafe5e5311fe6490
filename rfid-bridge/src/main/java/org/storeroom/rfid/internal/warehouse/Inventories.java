package org.storeroom.rfid.internal.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.storeroom.gateway.api.Bilingual;
import org.storeroom.gateway.api.Migration;
import org.storeroom.gateway.api.StoreException;
import org.storeroom.rfid.api.Epc;
import org.storeroom.rfid.core.Reconciliation;

/**
 * Inventory sessions (盘点): a count of some columns, by the cart or the fixed antennas. Reads in the
 * counted columns are kept (one row per tag, with the column it was last read at); finishing reconciles
 * them against the index, stores the report and tells the central side. At most one open session per
 * column, so two counts never claim the same reads.
 */
public final class Inventories {
    static final Migration SCHEMA = new Migration(2, "inventory sessions", List.of(
            "CREATE TABLE wh_inventory (id INTEGER PRIMARY KEY, scope TEXT NOT NULL, columns TEXT NOT NULL,"
                    + " started_by TEXT NOT NULL, started_ts INTEGER NOT NULL, expected INTEGER NOT NULL,"
                    + " ended_by TEXT, ended_ts INTEGER, report TEXT)",
            "CREATE TABLE wh_inventory_read (session INTEGER NOT NULL, epc TEXT NOT NULL, col INTEGER NOT NULL,"
                    + " ts INTEGER NOT NULL, PRIMARY KEY (session, epc)) WITHOUT ROWID"));

    /** A session as the panel shows it. */
    public record Session(long id, String scope, List<Integer> columns, String startedBy, long startedMs, int expected,
                          int read, int found, String endedBy, Long endedMs) {
        public boolean open() {
            return endedMs == null;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Warehouse warehouse;
    /** Open sessions: the expected boxes' home columns (for live progress) and each tag's column read at. */
    private final Map<Long, Open> open = new ConcurrentHashMap<>();

    private static final class Open {
        final long id;
        final List<Integer> columns;
        final Map<Epc, Integer> home = new HashMap<>();
        final Map<Epc, Integer> read = new ConcurrentHashMap<>();

        /**
         * @param expected the boxes counted, as at the start: live progress is measured against them
         *                 without reading the store again at every poll
         */
        Open(long id, List<Integer> columns, Map<Epc, Reconciliation.Box> expected) {
            this.id = id;
            this.columns = columns;
            expected.forEach((epc, box) -> home.put(epc, box.point().column()));
        }

        int found() {
            int n = 0;
            for (Map.Entry<Epc, Integer> e : read.entrySet()) {
                if (e.getValue().equals(home.get(e.getKey()))) {
                    n++;
                }
            }
            return n;
        }
    }

    Inventories(Warehouse warehouse) throws StoreException {
        this.warehouse = warehouse;
        warehouse.store().read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, columns FROM wh_inventory WHERE ended_ts IS NULL");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Integer> cols = columns(rs.getString(2));
                    Open o = new Open(rs.getLong(1), cols, warehouse.boxesIn(c, cols));
                    try (PreparedStatement r = c.prepareStatement("SELECT epc, col FROM wh_inventory_read WHERE session = ?")) {
                        r.setLong(1, o.id);
                        try (ResultSet rr = r.executeQuery()) {
                            while (rr.next()) {
                                o.read.put(new Epc(rr.getString(1)), rr.getInt(2));
                            }
                        }
                    }
                    open.put(o.id, o);
                }
            }
            return null;
        });
    }

    /**
     * Starts counting {@code columns}.
     *
     * @param scope how the person chose them, e.g. {@code range A} or {@code columns 7-9}
     * @throws IllegalStateException when a column is already being counted
     */
    public synchronized Session start(String scope, Collection<Integer> columns, String actor) throws StoreException {
        List<Integer> cols = List.copyOf(new TreeSet<>(columns));
        if (cols.isEmpty()) {
            throw new Bilingual.BadInput("columns is empty: choose a range or columns to count", "请选择要盘点的区或列");
        }
        for (int c : cols) {
            if (warehouse.layout().rangeOf(c).isEmpty()) {
                throw new Bilingual.BadInput("column " + c + " is not in any range of the room", "第 " + c + " 列不在库房的任何区中");
            }
        }
        for (Open o : open.values()) {
            for (int c : cols) {
                if (o.columns.contains(c)) {
                    throw new Bilingual.Refused("column " + c + " is already being counted by inventory " + o.id
                            + "; finish that one first", "第 " + c + " 列正在由盘点 #" + o.id + " 盘点，请先完成该盘点");
                }
            }
        }
        long now = warehouse.clock().millis();
        Open o = warehouse.write(tx -> {
            Map<Epc, Reconciliation.Box> expected = warehouse.boxesIn(tx, cols);
            long id;
            try (PreparedStatement ps = tx.prepareStatement("INSERT INTO wh_inventory(scope, columns, started_by, started_ts, expected)"
                    + " VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                ps.setString(1, scope);
                ps.setString(2, join(cols));
                ps.setString(3, actor);
                ps.setLong(4, now);
                ps.setInt(5, expected.size());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            warehouse.audit().append(tx, actor, "inventory.start", "inventory " + id, Map.of("scope", scope, "expected", expected.size()));
            warehouse.outbox().event(tx, "inventory", Map.of("session", id, "what", "started", "scope", scope,
                    "columns", cols, "expected", expected.size(), "by", actor));
            return new Open(id, cols, expected);
        });
        open.put(o.id, o);
        return session(o.id);
    }

    /**
     * Takes tags read at {@code column} (the cart's column, or a fixed antenna's) into the open session
     * counting it; reads at columns nobody is counting, and location tags, are ignored.
     *
     * @return how many reads were new or changed column
     */
    public int read(int column, Collection<Epc> epcs, long atMs) throws StoreException {
        Open o = countingColumn(column).map(open::get).orElse(null);
        if (o == null) {
            return 0;
        }
        List<Epc> changed = new ArrayList<>();
        for (Epc e : epcs) {
            if (org.storeroom.rfid.core.LocationTags.isLocationTag(e)) {
                continue; // the shelving's own location tags are fixtures, not unexpected boxes
            }
            Integer before = o.read.put(e, column);
            if (before == null || before != column) {
                changed.add(e);
            }
        }
        if (!changed.isEmpty()) {
            long session = o.id;
            warehouse.write(tx -> {
                try (PreparedStatement ps = tx.prepareStatement("INSERT INTO wh_inventory_read(session, epc, col, ts) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT(session, epc) DO UPDATE SET col = excluded.col, ts = excluded.ts")) {
                    for (Epc e : changed) {
                        ps.setLong(1, session);
                        ps.setString(2, e.hex());
                        ps.setInt(3, column);
                        ps.setLong(4, atMs);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        }
        return changed.size();
    }

    /** @return the session with live counts while it is open */
    public Session session(long id) throws StoreException {
        return warehouse.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT scope, columns, started_by, started_ts, expected, ended_by, ended_ts,"
                    + " report FROM wh_inventory WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NoSuchSession(id);
                    }
                    Open o = open.get(id);
                    String stored = rs.getString(8);
                    int read;
                    int found;
                    if (o != null) {
                        read = o.read.size();
                        found = o.found();
                    } else if (stored == null) {
                        // Committed by start() an instant ago and not yet taken into the open sessions: no
                        // tag can have been counted for it, since reads go only to sessions taken in.
                        read = 0;
                        found = 0;
                    } else {
                        Map<?, ?> report = JSON.readValue(stored, Map.class);
                        read = ((Number) report.get("read")).intValue();
                        found = ((Number) report.get("foundCount")).intValue();
                    }
                    return new Session(id, rs.getString(1), columns(rs.getString(2)), rs.getString(3), rs.getLong(4), rs.getInt(5),
                            read, found, rs.getString(6), Warehouse.longOrNull(rs, 7));
                } catch (JsonProcessingException e) {
                    throw new SQLException("inventory " + id + " has an unreadable report: " + e.getOriginalMessage(), e);
                }
            }
        });
    }

    /** @return recent sessions, newest first */
    public List<Session> recent(int limit) throws StoreException {
        List<Long> ids = warehouse.read(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM wh_inventory ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
        List<Session> out = new ArrayList<>();
        for (long id : ids) {
            out.add(session(id));
        }
        return out;
    }

    /**
     * Ends a session: reconciles its reads against the index and keeps the report. Missing and misplaced
     * boxes get a step in their whereabouts.
     */
    public synchronized Map<String, Object> finish(long id, String actor) throws StoreException {
        Open o = open.get(id);
        if (o == null) {
            session(id);
            throw new Bilingual.Refused("inventory " + id + " is already finished", "盘点 #" + id + " 已经完成");
        }
        Map<String, Object> report = warehouse.write(tx -> {
            Map<Epc, Reconciliation.Box> expected = warehouse.boxesIn(tx, o.columns);
            expected.values().removeIf(Reconciliation.Box::checkedOut);
            Map<Epc, Integer> read = new HashMap<>(o.read);
            Reconciliation r = Reconciliation.of(expected.values(), read, epc -> {
                try {
                    return warehouse.boxOf(tx, epc);
                } catch (SQLException e) {
                    throw new IllegalStateException("looking up tag " + epc + ": " + e.getMessage(), e);
                }
            });
            Map<String, Object> rep = report(id, o, r, read.size());
            long now = warehouse.clock().millis();
            try (PreparedStatement trail = tx.prepareStatement("INSERT INTO wh_trail(item, ts, what, place, actor, note)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Reconciliation.Box b : r.missing()) {
                    step(trail, "box:" + b.archiveNo(), now, "inventory-missing", b.point().code(), actor, "inventory " + id);
                }
                for (Reconciliation.Misplaced m : r.misplaced()) {
                    step(trail, "box:" + m.box().archiveNo(), now, "inventory-misplaced", "column " + m.seenColumn(), actor,
                            "inventory " + id + "; belongs at " + m.box().point().code());
                }
                trail.executeBatch();
            }
            try {
                Warehouse.exec(tx, "UPDATE wh_inventory SET ended_by = ?, ended_ts = ?, report = ? WHERE id = ?",
                        actor, now, JSON.writeValueAsString(rep), id);
            } catch (JsonProcessingException e) {
                throw new SQLException("the report of inventory " + id + " cannot be written: " + e.getOriginalMessage(), e);
            }
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("found", r.found().size());
            counts.put("missing", r.missing().size());
            counts.put("misplaced", r.misplaced().size());
            counts.put("unexpected", r.unexpected().size());
            warehouse.audit().append(tx, actor, "inventory.finish", "inventory " + id, counts);
            Map<String, Object> event = new LinkedHashMap<>(counts);
            event.put("session", id);
            event.put("what", "finished");
            event.put("missingBoxes", r.missing().stream().limit(1000).map(Reconciliation.Box::archiveNo).toList());
            event.put("misplacedBoxes", r.misplaced().stream().limit(1000).map(m -> m.box().archiveNo()).toList());
            warehouse.outbox().event(tx, "inventory", event);
            return rep;
        });
        open.remove(id);
        return report;
    }

    /** @return the stored report of a finished session */
    @SuppressWarnings("unchecked")
    public Map<String, Object> report(long id) throws StoreException {
        Session s = session(id);
        if (s.open()) {
            throw new Bilingual.Refused("inventory " + id + " is still open: finish it for the report", "盘点 #" + id + " 尚未完成：完成后才有报告");
        }
        return warehouse.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT report FROM wh_inventory WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return JSON.readValue(rs.getString(1), Map.class);
                } catch (JsonProcessingException e) {
                    throw new SQLException("inventory " + id + " has an unreadable report: " + e.getOriginalMessage(), e);
                }
            }
        });
    }

    /** @return the sessions counting a column now */
    public Optional<Long> countingColumn(int column) {
        return open.values().stream().filter(o -> o.columns.contains(column)).map(o -> o.id).findFirst();
    }

    private static void step(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
        ps.addBatch();
    }

    private static Map<String, Object> report(long id, Open o, Reconciliation r, int read) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("session", id);
        rep.put("columns", o.columns);
        rep.put("read", read);
        rep.put("foundCount", r.found().size());
        // Found boxes by 档号 only: a whole room's count finds 100,000 of them.
        rep.put("found", r.found().stream().map(Reconciliation.Box::archiveNo).toList());
        rep.put("missing", r.missing().stream().map(Inventories::box).toList());
        rep.put("misplaced", r.misplaced().stream().map(m -> {
            Map<String, Object> b = box(m.box());
            b.put("seenColumn", m.seenColumn());
            return b;
        }).toList());
        rep.put("unexpected", r.unexpected().stream().map(Epc::hex).toList());
        return rep;
    }

    private static Map<String, Object> box(Reconciliation.Box b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("archiveNo", b.archiveNo());
        m.put("epc", b.epc().hex());
        m.put("point", b.point().code());
        m.put("checkedOut", b.checkedOut());
        return m;
    }

    private static String join(List<Integer> cols) {
        StringBuilder sb = new StringBuilder();
        for (int c : cols) {
            sb.append(sb.length() == 0 ? "" : ",").append(c);
        }
        return sb.toString();
    }

    private static List<Integer> columns(String text) {
        List<Integer> out = new ArrayList<>();
        for (String c : text.split(",")) {
            out.add(Integer.parseInt(c));
        }
        return out;
    }

    /** An inventory session that does not exist. */
    public static final class NoSuchSession extends Bilingual.NotFound {
        private static final long serialVersionUID = 1L;

        NoSuchSession(long id) {
            super("inventory " + id + " does not exist", "没有盘点 #" + id);
        }
    }
}
