package org.storeroom.runtime;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code storeroom.jar verify-audit --data DIR}: checks the audit log's hash chain offline, with the
 * gateway's own code (its bundle and the SQLite driver, loaded from the jar in a class loader of their
 * own), on a read-only connection, so the gateway may be running.
 */
@Command(name = "verify-audit", mixinStandardHelpOptions = true,
        description = {"Checks the audit log in DIR/storeroom.db: every entry where it was written, unchanged, none "
                + "missing. Read-only: the gateway may be running.", "Exit codes: 0 intact, 3 tampered with, 2 no database."})
final class VerifyAudit implements Callable<Integer> {
    static final int TAMPERED = 3;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data",
            description = "The gateway's data directory (default: ${DEFAULT-VALUE}).")
    Path data;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path db = data.toAbsolutePath().normalize().resolve("storeroom.db");
        if (!Files.isRegularFile(db)) {
            throw StartupException.badInput("no gateway database at " + db + " (is --data the gateway's data directory?)");
        }
        Path tmp = Files.createTempDirectory("storeroom-verify");
        try {
            List<URL> jars = new ArrayList<>();
            for (EmbeddedBundles.Jar j : EmbeddedBundles.list()) {
                if (j.name().startsWith("gateway-") || j.name().startsWith("sqlite-jdbc-")) {
                    Path f = tmp.resolve(j.name());
                    Files.write(f, j.content());
                    jars.add(f.toUri().toURL());
                }
            }
            try (URLClassLoader cl = new URLClassLoader(jars.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
                Driver driver = (Driver) cl.loadClass("org.sqlite.JDBC").getDeclaredConstructor().newInstance();
                Properties p = new Properties();
                p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
                try (Connection c = driver.connect("jdbc:sqlite:" + db, p)) {
                    Object r = cl.loadClass("org.storeroom.gateway.internal.audit.AuditChain")
                            .getMethod("verify", Connection.class).invoke(null, c);
                    boolean intact = (Boolean) get(r, "intact");
                    long entries = (Long) get(r, "entries");
                    if (intact) {
                        out.println("audit log intact: " + entries + " entries, last hash " + get(r, "lastHash"));
                        return 0;
                    }
                    out.println("audit log NOT intact: " + get(r, "problem") + " (" + entries + " entries check out before it)");
                    return TAMPERED;
                }
            }
        } catch (InvocationTargetException e) {
            throw StartupException.failed("the audit log cannot be read from " + db + ": " + e.getCause(), e.getCause());
        } finally {
            try (var s = Files.list(tmp)) {
                for (Path f : s.toList()) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException ignored) {
                // a temporary directory; the system cleans it eventually
            }
            Files.deleteIfExists(tmp);
        }
    }

    private static Object get(Object record, String accessor) throws ReflectiveOperationException {
        return record.getClass().getMethod(accessor).invoke(record);
    }
}
