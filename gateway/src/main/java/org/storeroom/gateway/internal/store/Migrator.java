package org.storeroom.gateway.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.storeroom.gateway.api.Migration;
import org.storeroom.gateway.api.StoreException;

/** Applies numbered schema steps per owner, recording each in {@code schema_migrations}. */
final class Migrator {
    static final String TABLE = "CREATE TABLE IF NOT EXISTS schema_migrations ("
            + "owner TEXT NOT NULL, version INTEGER NOT NULL, description TEXT NOT NULL, applied_at TEXT NOT NULL, "
            + "PRIMARY KEY (owner, version)) WITHOUT ROWID";

    private Migrator() {
    }

    static void checkSequence(String owner, List<Migration> migrations) {
        if (owner == null || !owner.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("schema owner '" + owner + "' is not a short lower-case name");
        }
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("schema of " + owner + ": step " + (i + 1) + " has version "
                        + migrations.get(i).version() + "; steps must be numbered 1..n without gaps");
            }
        }
    }

    static int currentVersion(Connection c, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE owner = ?")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /**
     * Applies the steps after the current version, each in its own transaction. Runs on the writer
     * connection with auto-commit off.
     */
    static int migrate(Connection c, String owner, List<Migration> migrations) throws SQLException, StoreException {
        checkSequence(owner, migrations);
        int current = currentVersion(c, owner);
        c.rollback();
        if (current > migrations.size()) {
            throw new StoreException("the database's schema of " + owner + " is at version " + current
                    + " but this software knows only up to " + migrations.size()
                    + "; it was written by a newer version of the gateway");
        }
        for (Migration m : migrations.subList(current, migrations.size())) {
            try (Statement st = c.createStatement()) {
                for (String sql : m.statements()) {
                    st.execute(sql);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_migrations(owner, version, description, applied_at) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, owner);
                    ps.setInt(2, m.version());
                    ps.setString(3, m.description());
                    ps.setString(4, Instant.now().toString());
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw new StoreException("schema step " + m.version() + " of " + owner + " (" + m.description()
                        + ") failed: " + e.getMessage(), e);
            }
        }
        return migrations.size();
    }
}
