package org.storeroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker (the Debian package) run from a configuration of its own on a free loopback
 * port, for tests and benchmarks. It can be stopped cleanly (it then saves its persistent sessions, if
 * configured), killed, and started again on the same port.
 */
public final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final List<String> extraConfig;
    private Process process;

    private Mosquitto(Path dir, int port, List<String> extraConfig) {
        this.dir = dir;
        this.port = port;
        this.extraConfig = List.copyOf(extraConfig);
    }

    /**
     * Starts a broker without persistence, anonymous access allowed, and no limit on the messages queued
     * for a slow subscriber (Mosquitto drops past 1000 by default, as a central broker must not).
     */
    public static Mosquitto start(Path dir) {
        return start(dir, List.of("persistence false", "max_queued_messages 0"));
    }

    /**
     * Starts a broker; {@code extraConfig} lines are added to its configuration (persistence, TLS, limits).
     * When they define a TLS listener, it takes the port given as {@code listener PORT} by {@link #port()}:
     * write {@code %PORT%} where the port goes.
     */
    public static Mosquitto start(Path dir, List<String> extraConfig) {
        Mosquitto m = new Mosquitto(dir, freePort(), extraConfig);
        m.start();
        return m;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts the broker again on the same port, with the same configuration. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("mosquitto is already running on port " + port);
        }
        try {
            Files.createDirectories(dir);
            StringBuilder conf = new StringBuilder();
            boolean tls = extraConfig.stream().anyMatch(l -> l.startsWith("listener"));
            if (!tls) {
                conf.append("listener ").append(port).append(" 127.0.0.1\n");
            }
            if ("root".equals(System.getProperty("user.name"))) {
                // Run as root (CI containers), Mosquitto drops to user 'mosquitto', who cannot read the
                // test's private directory (key files, persistence): stay the test's own user.
                conf.append("user root\n");
            }
            conf.append("allow_anonymous true\nlog_dest file ").append(dir.resolve("mosquitto.log")).append('\n')
                    .append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n")
                    .append("persistence_location ").append(dir).append("/\n");
            for (String line : extraConfig) {
                conf.append(line.replace("%PORT%", Integer.toString(port))).append('\n');
            }
            Path file = dir.resolve("mosquitto.conf");
            Files.writeString(file, conf);
            process = new ProcessBuilder(binary(), "-c", file.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto on port " + port, e);
        }
        Process p = process;
        Await.until("mosquitto listening on 127.0.0.1:" + port + " (see " + dir.resolve("mosquitto.log") + ")", 10_000,
                () -> !p.isAlive() || listening());
        if (!p.isAlive()) {
            throw new IllegalStateException("mosquitto exited with " + p.exitValue() + "; see " + dir.resolve("mosquitto.out"));
        }
    }

    /** @return the CPU time the running broker has used so far (zero when it is not running or the OS does not say) */
    public synchronized java.time.Duration cpuTime() {
        return process == null ? java.time.Duration.ZERO
                : process.toHandle().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

    /** Stops the broker cleanly (SIGTERM) and waits for it to exit. */
    public synchronized void stop() {
        end(false);
    }

    /** Kills the broker (SIGKILL): what it held in memory is gone. */
    public synchronized void kill() {
        end(true);
    }

    private void end(boolean force) {
        if (process == null) {
            return;
        }
        if (force) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        kill();
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String binary() {
        for (String candidate : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "mosquitto";
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
