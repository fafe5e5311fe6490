package org.storeroom.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built storeroom.jar as a user runs it: --demo to READY, the 45-column room live, SIGTERM to a clean stop. */
class StandaloneJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Path jar() {
        Path jar = Path.of(System.getProperty("storeroom.jar", "target/storeroom.jar"));
        assertThat(jar).exists();
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static JsonNode subsystems(HttpClient http, URI base) throws Exception {
        HttpResponse<String> h = http.send(HttpRequest.newBuilder(base.resolve("api/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(h.body()).path("subsystems");
    }

    /** A command's result, or a failure that shows where the uplink stood when none came. */
    private static String answered(String result, HttpClient http, URI base) throws Exception {
        if (result == null) {
            throw new AssertionError("no cmd-result within 10 s; the gateway's uplink and index: "
                    + subsystems(http, base).path("uplink") + " " + subsystems(http, base).path("index"));
        }
        return result;
    }

    /**
     * As the central side: subscribes to {@code topic}, publishes {@code body} to {@code publishTo} if
     * given, and returns the first message received (a retained one arrives at once), or null after 10 s.
     */
    private static String firstMessage(String brokerUrl, String clientId, String topic, String publishTo, String body)
            throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        org.eclipse.paho.client.mqttv3.MqttClient c = new org.eclipse.paho.client.mqttv3.MqttClient(brokerUrl, clientId,
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        try {
            c.connect();
            c.subscribe(topic, 1, (t, m) -> got.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
            if (publishTo != null) {
                c.publish(publishTo, body.getBytes(StandardCharsets.UTF_8), 1, false);
            }
            String first = got.poll(10, TimeUnit.SECONDS);
            c.disconnect();
            return first;
        } finally {
            c.close();
        }
    }

    private static String retainedStatus(String brokerUrl) throws Exception {
        return firstMessage(brokerUrl, "central-check", "storeroom/v1/demo/store-room-1/status", null, null);
    }

    /** Sends a command as the central system does and returns its result. */
    private static String command(String brokerUrl, String name, String id, String args) throws Exception {
        String body = "{\"id\":\"" + id + "\",\"ts\":\"" + java.time.Instant.now() + "\",\"args\":" + args + "}";
        // Its own client id: reusing the one just disconnected lost the answer here (Moquette session clean-up).
        return firstMessage(brokerUrl, "central-command-" + id, "storeroom/v1/demo/store-room-1/cmd-result",
                "storeroom/v1/demo/store-room-1/cmd/" + name, body);
    }

    @Test
    void demoStartsPrintsReadyServesTheRoomAndStopsCleanlyOnSigterm() throws Exception {
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(java(), "-jar", jar().toString(), "--demo", "--data", dir.resolve("data").toString(),
                "--http", "127.0.0.1:0")
                .redirectError(err.toFile())
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(lines::add);
            } catch (java.io.IOException e) {
                lines.add("read failed: " + e);
            }
        }, "jar-stdout");
        reader.start();
        try {
            String ready = null;
            List<String> seen = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (ready == null && System.nanoTime() < deadline && p.isAlive()) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                    seen.add(line);
                }
                if (line != null && line.startsWith("READY ")) {
                    ready = line;
                }
            }
            assertThat(ready).as("READY line; stderr:\n" + Files.readString(err)).isNotNull();
            assertThat(ready).matches("READY http://127\\.0\\.0\\.1:\\d+/");
            URI base = URI.create(ready.substring("READY ".length()));

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> panel = http.send(HttpRequest.newBuilder(base).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(panel.statusCode()).isEqualTo(200);
            assertThat(panel.body()).contains("智能档案库房");

            JsonNode bus = null;
            JsonNode shelving = null;
            JsonNode uplink = null;
            long busDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < busDeadline) {
                HttpResponse<String> h = http.send(HttpRequest.newBuilder(base.resolve("api/v1/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode subsystems = JSON.readTree(h.body()).path("subsystems");
                bus = subsystems.path("device-bus");
                shelving = subsystems.path("shelving");
                uplink = subsystems.path("uplink");
                if (bus.path("status").asText().equals("UP") && shelving.path("details").path("columnsHeard").asLong() == 45
                        && uplink.path("status").asText().equals("UP")) {
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            assertThat(bus.path("summary").asText()).isEqualTo("45 of 45 column nodes answer");
            assertThat(shelving.path("status").asText()).isEqualTo("UP");
            assertThat(shelving.path("details").path("mode").asText()).isEqualTo("NORMAL");
            assertThat(shelving.path("details").path("columnsHeard").asLong()).as("the coordinator hears every column").isEqualTo(45);
            assertThat(uplink.path("summary").asText()).as(uplink.toString()).startsWith("connected to the central broker");
            String brokerLine = seen.stream().filter(l -> l.startsWith("uplink broker ")).findFirst().orElseThrow();
            String brokerUrl = brokerLine.split(" ")[2];
            assertThat(uplink.path("details").path("broker").asText()).isEqualTo(brokerUrl);
            assertThat(retainedStatus(brokerUrl)).as("the gateway announced itself on the demo's broker")
                    .contains("\"state\":\"online\"");
            // The simulated room's three sensor boards and its outside board are heard and the fire linkage is quiet.
            org.storeroom.testing.Await.until("the sensor boards heard", 30_000, () -> {
                try {
                    return subsystems(http, base).path("environment").path("status").asText().equals("UP");
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(subsystems(http, base).path("environment").path("summary").asText())
                    .isEqualTo("4 sensor nodes heard, fire linkage QUIET");
            // The demo room's holdings are loaded in the background; then the index stands still.
            org.storeroom.testing.Await.until("the demo catalogue loaded", 120_000, () -> {
                try {
                    JsonNode w = subsystems(http, base).path("warehouse").path("details");
                    return w.path("files").asLong() == 65_772 && !w.path("importing").asBoolean(true);
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(subsystems(http, base).path("warehouse").path("details").path("boxes").asLong()).isEqualTo(9_231);
            // The central side's reference mirror, on the demo's broker, holds the index the gateway shows. It asks
            // for one snapshot (75,003 entries take the gateway a few seconds to send); asking again sooner
            // would queue a second one behind it, still streaming when the mirror closes.
            String gatewayHash = subsystems(http, base).path("index").path("details").path("hash").asText();
            try (org.storeroom.mirror.MirrorClient mirror = new org.storeroom.mirror.MirrorClient(brokerUrl, "demo",
                    "store-room-1", 15_000, r -> { })) {
                org.storeroom.testing.Await.until("the mirror synced", 40_000, () -> mirror.status().synced());
                assertThat(mirror.status().hash()).isEqualTo(gatewayHash).hasSize(64);
            }
            // A command from the central system, end to end: allow-listed, carried out by the shelving, answered.
            assertThat(answered(command(brokerUrl, "locate", "it-locate", "{\"q\":\"0435-DK·2015-Y-03500\"}"), http, base))
                    .contains("\"status\":\"ok\"").contains("\"archiveNo\":\"0435-DK·2015-Y-03500\"").contains("\"aisle\":\"");
            assertThat(answered(command(brokerUrl, "shelves.lock", "it-lock", "{\"reason\":\"test\"}"), http, base)).contains("\"status\":\"ok\"").contains("\"mode\":\"LOCKED\"");
            org.storeroom.testing.Await.until("the shelving locked", 5000, () -> {
                try {
                    return subsystems(http, base).path("shelving").path("details").path("mode").asText().equals("LOCKED");
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(dir.resolve("data/storeroom.db")).exists();
            assertThat(dir.resolve("data/logs/storeroom.log")).exists();
        } finally {
            p.destroy(); // SIGTERM
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s of SIGTERM").isTrue();
        assertThat(p.exitValue()).isIn(0, 143);
        reader.join(5000);
        List<String> log = Files.readAllLines(err);
        assertThat(log).anySatisfy(l -> assertThat(l).contains("gateway stopped"));
        assertThat(log).anySatisfy(l -> assertThat(l).contains("store closed"));
        List<String> errors = new java.util.ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains("level=ERROR")) {
                errors.addAll(log.subList(i, Math.min(log.size(), i + 30)));
            }
        }
        assertThat(errors).as("errors in the log, with what follows them").isEmpty();

        // The audit log holds the command, and the offline check finds it intact, then finds an edit.
        String[] verified = verifyAudit(dir.resolve("data"));
        assertThat(verified[0]).isEqualTo("0");
        assertThat(verified[1]).startsWith("audit log intact: ").doesNotContain("intact: 0 entries");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/storeroom.db"))) {
            c.createStatement().executeUpdate("UPDATE audit_log SET actor = 'user:nobody' WHERE seq = 1");
        }
        verified = verifyAudit(dir.resolve("data"));
        assertThat(verified[0]).isEqualTo("3");
        assertThat(verified[1]).contains("entry 1 was changed after it was written");
    }

    private static String[] verifyAudit(Path data) throws Exception {
        Process v = new ProcessBuilder(java(), "-jar", jar().toString(), "verify-audit", "--data", data.toString())
                .redirectErrorStream(true).start();
        String out = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(v.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String[] {Integer.toString(v.exitValue()), out};
    }

    @Test
    void helpRunsFromTheJar() throws Exception {
        Process p = new ProcessBuilder(java(), "-jar", jar().toString(), "--help").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out).contains("--demo", "--data=DIR", "--http=HOST:PORT", "--mqtt=URL", "--config=DIR");
    }
}
