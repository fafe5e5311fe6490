package org.storeroom.gateway.internal.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storeroom.testing.Await.until;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.gateway.api.SubsystemHealth.Status;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.testing.Mosquitto;

/**
 * The uplink over TLS to a real Mosquitto that requires client certificates, with certificates made by
 * openssl for this test: it connects and delivers with the right files, and refuses a broker it cannot
 * verify or is refused without a certificate, saying so in its health.
 */
class UplinkTlsTest {
    @TempDir
    Path dir;
    private SqliteStore store;
    private OutboxTable outbox;
    private Mosquitto broker;
    private final List<AutoCloseable> open = new ArrayList<>();

    private void openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("openssl " + String.join(" ", args) + "\n" + out).isZero();
    }

    /** A CA, a server certificate for 127.0.0.1 and a client certificate, all signed by the CA; and a stranger CA. */
    @BeforeEach
    void certificatesAndBroker() throws Exception {
        for (String ca : new String[] {"ca", "stranger"}) {
            openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + ca,
                    "-keyout", ca + ".key", "-out", ca + ".pem");
        }
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n");
        for (String who : new String[] {"server", "client"}) {
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + (who.equals("server") ? "127.0.0.1" : "gateway-1"),
                    "-keyout", who + ".key", "-out", who + ".csr");
            List<String> sign = new ArrayList<>(List.of("x509", "-req", "-in", who + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                    "-CAcreateserial", "-days", "2", "-out", who + ".pem"));
            if (who.equals("server")) {
                sign.addAll(List.of("-extfile", "server.ext"));
            }
            openssl(sign.toArray(new String[0]));
        }
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", "client.key", "-out", "client.pk8.pem");
        broker = Mosquitto.start(dir.resolve("broker"), List.of("listener %PORT% 127.0.0.1",
                "cafile " + dir.resolve("ca.pem"), "certfile " + dir.resolve("server.pem"), "keyfile " + dir.resolve("server.key"),
                "require_certificate true", "persistence false"));
        store = SqliteStore.open(dir.resolve("gateway.db"), "NORMAL");
        outbox = OutboxTable.open(store, 2_000_000, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        broker.close();
        store.close();
    }

    private MqttPublisher publisher(Path ca, Path cert, Path key) {
        UplinkSettings s = UplinkSettings.plain("ssl://127.0.0.1:" + broker.port(), "gjj", "room-1").withReconnect(50, 200)
                .withTls(ca, cert, key);
        MqttPublisher p = new MqttPublisher(outbox, s, "0.1.0", Clock.systemUTC()).start();
        open.add(p);
        return p;
    }

    @Test
    void deliversOverTlsWithAClientCertificate() throws Exception {
        MqttPublisher p = publisher(dir.resolve("ca.pem"), dir.resolve("client.pem"), dir.resolve("client.pk8.pem"));
        store.write(c -> outbox.event(c, "alarm", Map.of("code", "fire", "state", "raised")));
        until("acknowledged over TLS", 10_000, () -> Long.valueOf(1).equals(p.health().details().get("acknowledged")));
        assertThat(p.health().status()).isEqualTo(Status.UP);
    }

    @Test
    void aBrokerItCannotVerifyIsNotTalkedTo() {
        MqttPublisher p = publisher(dir.resolve("stranger.pem"), dir.resolve("client.pem"), dir.resolve("client.pk8.pem"));
        until("a connection error", 10_000, () -> !p.health().details().get("lastError").equals(""));
        assertThat(p.health().status()).isEqualTo(Status.DOWN);
        assertThat((String) p.health().details().get("lastError")).contains("PKIX path building failed");
        assertThat(p.health().details()).containsEntry("connects", 0L);
    }

    @Test
    void withoutAClientCertificateTheBrokerRefuses() {
        MqttPublisher p = publisher(dir.resolve("ca.pem"), null, null);
        until("a connection error", 10_000, () -> !p.health().details().get("lastError").equals(""));
        assertThat(p.health().status()).isEqualTo(Status.DOWN);
        assertThat((String) p.health().details().get("lastError")).contains("certificate_required");
        assertThat(p.health().details()).containsEntry("connects", 0L);
    }

    @Test
    void aKeyThatIsNotPkcs8IsNamed() {
        MqttPublisher p = publisher(dir.resolve("ca.pem"), dir.resolve("client.pem"), dir.resolve("client.pem"));
        until("a connection error", 10_000, () -> !p.health().details().get("lastError").equals(""));
        assertThat((String) p.health().details().get("lastError")).contains("client.pem is not an unencrypted PKCS#8 key");
    }
}
