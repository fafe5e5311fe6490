package org.storeroom.gateway.internal.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storeroom.testing.Await.until;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.gateway.api.StoreException;
import org.storeroom.gateway.api.SubsystemHealth.Status;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.testing.Mosquitto;
import org.storeroom.testing.SilentBroker;

/**
 * The publisher across connections that break in awkward moments, against a real Mosquitto: while
 * Paho's callback thread is still taking a command, and while a connect waits on a port that answers
 * TCP but never MQTT. It must connect again within a bound, drain its outbox, and close promptly
 * leaving no Paho thread of its client behind.
 */
class MqttPublisherReconnectTest {
    private static final String ROOT = "storeroom/v1/gjj/room-1";

    @TempDir
    Path dir;
    private SqliteStore store;
    private OutboxTable outbox;
    private Mosquitto broker;
    private SilentBroker silent;

    @BeforeEach
    void openStore() throws Exception {
        store = SqliteStore.open(dir.resolve("gateway.db"), "NORMAL");
        outbox = OutboxTable.open(store, 2_000_000, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws IOException {
        if (silent != null) {
            silent.close();
        }
        if (broker != null) {
            broker.close();
        }
        store.close();
    }

    private MqttPublisher publisher(String url, BiConsumer<String, byte[]> commands) {
        // Reconnecting as UplinkComponent.open does: within 100..2000 ms.
        return publisher(UplinkSettings.plain(url, "gjj", "room-1").withReconnect(100, 2000), commands);
    }

    private MqttPublisher publisher(UplinkSettings settings, BiConsumer<String, byte[]> commands) {
        return new MqttPublisher(outbox, settings, "0.1.0-test", Clock.systemUTC(), commands).start();
    }

    /**
     * The hang seen with Paho 1.2.5 when one client was reused across connections: the connection broke
     * while Paho's callback thread was still taking a QoS 1 command. Reconnecting that client waited in
     * vain for its callback thread, or, once the command's PUBACK had been queued behind the queues
     * cleared for the dead connection, for its sender (CommsSender.start); the publisher got out only
     * after its connect wait, leaving that connect thread spinning for good. Here the command consumer
     * is held, which stands for the callback thread being descheduled at that moment, across a broker
     * restart.
     */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void connectsAgainAndDrainsWhileACommandIsStillBeingTakenAcrossABrokerRestart() throws Exception {
        broker = Mosquitto.start(dir.resolve("broker"));
        AtomicInteger commands = new AtomicInteger();
        CountDownLatch taking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MqttPublisher p = publisher(broker.url(), (name, payload) -> {
            if (commands.incrementAndGet() == 1) {
                taking.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try {
            until("connected", 10_000, () -> p.health().status() == Status.UP);
            long connects = connects(p);
            sendCommand("index.resync");
            assertThat(taking.await(10, TimeUnit.SECONDS)).as("the command being taken").isTrue();

            broker.stop();
            until("the publisher seeing the broker gone", 10_000, () -> p.health().status() == Status.DOWN);
            record(200);
            broker.start();
            long took = connectedAgain(p, connects, 10_000);
            assertThat(release.getCount()).as("the command still being taken").isEqualTo(1);
            until("the outbox drained", 10_000, () -> outbox.queued() == 0);
            assertThat(p.health().details()).containsEntry("acknowledged", 200L);
            Files.writeString(Path.of("target", "uplink-reconnect-busy.txt"),
                    "connected again " + took + " ms after the broker came back, a command still being taken\n");
        } finally {
            release.countDown();
            p.close();
        }
        assertNoPahoThreadLeft();
    }

    /**
     * The same race, the other way round: the command is taken just after the connection broke, so its
     * PUBACK is queued after Paho cleared the queues for the dead connection (and no failed attempt
     * clears them again before the broker is back). A reused client's next connect then stopped its
     * sender at once and waited for good in CommsSender.start. The reconnect backoff is 1.5..3 s, so that
     * the command finishes, and the broker is back, between two attempts.
     */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void connectsAgainAndDrainsWhenACommandWasAcknowledgedJustAfterTheConnectionBroke() throws Exception {
        broker = Mosquitto.start(dir.resolve("broker"));
        AtomicInteger commands = new AtomicInteger();
        CountDownLatch taking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch taken = new CountDownLatch(1);
        MqttPublisher p = publisher(UplinkSettings.plain(broker.url(), "gjj", "room-1").withReconnect(3000, 3000), (name, payload) -> {
            if (commands.incrementAndGet() == 1) {
                taking.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                taken.countDown(); // Paho sends the PUBACK once this returns
            }
        });
        try {
            until("connected", 10_000, () -> p.health().status() == Status.UP);
            long connects = connects(p);
            sendCommand("index.resync");
            assertThat(taking.await(10, TimeUnit.SECONDS)).as("the command being taken").isTrue();

            broker.stop();
            // The first attempt, at once, is refused; the next comes 1.5..3 s later.
            until("a connect refused", 10_000, () -> String.valueOf(p.health().details().get("lastError")).contains("refused"));
            release.countDown();
            assertThat(taken.await(5, TimeUnit.SECONDS)).as("the command taken").isTrue();
            record(200);
            broker.start();
            long took = connectedAgain(p, connects, 10_000);
            until("the outbox drained", 10_000, () -> outbox.queued() == 0);
            assertThat(p.health().details()).containsEntry("acknowledged", 200L);
            Files.writeString(Path.of("target", "uplink-reconnect-puback.txt"),
                    "connected again " + took + " ms after the broker came back, a command's PUBACK queued after the break\n");
        } finally {
            release.countDown();
            p.close();
        }
        assertNoPahoThreadLeft();
    }

    @Test
    void connectsToTheBrokerAndDrainsAfterItsPortAnsweredTcpButNeverMqtt() throws Exception {
        broker = Mosquitto.start(dir.resolve("broker"));
        MqttPublisher p = publisher(broker.url(), (name, payload) -> { });
        try {
            until("connected", 10_000, () -> p.health().status() == Status.UP);
            long connects = connects(p);
            broker.stop();
            until("the publisher seeing the broker gone", 10_000, () -> p.health().status() == Status.DOWN);
            silent = new SilentBroker(broker.port(), "");
            until("a connect waiting on the silent listener", 20_000, () -> silent.held() > 0);
            long waiting = System.nanoTime();
            silent.stopListening(); // the connection it accepted stays open, unanswered
            record(200);
            broker.start();
            // The connect waiting on the silent port gives up after at most 15 s; the next one, after a
            // backoff of at most 2 s, reaches the broker.
            connectedAgain(p, connects, 25_000);
            long took = (System.nanoTime() - waiting) / 1_000_000;
            until("the outbox drained", 10_000, () -> outbox.queued() == 0);
            assertThat(p.health().details()).containsEntry("acknowledged", 200L);
            Files.writeString(Path.of("target", "uplink-reconnect-silent.txt"),
                    "connected to the broker " + took + " ms after a connect started waiting on a port answering TCP only\n");
        } finally {
            p.close();
        }
        assertNoPahoThreadLeft();
    }

    @Test
    void closeReturnsPromptlyWhileAConnectHangsAndLeavesNoPahoThread() throws Exception {
        silent = new SilentBroker(0, "");
        MqttPublisher p = publisher("tcp://127.0.0.1:" + silent.port(), (name, payload) -> { });
        try {
            until("a connect waiting on the silent listener", 10_000, () -> silent.held() > 0);
        } finally {
            long start = System.nanoTime();
            p.close();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(tookMs).as("close() with a connect waiting for CONNACK, in ms").isLessThan(3_000);
        }
        assertNoPahoThreadLeft();
    }

    private static long connects(MqttPublisher p) {
        return (Long) p.health().details().get("connects");
    }

    /** @return how long it took, in ms; failing, names where Paho's threads of the publisher's client are */
    private long connectedAgain(MqttPublisher p, long connectsBefore, long withinMs) {
        try {
            return until("connected again", withinMs, () -> p.health().status() == Status.UP && connects(p) > connectsBefore);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the publisher's thread: " + Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("uplink-publisher")).map(MqttPublisherReconnectTest::where).toList()
                    + "; Paho's threads: " + pahoThreadsWhere(), e);
        }
    }

    private void record(int n) throws StoreException {
        store.write(c -> {
            for (int i = 0; i < n; i++) {
                outbox.event(c, "access", Map.of("n", i));
            }
            return null;
        });
    }

    /** The central side sends a command at QoS 1. */
    private void sendCommand(String name) throws Exception {
        MqttClient central = new MqttClient(broker.url(), "central-commands", new MemoryPersistence());
        try {
            central.connect();
            String body = "{\"id\":\"c-1\",\"ts\":\"" + Instant.now() + "\",\"args\":{}}";
            central.publish(ROOT + "/cmd/" + name, body.getBytes(StandardCharsets.UTF_8), 1, false);
            central.disconnect();
        } finally {
            central.close();
        }
    }

    /** Waits a little for Paho's threads of the publisher's client to end; then names those left, with where they are. */
    private void assertNoPahoThreadLeft() {
        String clientId = "storeroom-" + outbox.instance();
        try {
            until("no Paho thread of " + clientId + " left", 5_000, () -> pahoThreads(clientId).isEmpty());
        } catch (AssertionError e) {
            assertThat(pahoThreadsWhere()).as("Paho threads of %s left after close()", clientId).isEmpty();
        }
    }

    private List<String> pahoThreadsWhere() {
        return pahoThreads("storeroom-" + outbox.instance()).keySet().stream().map(MqttPublisherReconnectTest::where).toList();
    }

    private static String where(Thread t) {
        return t.getName() + " at " + Arrays.stream(t.getStackTrace()).limit(8).map(String::valueOf).collect(Collectors.joining(" <- "));
    }

    private static Map<Thread, StackTraceElement[]> pahoThreads(String clientId) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(t -> t.getKey().isAlive() && t.getKey().getName().startsWith("MQTT") && t.getKey().getName().contains(clientId))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
