package org.storeroom.gateway.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.storeroom.gateway.api.HealthCheck;
import org.storeroom.gateway.api.Migration;
import org.storeroom.gateway.api.SqlWork;
import org.storeroom.gateway.api.Store;
import org.storeroom.gateway.api.StoreException;
import org.storeroom.gateway.api.SubsystemHealth;

/**
 * SQLite in WAL mode: one writer connection owned by one thread, a few read-only connections.
 *
 * <p>Why one writer: SQLite serialises writers anyway, and a single owning thread turns lock contention
 * (busy timeouts, SQLITE_BUSY under load) into an orderly queue.
 */
@Component(name = SqliteStore.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {Store.class, HealthCheck.class, ConfigurableComponent.class}, immediate = true)
@Designate(ocd = StoreConfig.class)
public final class SqliteStore implements Store, HealthCheck, ConfigurableComponent {
    static final String PID = "org.storeroom.gateway.store";
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

    static final List<Migration> GATEWAY_SCHEMA = List.of(
            new Migration(1, "gateway identity", List.of(
                    "CREATE TABLE gateway_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
                    "INSERT INTO gateway_meta(key, value) VALUES ('instance', lower(hex(randomblob(16))))",
                    "INSERT INTO gateway_meta(key, value) VALUES ('created', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))")));

    private final StoreSettings settings;
    private final ExecutorService writer;
    private final Connection writeConnection;
    private final BlockingQueue<Connection> readers;
    private final List<Connection> allReaders = new ArrayList<>();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private volatile Thread writerThread;
    /** Actions for the write transaction under way; touched only on the writer thread. */
    private final List<Runnable> afterCommit = new ArrayList<>();
    private volatile String instance = "";

    @Activate
    public SqliteStore(StoreConfig config) throws StoreException {
        this(StoreSettings.from(config));
    }

    /** Opens a store outside OSGi, for tools, benchmarks and tests: {@code synchronous} is FULL or NORMAL. */
    public static SqliteStore open(Path database, String synchronous) throws StoreException {
        return new SqliteStore(new StoreSettings(database, synchronous, 2, 5000));
    }

    SqliteStore(StoreSettings settings) throws StoreException {
        this.settings = settings;
        Path db = settings.database();
        try {
            Files.createDirectories(db.getParent());
        } catch (IOException e) {
            throw new StoreException("cannot create the database directory " + db.getParent() + ": " + e, e);
        }
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "store-writer");
            t.setDaemon(true);
            writerThread = t;
            return t;
        });
        this.readers = new ArrayBlockingQueue<>(settings.readConnections());
        Connection w = null;
        try {
            w = open(false);
            writeConnection = w;
            try (Statement st = w.createStatement()) {
                st.execute(Migrator.TABLE);
            }
            w.commit();
            Migrator.migrate(w, "gateway", GATEWAY_SCHEMA);
            for (int i = 0; i < settings.readConnections(); i++) {
                Connection r = open(true);
                allReaders.add(r);
                readers.add(r);
            }
            instance = read(c -> {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT value FROM gateway_meta WHERE key = 'instance'")) {
                    return rs.next() ? rs.getString(1) : "";
                }
            });
        } catch (SQLException | StoreException | RuntimeException e) {
            closeQuietly(w);
            allReaders.forEach(SqliteStore::closeQuietly);
            writer.shutdownNow();
            throw e instanceof StoreException se ? se
                    : new StoreException("cannot open the database " + db + ": " + e.getMessage(), e);
        }
        LOG.info("store open: {} (WAL, synchronous={}, {} readers, instance {})", db, settings.synchronous(),
                settings.readConnections(), instance);
    }

    private Connection open(boolean readOnly) throws SQLException {
        SQLiteConfig c = new SQLiteConfig();
        c.setJournalMode(SQLiteConfig.JournalMode.WAL);
        c.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(settings.synchronous()));
        c.setBusyTimeout(settings.busyTimeoutMs());
        c.enforceForeignKeys(true);
        c.setReadOnly(readOnly);
        c.setTransactionMode(readOnly ? SQLiteConfig.TransactionMode.DEFERRED : SQLiteConfig.TransactionMode.IMMEDIATE);
        // Nothing here asks for generated keys; left on, sqlite-jdbc runs a "SELECT last_insert_rowid()" of a
        // freshly prepared statement after every INSERT, which doubled the cost of recording an outbox message.
        c.setGetGeneratedKeys(false);
        Connection conn = c.createConnection("jdbc:sqlite:" + settings.database());
        conn.setAutoCommit(false);
        return conn;
    }

    @Override
    public <T> T write(SqlWork<T> work) throws StoreException {
        if (Thread.currentThread() == writerThread) {
            throw new IllegalStateException("write() called from inside a write: do the work in the outer transaction");
        }
        Future<T> result;
        try {
            result = writer.submit(() -> inTransaction(writeConnection, work));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new StoreException("the store is closed");
        }
        return await(result);
    }

    @Override
    public void afterCommit(Connection tx, Runnable action) {
        if (Thread.currentThread() != writerThread || tx != writeConnection) {
            throw new IllegalStateException("afterCommit() belongs inside write work, with its connection");
        }
        afterCommit.add(java.util.Objects.requireNonNull(action, "action"));
    }

    @Override
    public <T> T read(SqlWork<T> work) throws StoreException {
        Connection c;
        try {
            c = readers.poll(settings.busyTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a read connection", e);
        }
        if (c == null) {
            throw new StoreException("no read connection free within " + settings.busyTimeoutMs() + " ms");
        }
        try {
            return inTransaction(c, work);
        } finally {
            readers.add(c);
        }
    }

    @Override
    public int migrate(String owner, List<Migration> migrations) throws StoreException {
        return await(writer.submit(() -> Migrator.migrate(writeConnection, owner, migrations)));
    }

    private <T> T inTransaction(Connection c, SqlWork<T> work) throws StoreException {
        try {
            T value = work.run(c);
            c.commit();
            if (c == writeConnection) {
                writes.incrementAndGet();
                runAfterCommit();
            }
            return value;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            if (c == writeConnection) {
                failedWrites.incrementAndGet();
                afterCommit.clear();
            }
            throw new StoreException("database work failed: " + e.getMessage(), e);
        }
    }

    private void runAfterCommit() {
        for (Runnable r : afterCommit) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("an after-commit action failed; the transaction itself is committed", e);
            }
        }
        afterCommit.clear();
    }

    private static <T> T await(Future<T> f) throws StoreException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the writer", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StoreException se) {
                throw se;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreException("database work failed: " + cause, cause);
        }
    }

    @Override
    public String subsystem() {
        return "store";
    }

    @Override
    public SubsystemHealth check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("database", settings.database().toString());
        details.put("synchronous", settings.synchronous());
        details.put("instance", instance);
        details.put("writes", writes.get());
        details.put("failedWrites", failedWrites.get());
        try {
            Map<String, Integer> versions = read(c -> {
                Map<String, Integer> v = new LinkedHashMap<>();
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT owner, MAX(version) FROM schema_migrations GROUP BY owner ORDER BY owner")) {
                    while (rs.next()) {
                        v.put(rs.getString(1), rs.getInt(2));
                    }
                }
                return v;
            });
            details.put("schema", versions);
            details.put("sizeBytes", Files.size(settings.database()));
        } catch (StoreException | IOException e) {
            return SubsystemHealth.down("database cannot be read: " + e.getMessage(), details);
        }
        if (writer.isShutdown()) {
            return SubsystemHealth.down("database is closed", details);
        }
        return SubsystemHealth.up("database open, " + writes.get() + " writes committed", details);
    }

    /** @return the random identity this database was created with. */
    String instance() {
        return instance;
    }

    @Deactivate
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("store writer did not finish within 10 s; closing anyway");
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(writeConnection);
        allReaders.forEach(SqliteStore::closeQuietly);
        LOG.info("store closed: {}", settings.database());
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.warn("closing a database connection failed: {}", e.getMessage());
        }
    }

}
