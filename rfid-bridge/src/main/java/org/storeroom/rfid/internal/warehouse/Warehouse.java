package org.storeroom.rfid.internal.warehouse;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.storeroom.gateway.api.Bilingual;
import org.storeroom.gateway.api.AuditLog;
import org.storeroom.gateway.api.IndexChange;
import org.storeroom.gateway.api.IndexMirror;
import org.storeroom.gateway.api.Migration;
import org.storeroom.gateway.api.Outbox;
import org.storeroom.gateway.api.Store;
import org.storeroom.gateway.api.StoreException;
import org.storeroom.rfid.api.Epc;
import org.storeroom.rfid.api.StoragePoint;
import org.storeroom.rfid.core.Catalogue;
import org.storeroom.rfid.core.ShelvingLayout;

/**
 * The virtual warehouse in SQLite: boxes at storage points, files in boxes, the keys that link files to
 * an account (一户式), loans, and each item's whereabouts trail. Every change is committed with its audit
 * entry, its index delta for the central mirror and, where it is news, its event.
 *
 * <p>Items are named {@code box:<档号>} or {@code file:<件号>} in loans, trails and the index.
 */
public final class Warehouse {
    static final List<Migration> SCHEMA = List.of(new Migration(1, "virtual warehouse", List.of(
            "CREATE TABLE wh_box (archive_no TEXT PRIMARY KEY, epc TEXT UNIQUE, point TEXT UNIQUE,"
                    + " status TEXT NOT NULL DEFAULT 'shelved') WITHOUT ROWID",
            "CREATE TABLE wh_file (file_no TEXT PRIMARY KEY, archive_no TEXT NOT NULL, epc TEXT UNIQUE,"
                    + " title TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'in') WITHOUT ROWID",
            "CREATE INDEX wh_file_box ON wh_file(archive_no)",
            "CREATE TABLE wh_key (key TEXT NOT NULL, file_no TEXT NOT NULL, kind TEXT NOT NULL,"
                    + " PRIMARY KEY (key, file_no)) WITHOUT ROWID",
            "CREATE INDEX wh_key_file ON wh_key(file_no)",
            "CREATE TABLE wh_loan (id INTEGER PRIMARY KEY, item TEXT NOT NULL, borrower TEXT NOT NULL,"
                    + " out_by TEXT NOT NULL, out_ts INTEGER NOT NULL, due_ts INTEGER NOT NULL, back_ts INTEGER, back_by TEXT)",
            "CREATE UNIQUE INDEX wh_loan_open ON wh_loan(item) WHERE back_ts IS NULL",
            "CREATE TABLE wh_trail (id INTEGER PRIMARY KEY, item TEXT NOT NULL, ts INTEGER NOT NULL, what TEXT NOT NULL,"
                    + " place TEXT NOT NULL, actor TEXT NOT NULL, note TEXT NOT NULL)",
            "CREATE INDEX wh_trail_item ON wh_trail(item, id)")), Inventories.SCHEMA, ReadIngest.SCHEMA);

    /** Catalogue items written per transaction, so an import never holds the single writer for long. */
    static final int IMPORT_CHUNK = 2000;
    static final int MAX_HITS = 200;

    /**
     * A box or file found by {@link #locate}: where it belongs, which aisle to open, whether it is out,
     * and where a reader last saw its box ({@code seenAt} empty when never).
     */
    public record Hit(String kind, String archiveNo, String fileNo, String title, String point, String pointLabel,
                      String aisle, String status, String borrower, Long dueMs, String seenAt, Long seenMs) { }

    /** An open or ended loan. */
    public record Loan(long id, String item, String borrower, String outBy, long outMs, long dueMs, Long backMs, String backBy) { }

    /** One step in an item's whereabouts. */
    public record Trail(long id, String item, long atMs, String what, String place, String actor, String note) { }

    private final Store store;
    private final Outbox outbox;
    private final IndexMirror index;
    private final AuditLog audit;
    private final Clock clock;
    private final ShelvingLayout layout;
    private final Duration loanTime;

    public Warehouse(Store store, Outbox outbox, IndexMirror index, AuditLog audit, Clock clock, ShelvingLayout layout,
                     Duration loanTime) throws StoreException {
        this.store = store;
        this.outbox = outbox;
        this.index = index;
        this.audit = audit;
        this.clock = clock;
        this.layout = layout;
        this.loanTime = loanTime;
        store.migrate("warehouse", SCHEMA);
    }

    public ShelvingLayout layout() {
        return layout;
    }

    public Store store() {
        return store;
    }

    Outbox outbox() {
        return outbox;
    }

    AuditLog audit() {
        return audit;
    }

    Clock clock() {
        return clock;
    }

    /** @return boxes and files held */
    public long[] counts() throws StoreException {
        return store.read(c -> new long[] {count(c, "SELECT count(*) FROM wh_box"), count(c, "SELECT count(*) FROM wh_file")});
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** A write whose bad-input and refused-state errors reach the caller as themselves, not as a store failure. */
    <T> T write(org.storeroom.gateway.api.SqlWork<T> work) throws StoreException {
        try {
            return store.write(work);
        } catch (StoreException e) {
            throw domain(e);
        }
    }

    <T> T read(org.storeroom.gateway.api.SqlWork<T> work) throws StoreException {
        try {
            return store.read(work);
        } catch (StoreException e) {
            throw domain(e);
        }
    }

    private static StoreException domain(StoreException e) {
        if (e.getCause() instanceof IllegalArgumentException bad) {
            throw bad;
        }
        if (e.getCause() instanceof IllegalStateException refused) {
            throw refused;
        }
        return e;
    }

    // ---------------------------------------------------------------- catalogue

    /**
     * Reads a catalogue and checks it against itself, the room and what the warehouse already holds,
     * writing nothing.
     */
    public Catalogue.Result check(InputStream csv) throws StoreException {
        Reader reader = new java.io.BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8), 1 << 16);
        Catalogue.Result parsed = Catalogue.read(reader, layout);
        if (!parsed.ok()) {
            return parsed;
        }
        List<Catalogue.Problem> conflicts = store.read(c -> conflicts(c, parsed));
        if (conflicts.isEmpty()) {
            return parsed;
        }
        return new Catalogue.Result(parsed.rows(), parsed.boxes(), parsed.files(),
                conflicts.subList(0, Math.min(conflicts.size(), 500)), conflicts.size());
    }

    /** A point or EPC held by an item the catalogue does not mention would end up shared. */
    private static List<Catalogue.Problem> conflicts(Connection c, Catalogue.Result parsed) throws SQLException {
        java.util.Set<String> boxes = new java.util.HashSet<>();
        parsed.boxes().forEach(b -> boxes.add(b.archiveNo()));
        java.util.Set<String> files = new java.util.HashSet<>();
        parsed.files().forEach(f -> files.add(f.fileNo()));
        List<Catalogue.Problem> out = new ArrayList<>();
        try (PreparedStatement atPoint = c.prepareStatement("SELECT archive_no FROM wh_box WHERE point = ?");
             PreparedStatement boxEpc = c.prepareStatement("SELECT archive_no FROM wh_box WHERE epc = ?");
             PreparedStatement fileEpc = c.prepareStatement("SELECT file_no FROM wh_file WHERE epc = ?")) {
            for (Catalogue.Box b : parsed.boxes()) {
                String holder = first(atPoint, b.point().code());
                if (holder != null && !boxes.contains(holder)) {
                    out.add(new Catalogue.Problem(b.line(), "point", b.point().code(), b.point().code()
                            + " holds box " + holder + " in the warehouse, which this catalogue does not move"));
                }
                if (b.epc() != null) {
                    epcConflict(out, b.line(), "box_epc", b.epc(), first(boxEpc, b.epc().hex()), boxes, b.archiveNo(),
                            first(fileEpc, b.epc().hex()), files, null);
                }
            }
            for (Catalogue.File f : parsed.files()) {
                if (f.epc() != null) {
                    epcConflict(out, f.line(), "file_epc", f.epc(), first(boxEpc, f.epc().hex()), boxes, null,
                            first(fileEpc, f.epc().hex()), files, f.fileNo());
                }
            }
        }
        return out;
    }

    private static void epcConflict(List<Catalogue.Problem> out, int line, String column, Epc epc, String onBox,
                                    java.util.Set<String> boxes, String self, String onFile, java.util.Set<String> files,
                                    String selfFile) {
        if (onBox != null && !onBox.equals(self) && !boxes.contains(onBox)) {
            out.add(new Catalogue.Problem(line, column, epc.hex(), "EPC " + epc.hex() + " is on box " + onBox + " in the warehouse"));
        } else if (onFile != null && !onFile.equals(selfFile) && !files.contains(onFile)) {
            out.add(new Catalogue.Problem(line, column, epc.hex(), "EPC " + epc.hex() + " is on file " + onFile + " in the warehouse"));
        }
    }

    private static String first(PreparedStatement ps, String arg) throws SQLException {
        ps.setString(1, arg);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** How far an import has come. */
    public interface Progress {
        void done(int items, int total);
    }

    /**
     * Writes a checked catalogue, {@link #IMPORT_CHUNK} items per transaction, each with its index version.
     * Boxes first, then files. A box taking a point another box of the catalogue still holds pushes that
     * box off its point until its own row comes (so a crash mid-import leaves it "unplaced", and the same
     * import applied again completes it).
     *
     * @return the number of boxes and files written
     */
    public int apply(Catalogue.Result catalogue, String actor, Progress progress) throws StoreException {
        if (!catalogue.ok()) {
            throw new IllegalArgumentException("the catalogue has " + catalogue.problemCount() + " problems; nothing was written");
        }
        int total = catalogue.boxes().size() + catalogue.files().size();
        int done = inChunks(catalogue.boxes(), this::putBox, 0, total, progress);
        inChunks(catalogue.files(), this::putFile, done, total, progress);
        store.write(tx -> audit.append(tx, actor, "catalogue.import", "catalogue of " + catalogue.rows() + " rows",
                Map.of("boxes", catalogue.boxes().size(), "files", catalogue.files().size())));
        return total;
    }

    /** Writes one catalogue item in the caller's transaction, adding its index changes. */
    @FunctionalInterface
    private interface Put<T> {
        void put(Connection tx, T item, List<IndexChange> changes) throws SQLException;
    }

    /** Writes {@code items}, {@link #IMPORT_CHUNK} per transaction with their index changes, reporting progress. */
    private <T> int inChunks(List<T> items, Put<T> put, int done, int total, Progress progress) throws StoreException {
        for (int i = 0; i < items.size(); i += IMPORT_CHUNK) {
            List<T> chunk = items.subList(i, Math.min(i + IMPORT_CHUNK, items.size()));
            store.write(tx -> {
                List<IndexChange> changes = new ArrayList<>();
                for (T item : chunk) {
                    put.put(tx, item, changes);
                }
                if (!changes.isEmpty()) {
                    index.change(tx, changes);
                }
                return null;
            });
            done += chunk.size();
            progress.done(done, total);
        }
        return done;
    }

    private void putBox(Connection tx, Catalogue.Box b, List<IndexChange> changes) throws SQLException {
        String epc = b.epc() == null ? null : b.epc().hex();
        String point = b.point().code();
        try (PreparedStatement now = tx.prepareStatement("SELECT epc, point, status FROM wh_box WHERE archive_no = ?")) {
            now.setString(1, b.archiveNo());
            try (ResultSet rs = now.executeQuery()) {
                if (rs.next() && java.util.Objects.equals(rs.getString(1), epc) && point.equals(rs.getString(2))) {
                    return;
                }
            }
        }
        try (PreparedStatement push = tx.prepareStatement("SELECT archive_no, epc, status FROM wh_box WHERE point = ? AND archive_no <> ?")) {
            push.setString(1, point);
            push.setString(2, b.archiveNo());
            try (ResultSet rs = push.executeQuery()) {
                if (rs.next()) {
                    String other = rs.getString(1);
                    exec(tx, "UPDATE wh_box SET point = NULL WHERE archive_no = ?", other);
                    changes.add(IndexChange.put("box:" + other, boxEntry(rs.getString(2), null, rs.getString(3))));
                }
            }
        }
        exec(tx, "UPDATE wh_box SET epc = NULL WHERE epc = ? AND archive_no <> ?", epc, b.archiveNo());
        exec(tx, "UPDATE wh_file SET epc = NULL WHERE epc = ?", epc);
        exec(tx, "INSERT INTO wh_box(archive_no, epc, point) VALUES (?, ?, ?)"
                + " ON CONFLICT(archive_no) DO UPDATE SET epc = excluded.epc, point = excluded.point", b.archiveNo(), epc, point);
        changes.add(IndexChange.put("box:" + b.archiveNo(), boxEntry(epc, point, status(tx, "box:" + b.archiveNo()))));
    }

    private static Map<String, Object> boxEntry(String epc, String point, String status) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("epc", epc == null ? "" : epc);
        v.put("point", point == null ? "" : point);
        v.put("status", status);
        return v;
    }

    private void putFile(Connection tx, Catalogue.File f, List<IndexChange> changes) throws SQLException {
        String epc = f.epc() == null ? null : f.epc().hex();
        exec(tx, "UPDATE wh_file SET epc = NULL WHERE epc = ? AND file_no <> ?", epc, f.fileNo());
        exec(tx, "INSERT INTO wh_file(file_no, archive_no, epc, title) VALUES (?, ?, ?, ?) ON CONFLICT(file_no) DO UPDATE"
                + " SET archive_no = excluded.archive_no, epc = excluded.epc, title = excluded.title",
                f.fileNo(), f.archiveNo(), epc, f.title());
        exec(tx, "DELETE FROM wh_key WHERE file_no = ?", f.fileNo());
        List<String> keys = new ArrayList<>();
        if (!f.borrowerId().isEmpty()) {
            exec(tx, "INSERT OR IGNORE INTO wh_key(key, file_no, kind) VALUES (?, ?, 'borrower')", f.borrowerId(), f.fileNo());
            keys.add(f.borrowerId());
        }
        if (!f.contractNo().isEmpty()) {
            exec(tx, "INSERT OR IGNORE INTO wh_key(key, file_no, kind) VALUES (?, ?, 'contract')", f.contractNo(), f.fileNo());
            keys.add(f.contractNo());
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("box", f.archiveNo());
        v.put("epc", epc == null ? "" : epc);
        v.put("title", f.title());
        v.put("keys", keys);
        v.put("status", status(tx, "file:" + f.fileNo()));
        changes.add(IndexChange.put("file:" + f.fileNo(), v));
    }

    private static String status(Connection tx, String item) throws SQLException {
        boolean box = item.startsWith("box:");
        try (PreparedStatement ps = tx.prepareStatement(box ? "SELECT status FROM wh_box WHERE archive_no = ?"
                : "SELECT status FROM wh_file WHERE file_no = ?")) {
            ps.setString(1, item.substring(item.indexOf(':') + 1));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : box ? "shelved" : "in";
            }
        }
    }

    /** sqlite-jdbc gives small whole numbers as Integer: read a nullable one as Long. */
    static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static int exec(Connection tx, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- locate

    /**
     * Finds boxes and files by what a person types: a storage point code, 档号, EPC, file number, or a key
     * linking files to an account (borrower's ID number, loan contract number).
     */
    public List<Hit> locate(String query) throws StoreException {
        String q = query == null ? "" : query.trim();
        if (q.isEmpty()) {
            throw new Bilingual.BadInput("q is empty: type a 档号, EPC, file number, borrower ID or contract number",
                    "请输入档号、EPC、件号、身份证号或合同号");
        }
        if (q.length() > 124) {
            throw new Bilingual.BadInput("q is longer than 124 characters", "查询内容超过124个字符");
        }
        return read(c -> {
            Map<String, Hit> hits = new LinkedHashMap<>();
            try {
                StoragePoint p = StoragePoint.parse(q);
                boxes(c, "b.point = ?", p.code(), hits);
            } catch (IllegalArgumentException notAPoint) {
                // not a storage point code: try the rest
            }
            boxes(c, "b.archive_no = ?", q, hits);
            String epc = epcOrNull(q);
            if (epc != null) {
                boxes(c, "b.epc = ?", epc, hits);
                files(c, "f.epc = ?", epc, hits);
            }
            files(c, "f.file_no = ?", q, hits);
            files(c, "f.file_no IN (SELECT file_no FROM wh_key WHERE key = ?)", q, hits);
            return List.copyOf(hits.values());
        });
    }

    /** @return every file linked to one key (一户式), with its box's place */
    public List<Hit> account(String key) throws StoreException {
        if (key == null || key.isBlank()) {
            throw new Bilingual.BadInput("key is empty: give a borrower's ID number or a loan contract number", "请输入借款人身份证号或贷款合同号");
        }
        return read(c -> {
            Map<String, Hit> hits = new LinkedHashMap<>();
            files(c, "f.file_no IN (SELECT file_no FROM wh_key WHERE key = ?)", key.trim(), hits);
            return List.copyOf(hits.values());
        });
    }

    private static String epcOrNull(String q) {
        try {
            return new Epc(q).hex();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void boxes(Connection c, String where, String arg, Map<String, Hit> hits) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT b.archive_no, b.point, b.status, l.borrower, l.due_ts, s.place, s.ts"
                + " FROM wh_box b LEFT JOIN wh_loan l ON l.item = 'box:' || b.archive_no AND l.back_ts IS NULL"
                + " LEFT JOIN wh_seen s ON s.epc = b.epc WHERE " + where)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && hits.size() < MAX_HITS) {
                    hits.putIfAbsent("box:" + rs.getString(1), hit("box", rs.getString(1), null, "", rs.getString(2),
                            rs.getString(3), rs.getString(4), longOrNull(rs, 5), rs.getString(6), longOrNull(rs, 7)));
                }
            }
        }
    }

    private void files(Connection c, String where, String arg, Map<String, Hit> hits) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT f.file_no, f.archive_no, f.title, b.point, f.status, b.status,"
                + " l.borrower, l.due_ts, lb.borrower, lb.due_ts, s.place, s.ts FROM wh_file f LEFT JOIN wh_box b ON b.archive_no = f.archive_no"
                + " LEFT JOIN wh_seen s ON s.epc = b.epc"
                + " LEFT JOIN wh_loan l ON l.item = 'file:' || f.file_no AND l.back_ts IS NULL"
                + " LEFT JOIN wh_loan lb ON lb.item = 'box:' || f.archive_no AND lb.back_ts IS NULL WHERE " + where
                + " ORDER BY f.file_no")) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && hits.size() < MAX_HITS) {
                    boolean fileOut = "out".equals(rs.getString(5));
                    boolean boxOut = "out".equals(rs.getString(6));
                    String status = fileOut ? "out" : boxOut ? "out-with-box" : "in";
                    hits.putIfAbsent("file:" + rs.getString(1), hit("file", rs.getString(2), rs.getString(1), rs.getString(3),
                            rs.getString(4), status, fileOut ? rs.getString(7) : rs.getString(9),
                            longOrNull(rs, fileOut ? 8 : 10), rs.getString(11), longOrNull(rs, 12)));
                }
            }
        }
    }

    private Hit hit(String kind, String archiveNo, String fileNo, String title, String point, String status,
                    String borrower, Long due, String seenAt, Long seenMs) {
        String code = point == null ? "" : point;
        String label = "";
        String aisle = "";
        if (point != null) {
            StoragePoint p = StoragePoint.parse(point);
            label = p.label();
            aisle = layout.access(p).map(ShelvingLayout.Access::id).orElse("");
        }
        return new Hit(kind, archiveNo, fileNo, title, code, label, aisle, status, borrower, due,
                seenAt == null ? "" : seenAt, seenMs);
    }

    // ---------------------------------------------------------------- loans and whereabouts

    /**
     * Checks a box or a file out to a borrower.
     *
     * @param item  {@code box:<档号>} or {@code file:<件号>}
     * @param dueMs when it is due back; 0 for the configured loan time
     * @throws IllegalArgumentException when the item does not exist (naming it)
     * @throws IllegalStateException    when it is already out (saying to whom)
     */
    public Loan checkOut(String item, String borrower, long dueMs, String actor) throws StoreException {
        if (borrower == null || borrower.isBlank() || borrower.length() > 100) {
            throw new Bilingual.BadInput("borrower is empty or longer than 100 characters: say who takes it", "请填写借阅人（不超过100个字）");
        }
        long now = clock.millis();
        long due = dueMs == 0 ? now + loanTime.toMillis() : dueMs;
        if (due <= now) {
            throw new Bilingual.BadInput("due date is not in the future", "归还期限必须晚于现在");
        }
        return write(tx -> {
            String place = placeOf(tx, item);
            Optional<Loan> open = openLoan(tx, item);
            if (open.isPresent()) {
                throw new Bilingual.Refused(item + " is already checked out to " + open.get().borrower()
                        + " since " + java.time.Instant.ofEpochMilli(open.get().outMs()),
                        itemZh(item) + " 已借给 " + open.get().borrower() + "（" + java.time.Instant.ofEpochMilli(open.get().outMs()) + " 起）");
            }
            if (item.startsWith("file:") && "out".equals(boxStatusOfFile(tx, item))) {
                throw new Bilingual.Refused(item + " is in a box that is checked out; return the box first",
                        itemZh(item) + " 所在的档案盒已借出，请先归还档案盒");
            }
            long id;
            try (PreparedStatement ps = tx.prepareStatement("INSERT INTO wh_loan(item, borrower, out_by, out_ts, due_ts)"
                    + " VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                ps.setString(1, item);
                ps.setString(2, borrower.trim());
                ps.setString(3, actor);
                ps.setLong(4, now);
                ps.setLong(5, due);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            setStatus(tx, item, "out");
            trail(tx, item, "check-out", place, actor, "to " + borrower.trim());
            audit.append(tx, actor, "item.checkout", item, Map.of("borrower", borrower.trim(), "dueMs", due));
            outbox.event(tx, "whereabouts", Map.of("item", item, "what", "check-out", "borrower", borrower.trim(),
                    "dueMs", due, "from", place, "by", actor));
            return new Loan(id, item, borrower.trim(), actor, now, due, null, null);
        });
    }

    /** Takes a box or file back; it goes back to its storage point. */
    public Loan giveBack(String item, String actor) throws StoreException {
        return write(tx -> {
            String place = placeOf(tx, item);
            Loan open = openLoan(tx, item).orElseThrow(() -> new Bilingual.Refused(item + " is not checked out", itemZh(item) + " 没有借出"));
            long now = clock.millis();
            exec(tx, "UPDATE wh_loan SET back_ts = ?, back_by = ? WHERE id = ?", now, actor, open.id());
            setStatus(tx, item, item.startsWith("box:") ? "shelved" : "in");
            trail(tx, item, "return", place, actor, "from " + open.borrower());
            audit.append(tx, actor, "item.return", item, Map.of("borrower", open.borrower(), "late", now > open.dueMs()));
            outbox.event(tx, "whereabouts", Map.of("item", item, "what", "return", "borrower", open.borrower(), "to", place,
                    "by", actor, "late", now > open.dueMs()));
            return new Loan(open.id(), item, open.borrower(), open.outBy(), open.outMs(), open.dueMs(), now, actor);
        });
    }

    /** @return the loans not yet returned, oldest first */
    public List<Loan> openLoans() throws StoreException {
        return store.read(c -> {
            List<Loan> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, item, borrower, out_by, out_ts, due_ts FROM wh_loan"
                    + " WHERE back_ts IS NULL ORDER BY id LIMIT 1000"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Loan(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getLong(6), null, null));
                }
            }
            return out;
        });
    }

    /** @return an item's whereabouts, oldest first (for a file, its box's steps are included) */
    public List<Trail> whereabouts(String item) throws StoreException {
        return read(c -> {
            placeOf(c, item);
            List<String> items = new ArrayList<>(List.of(item));
            if (item.startsWith("file:")) {
                try (PreparedStatement ps = c.prepareStatement("SELECT archive_no FROM wh_file WHERE file_no = ?")) {
                    ps.setString(1, item.substring(5));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            items.add("box:" + rs.getString(1));
                        }
                    }
                }
            }
            List<Trail> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, item, ts, what, place, actor, note FROM wh_trail"
                    + " WHERE item IN (?, ?) ORDER BY id LIMIT 5000")) {
                ps.setString(1, items.get(0));
                ps.setString(2, items.get(items.size() - 1));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Trail(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7)));
                    }
                }
            }
            return out;
        });
    }

    /** Adds a step to an item's whereabouts in the caller's transaction. */
    void trail(Connection tx, String item, String what, String place, String actor, String note) throws SQLException {
        exec(tx, "INSERT INTO wh_trail(item, ts, what, place, actor, note) VALUES (?, ?, ?, ?, ?, ?)",
                item, clock.millis(), what, place == null ? "" : place, actor, note);
    }

    /**
     * @return the storage point of a box, or of a file's box ("" when unplaced)
     * @throws IllegalArgumentException when the item is not of the form box:… / file:… or does not exist
     */
    static String placeOf(Connection c, String item) throws SQLException {
        String sql;
        if (item != null && item.startsWith("box:")) {
            sql = "SELECT coalesce(point, '') FROM wh_box WHERE archive_no = ?";
        } else if (item != null && item.startsWith("file:")) {
            sql = "SELECT coalesce(b.point, '') FROM wh_file f LEFT JOIN wh_box b ON b.archive_no = f.archive_no WHERE f.file_no = ?";
        } else {
            throw new Bilingual.BadInput("item '" + item + "' is not box:<archive number> or file:<file number>",
                    "'" + item + "' 不是 box:档号 或 file:件号");
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, item.substring(item.indexOf(':') + 1));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NoSuchItem(item);
                }
                return rs.getString(1);
            }
        }
    }

    /** An item the warehouse does not hold. */
    public static final class NoSuchItem extends Bilingual.NotFound {
        private static final long serialVersionUID = 1L;

        NoSuchItem(String item) {
            super((item.startsWith("box:") ? "box " : "file ") + item.substring(item.indexOf(':') + 1) + " is not in the warehouse",
                    "库房中没有" + itemZh(item));
        }
    }

    /** @return {@code box:…} / {@code file:…} as a person says it: 档案盒 … / 文件 … */
    static String itemZh(String item) {
        return item.startsWith("box:") ? "档案盒 " + item.substring(4) : item.startsWith("file:") ? "文件 " + item.substring(5) : item;
    }

    private static Optional<Loan> openLoan(Connection c, String item) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, borrower, out_by, out_ts, due_ts FROM wh_loan"
                + " WHERE item = ? AND back_ts IS NULL")) {
            ps.setString(1, item);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Loan(rs.getLong(1), item, rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), null, null)) : Optional.empty();
            }
        }
    }

    private static String boxStatusOfFile(Connection c, String item) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT b.status FROM wh_file f JOIN wh_box b ON b.archive_no = f.archive_no"
                + " WHERE f.file_no = ?")) {
            ps.setString(1, item.substring(5));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    /** Sets the status and records it in the index. */
    private void setStatus(Connection tx, String item, String status) throws SQLException {
        String id = item.substring(item.indexOf(':') + 1);
        if (item.startsWith("box:")) {
            exec(tx, "UPDATE wh_box SET status = ? WHERE archive_no = ?", status, id);
            try (PreparedStatement ps = tx.prepareStatement("SELECT epc, point FROM wh_box WHERE archive_no = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    index.change(tx, List.of(IndexChange.put(item, boxEntry(rs.getString(1), rs.getString(2), status))));
                }
            }
        } else {
            exec(tx, "UPDATE wh_file SET status = ? WHERE file_no = ?", status, id);
            Map<String, Object> v = new LinkedHashMap<>();
            try (PreparedStatement ps = tx.prepareStatement("SELECT archive_no, coalesce(epc, ''), title FROM wh_file WHERE file_no = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    v.put("box", rs.getString(1));
                    v.put("epc", rs.getString(2));
                    v.put("title", rs.getString(3));
                }
            }
            List<String> keys = new ArrayList<>();
            try (PreparedStatement ps = tx.prepareStatement("SELECT key FROM wh_key WHERE file_no = ? ORDER BY kind DESC")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                }
            }
            v.put("keys", keys);
            v.put("status", status);
            index.change(tx, List.of(IndexChange.put(item, v)));
        }
    }

    /** The boxes with a tag whose points lie in {@code columns}, by EPC, for an inventory. */
    Map<Epc, org.storeroom.rfid.core.Reconciliation.Box> boxesIn(Connection c, java.util.Collection<Integer> columns) throws SQLException {
        Map<Epc, org.storeroom.rfid.core.Reconciliation.Box> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT epc, archive_no, point, status FROM wh_box"
                + " WHERE epc IS NOT NULL AND point IS NOT NULL"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                StoragePoint p = StoragePoint.parse(rs.getString(3));
                if (columns.contains(p.column())) {
                    Epc e = new Epc(rs.getString(1));
                    out.put(e, new org.storeroom.rfid.core.Reconciliation.Box(e, rs.getString(2), p, "out".equals(rs.getString(4))));
                }
            }
        }
        return out;
    }

    /** @return the box a tag is on, or the box of the file it is on */
    Optional<org.storeroom.rfid.core.Reconciliation.Box> boxOf(Connection c, Epc epc) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT epc, archive_no, point, status FROM wh_box WHERE epc = ?")) {
            ps.setString(1, epc.hex());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(3) != null) {
                    return Optional.of(new org.storeroom.rfid.core.Reconciliation.Box(epc, rs.getString(2),
                            StoragePoint.parse(rs.getString(3)), "out".equals(rs.getString(4))));
                }
            }
        }
        return Optional.empty();
    }
}
