package org.storeroom.gateway.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.gateway.api.Migration;
import org.storeroom.gateway.api.StoreException;
import org.storeroom.gateway.api.SubsystemHealth;

class SqliteStoreTest {
    @TempDir
    Path dir;
    private final List<SqliteStore> open = new ArrayList<>();

    private SqliteStore store() throws StoreException {
        SqliteStore s = new SqliteStore(new StoreSettings(dir.resolve("sub/storeroom.db"), "NORMAL", 2, 2000));
        open.add(s);
        return s;
    }

    @AfterEach
    void close() {
        open.forEach(SqliteStore::close);
    }

    private static final List<Migration> BOXES = List.of(
            new Migration(1, "boxes", List.of("CREATE TABLE box (id INTEGER PRIMARY KEY, archive_no TEXT NOT NULL UNIQUE)")),
            new Migration(2, "box epc", List.of("ALTER TABLE box ADD COLUMN epc TEXT")));

    private static int count(SqliteStore s, String table) throws StoreException {
        return s.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void shouldCreateTheDatabaseInWalModeWithTheGatewaySchema() throws Exception {
        SqliteStore s = store();
        String mode = s.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(mode).isEqualTo("wal");
        assertThat(s.instance()).hasSize(32);
        assertThat(count(s, "gateway_meta")).isEqualTo(2);
    }

    @Test
    void shouldApplyMigrationsOnceAndKeepTheInstanceAcrossRestarts() throws Exception {
        SqliteStore s = store();
        String instance = s.instance();
        assertThat(s.migrate("rfid", BOXES)).isEqualTo(2);
        assertThat(s.migrate("rfid", BOXES)).isEqualTo(2);
        s.write(c -> c.createStatement().executeUpdate("INSERT INTO box(archive_no, epc) VALUES ('A-2019-1', 'E200')"));
        s.close();
        open.clear();

        SqliteStore again = store();
        assertThat(again.instance()).isEqualTo(instance);
        assertThat(again.migrate("rfid", BOXES)).isEqualTo(2);
        assertThat(count(again, "box")).isEqualTo(1);
        assertThat(count(again, "schema_migrations")).isEqualTo(3);
    }

    @Test
    void shouldRefuseADatabaseWrittenByANewerSchema() throws Exception {
        SqliteStore s = store();
        s.migrate("rfid", BOXES);
        assertThatThrownBy(() -> s.migrate("rfid", BOXES.subList(0, 1)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema of rfid is at version 2")
                .hasMessageContaining("only up to 1");
    }

    @Test
    void shouldRefuseMigrationsWithGaps() throws Exception {
        SqliteStore s = store();
        List<Migration> gap = List.of(BOXES.get(0), new Migration(3, "three", List.of("SELECT 1")));
        assertThatThrownBy(() -> s.migrate("rfid", gap))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step 2 has version 3");
    }

    @Test
    void shouldRollBackAFailedMigrationStepEntirely() throws Exception {
        SqliteStore s = store();
        List<Migration> bad = List.of(new Migration(1, "half", List.of(
                "CREATE TABLE half (id INTEGER)", "THIS IS NOT SQL")));
        assertThatThrownBy(() -> s.migrate("shelf", bad))
                .isInstanceOf(StoreException.class).hasMessageContaining("schema step 1 of shelf (half) failed");
        int tables = s.read(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'half'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(tables).isZero();
    }

    @Test
    void shouldRunAfterCommitActionsOnlyOnceTheirTransactionCommitted() throws Exception {
        SqliteStore s = store();
        s.migrate("rfid", BOXES);
        List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        s.write(c -> {
            c.createStatement().executeUpdate("INSERT INTO box(archive_no) VALUES ('A-1')");
            // Runs after commit: a reader then sees the row.
            s.afterCommit(c, () -> {
                try {
                    seen.add(count(s, "box"));
                } catch (StoreException e) {
                    throw new IllegalStateException(e);
                }
            });
            return null;
        });
        assertThat(seen).containsExactly(1);
        assertThatThrownBy(() -> s.write(c -> {
            s.afterCommit(c, () -> seen.add(-1));
            return c.createStatement().executeUpdate("INSERT INTO box(archive_no) VALUES ('A-1')");
        })).isInstanceOf(StoreException.class);
        s.write(c -> null);
        assertThat(seen).as("a rolled-back transaction's action never runs, nor in the next one").containsExactly(1);
        assertThatThrownBy(() -> s.afterCommit(null, () -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside write work");
    }

    @Test
    void shouldCommitAllOrNothingOfAWrite() throws Exception {
        SqliteStore s = store();
        s.migrate("rfid", BOXES);
        assertThatThrownBy(() -> s.write(c -> {
            c.createStatement().executeUpdate("INSERT INTO box(archive_no) VALUES ('A-1')");
            return c.createStatement().executeUpdate("INSERT INTO box(archive_no) VALUES ('A-1')");
        })).isInstanceOf(StoreException.class).hasMessageContaining("UNIQUE");
        assertThat(count(s, "box")).isZero();
        assertThat(s.check().details()).containsEntry("failedWrites", 1L);
    }

    @Test
    void shouldSerialiseConcurrentWritersWithoutLosingAny() throws Exception {
        SqliteStore s = store();
        s.migrate("rfid", BOXES);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                futures.add(pool.submit(() -> s.write(c -> {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO box(archive_no) VALUES (?)")) {
                        ps.setString(1, "A-" + n);
                        return ps.executeUpdate();
                    }
                })));
            }
            for (Future<Integer> f : futures) {
                assertThat(f.get()).isEqualTo(1);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(count(s, "box")).isEqualTo(400);
    }

    @Test
    void shouldRefuseWritesOnReadConnections() throws Exception {
        SqliteStore s = store();
        s.migrate("rfid", BOXES);
        assertThatThrownBy(() -> s.read(c -> c.createStatement().executeUpdate("INSERT INTO box(archive_no) VALUES ('x')")))
                .isInstanceOf(StoreException.class).hasMessageContaining("readonly");
    }

    @Test
    void shouldReportHealthUpWhileOpenAndDownOnceClosed() throws Exception {
        SqliteStore s = store();
        SubsystemHealth up = s.check();
        assertThat(up.status()).isEqualTo(SubsystemHealth.Status.UP);
        assertThat(up.details()).containsKey("schema").containsEntry("synchronous", "NORMAL");
        s.close();
        open.clear();
        assertThat(s.check().status()).isEqualTo(SubsystemHealth.Status.DOWN);
    }

    @Test
    void shouldNameABadSetting() {
        assertThatThrownBy(() -> new StoreSettings(dir.resolve("x.db"), "SOMETIMES", 2, 2000))
                .hasMessage("synchronous 'SOMETIMES' is not FULL or NORMAL");
        assertThatThrownBy(() -> new StoreSettings(dir.resolve("x.db"), "FULL", 0, 2000))
                .hasMessage("readConnections 0 is outside 1..16");
    }

    @Test
    void shouldFailClearlyWhenTheDatabaseFileIsNotADatabase() throws Exception {
        Path db = dir.resolve("sub/storeroom.db");
        java.nio.file.Files.createDirectories(db.getParent());
        java.nio.file.Files.writeString(db, "this is not an SQLite file, it is a shopping list ".repeat(100));
        assertThatThrownBy(this::store)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(db.toString())
                .hasMessageContaining("not a database");
    }
}
