package org.storeroom.gateway.internal.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.storeroom.gateway.api.AuditEntry;
import org.storeroom.gateway.api.AuditLog;
import org.storeroom.gateway.api.AuditReport;
import org.storeroom.gateway.api.Outbox;
import org.storeroom.gateway.api.Store;
import org.storeroom.gateway.api.StoreException;

/** The audit log in the gateway's database, each entry also sent to the central service as an audit event. */
@Component(service = AuditLog.class, immediate = true)
public final class AuditTrail implements AuditLog {
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");
    private static final int MAX_FIELD = 200;

    private final Store store;
    private final Outbox outbox;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    @Activate
    public AuditTrail(@Reference Store store, @Reference Outbox outbox) throws StoreException {
        this(store, outbox, Clock.systemUTC());
    }

    /** An audit log outside OSGi (tools, tests), with its own clock. */
    public AuditTrail(Store store, Outbox outbox, Clock clock) throws StoreException {
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
        store.migrate("audit", AuditChain.SCHEMA);
    }

    @Override
    public AuditEntry append(Connection tx, String actor, String action, String target, Map<String, ?> detail) throws SQLException {
        check("actor", actor);
        check("target", target);
        if (action == null || !ACTION.matcher(action).matches() || action.length() > MAX_FIELD) {
            throw new IllegalArgumentException("audit action '" + action + "' is not a dotted lower-case name like aisle.open");
        }
        String detailJson;
        try {
            // Sorted keys: the stored text, and so the hash, does not depend on the map's order.
            detailJson = json.writeValueAsString(new TreeMap<>(detail == null ? Map.of() : detail));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail of " + action + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        long seq;
        String prev;
        try (Statement st = tx.createStatement(); ResultSet rs = st.executeQuery("SELECT seq, hash FROM audit_head WHERE id = 1")) {
            rs.next();
            seq = rs.getLong(1) + 1;
            prev = rs.getString(2);
        }
        String ts = clock.instant().toString();
        String hash = AuditChain.hash(seq, ts, actor, action, target, detailJson, prev);
        try (PreparedStatement ps = tx.prepareStatement(
                "INSERT INTO audit_log(seq, ts, actor, action, target, detail, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setString(2, ts);
            ps.setString(3, actor);
            ps.setString(4, action);
            ps.setString(5, target);
            ps.setString(6, detailJson);
            ps.setString(7, prev);
            ps.setString(8, hash);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = tx.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
            ps.setLong(1, seq);
            ps.setString(2, hash);
            ps.executeUpdate();
        }
        AuditEntry e = new AuditEntry(seq, ts, actor, action, target, detailJson, prev, hash);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("auditSeq", seq);
        event.put("actor", actor);
        event.put("action", action);
        event.put("target", target);
        event.put("detail", detail == null ? Map.of() : new TreeMap<>(detail));
        event.put("prev", prev);
        event.put("hash", hash);
        outbox.event(tx, "audit", event);
        return e;
    }

    private static void check(String name, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_FIELD) {
            throw new IllegalArgumentException("audit " + name + " '" + value + "' is empty or longer than " + MAX_FIELD + " characters");
        }
    }

    @Override
    public List<AuditEntry> recent(int limit) throws StoreException {
        return store.read(c -> {
            List<AuditEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, ts, actor, action, target, detail, prev, hash FROM audit_log ORDER BY seq DESC LIMIT ?")) {
                ps.setInt(1, Math.max(0, Math.min(limit, 10_000)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public AuditReport verify() throws StoreException {
        return store.read(AuditChain::verify);
    }
}
