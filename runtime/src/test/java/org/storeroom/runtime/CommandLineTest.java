package org.storeroom.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input stops the runtime with one clear line, a non-zero exit code, and nothing written. */
class CommandLineTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
        String onlyErrorLine() {
            assertThat(err.lines().toList()).as("exactly one line on stderr: " + err).hasSize(1);
            return err.strip();
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpDocumentsEveryOption() {
        Result r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--demo", "--data=DIR", "--config=DIR", "--http=HOST:PORT", "--mqtt=URL",
                "--help", "--version", "--fire-scenario=NAME@SECONDS", "STOREROOM_ADMIN_PASSWORD", "READY", "Exit codes", "verify-audit");
    }

    @Test
    void verifyAuditNamesAMissingDatabase() {
        Result r = run("verify-audit", "--data", dir.resolve("nowhere").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.onlyErrorLine()).isEqualTo("storeroom: no gateway database at " + dir.resolve("nowhere/storeroom.db")
                + " (is --data the gateway's data directory?)");
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void shouldRefuseAnUnknownOption() {
        Result r = run("--demo", "--colour=blue");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.onlyErrorLine()).isEqualTo("storeroom: Unknown option: '--colour=blue' (see --help)");
    }

    @Test
    void shouldRefuseADataDirectoryWhoseParentIsMissingAndCreateNothing() {
        Path data = dir.resolve("no/such/place");
        Result r = run("--data", data.toString(), "--http", "127.0.0.1:0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.onlyErrorLine()).startsWith("storeroom: --data " + data + " does not exist and neither does its parent");
        assertThat(dir.resolve("no")).doesNotExist();
    }

    @Test
    void fireScenariosNeedTheDemoAndAreCheckedBeforeAnythingStarts() {
        Path data = dir.resolve("data");
        Result alone = run("--fire-scenario", "single-detector@5", "--data", data.toString(), "--http", "127.0.0.1:0");
        assertThat(alone.code()).isEqualTo(2);
        assertThat(alone.onlyErrorLine()).isEqualTo("storeroom: --fire-scenario plays on the simulated room: add --demo");
        Result unknown = run("--demo", "--fire-scenario", "bonfire@5", "--data", data.toString(), "--http", "127.0.0.1:0");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.onlyErrorLine()).isEqualTo("storeroom: --fire-scenario: fire scenario 'bonfire' is not one of"
                + " dust-pre-alarm, single-detector, confirmed-fire, gas-release, all-clear");
        Result when = run("--demo", "--fire-scenario", "gas-release@soon", "--data", data.toString(), "--http", "127.0.0.1:0");
        assertThat(when.onlyErrorLine()).isEqualTo("storeroom: --fire-scenario: fire scenario 'gas-release@soon': 'soon' is not"
                + " a number of seconds in 0..86400");
        assertThat(data).as("nothing created").doesNotExist();
    }

    @Test
    void doorScenariosNeedTheDemoAndAreCheckedBeforeAnythingStarts() {
        Path data = dir.resolve("data");
        Result alone = run("--door-scenario", "carry-out:42@5", "--data", data.toString(), "--http", "127.0.0.1:0");
        assertThat(alone.code()).isEqualTo(2);
        assertThat(alone.onlyErrorLine()).isEqualTo("storeroom: --door-scenario plays on the simulated room: add --demo");
        Result bad = run("--demo", "--door-scenario", "carry-out:42", "--data", data.toString(), "--http", "127.0.0.1:0");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.onlyErrorLine()).isEqualTo("storeroom: --door-scenario: 'carry-out:42' is not carry-out:BOX@SECONDS or"
                + " carry-in:BOX@SECONDS, e.g. carry-out:42@30");
        assertThat(data).as("nothing created").doesNotExist();
        Result cart = run("--cart", "--data", data.toString(), "--http", "127.0.0.1:0");
        assertThat(cart.code()).isEqualTo(2);
        assertThat(cart.onlyErrorLine()).isEqualTo("storeroom: --cart is pushed in the simulated room: add --demo");
        assertThat(data).as("nothing created").doesNotExist();
    }

    @Test
    void shouldRefuseADataDirectoryThatIsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "not a directory");
        Result r = run("--data", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.onlyErrorLine()).isEqualTo("storeroom: --data " + file + " is a file, not a directory");
    }

    @Test
    void shouldRefuseADataDirectoryThatCannotBeCreated() {
        // Even root cannot create directories in /proc.
        Result r = run("--data", "/proc/storeroom-data", "--http", "127.0.0.1:0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.onlyErrorLine()).isEqualTo("storeroom: --data /proc/storeroom-data does not exist and cannot be created in /proc");
    }

    @Test
    void shouldRefuseAPortInUseAndCreateNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path data = dir.resolve("data");
            Result r = run("--data", data.toString(), "--http", "127.0.0.1:" + taken.getLocalPort());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.onlyErrorLine()).startsWith("storeroom: --http 127.0.0.1:" + taken.getLocalPort()
                    + ": port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
            assertThat(data).doesNotExist();
        }
    }

    @Test
    void shouldRefuseACorruptConfigurationFileNamingFileAndPlaceAndWriteNothing() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path config = Files.createDirectories(data.resolve("config"));
        Path file = Files.writeString(config.resolve("org.storeroom.shelf.bus.json"), "{\n  \"pollIntervalMs\": 1000,,\n}");
        Result r = run("--data", data.toString(), "--http", "127.0.0.1:0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.onlyErrorLine()).startsWith("storeroom: configuration file " + file + " is not valid JSON at line 2, column");
        try (var s = Files.list(data)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("config");
        }
    }

    @Test
    void shouldRefuseAConfigurationPropertyThatIsNotAValue() throws Exception {
        Path config = Files.createDirectories(dir.resolve("conf"));
        Path file = Files.writeString(config.resolve("org.storeroom.gateway.store.json"), "{\"database\": {\"path\": \"x\"}}");
        Result r = run("--data", dir.resolve("data").toString(), "--config", config.toString(), "--http", "127.0.0.1:0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.onlyErrorLine()).isEqualTo("storeroom: configuration file " + file
                + ": property 'database' is object; use a string, number, boolean or an array of one of those");
    }

    @Test
    void shouldRefuseAConfigurationFileThatIsNotAnObject() throws Exception {
        Path config = Files.createDirectories(dir.resolve("conf"));
        Path file = Files.writeString(config.resolve("org.storeroom.gateway.store.json"), "[1, 2]");
        Result r = run("--config", config.toString(), "--data", dir.resolve("data").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.onlyErrorLine()).startsWith("storeroom: configuration file " + file + " must hold one JSON object");
    }

    @Test
    void shouldRefuseAMissingConfigDirectory() {
        Result r = run("--config", dir.resolve("nope").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.onlyErrorLine()).isEqualTo("storeroom: --config " + dir.resolve("nope") + " is not a directory");
    }

    @Test
    void shouldRefuseABadHttpAddress() {
        assertThat(run("--http", "8080").onlyErrorLine()).isEqualTo("storeroom: --http 8080 is not HOST:PORT, e.g. 127.0.0.1:8080");
        assertThat(run("--http", "127.0.0.1:http").onlyErrorLine()).isEqualTo("storeroom: --http 127.0.0.1:http: port 'http' is not a number");
        assertThat(run("--http", "127.0.0.1:70000").code()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAnMqttUrlThatIsNotABroker() {
        Result r = run("--mqtt", "http://broker:1883");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.onlyErrorLine()).isEqualTo("storeroom: --mqtt http://broker:1883: scheme must be tcp or ssl, e.g. tcp://127.0.0.1:1883");
    }
}
