package org.storeroom.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storeroom.testing.Await.until;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.gateway.api.IndexChange;
import org.storeroom.gateway.api.IndexMirror.IndexState;
import org.storeroom.gateway.internal.index.IndexLog;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.gateway.internal.uplink.UplinkComponent;
import org.storeroom.testing.Mosquitto;
import org.storeroom.testing.SilentBroker;

/**
 * The mirror across a broker that goes away and, when it answers TCP again, first does not answer MQTT
 * (a flooded or wedged broker): it must reconnect by itself within a bound, subscribe again, catch up
 * with the gateway, and close promptly whatever state the connection is in. The gateway side (store,
 * outbox, uplink, index) runs in this JVM.
 */
class MirrorReconnectTest {
    private static final String SITE = "gjj";

    @TempDir
    Path dir;
    private final String room = "room-r" + Long.toHexString(System.nanoTime() & 0xffffff);
    private final Random random = new Random(20261201);
    private Mosquitto broker;
    private SqliteStore store;
    private UplinkComponent uplink;
    private IndexLog index;
    private SilentBroker silent;

    @BeforeEach
    void gateway() throws Exception {
        broker = Mosquitto.start(dir.resolve("broker"));
        store = SqliteStore.open(dir.resolve("gateway.db"), "NORMAL");
        uplink = UplinkComponent.open(store, broker.url(), SITE, room, 64);
        index = new IndexLog(store, uplink);
        uplink.handle("index.resync", index, false);
    }

    @AfterEach
    void stop() throws IOException {
        if (silent != null) {
            silent.close();
        }
        uplink.close();
        store.close();
        broker.close();
    }

    @Test
    void theMirrorReconnectsSubscribesAgainAndCatchesUpAfterTheBrokerWasGoneAndThenSilent() throws Exception {
        try (MirrorClient mirror = new MirrorClient(broker.url(), SITE, room, 500, r -> { })) {
            change(200);
            until("the mirror equal to the gateway", 20_000, () -> equal(mirror));
            MirrorClient.Status before = mirror.status();

            broker.stop();
            until("the mirror seeing the broker gone", 10_000, () -> !mirror.status().connected());
            // Something answers TCP on the broker's port again but never MQTT: the mirror's reconnect
            // gets its socket, sends CONNECT and hears nothing back.
            silent = new SilentBroker(broker.port(), "storeroom-mirror-" + SITE + "-" + room);
            until("the mirror trying the silent broker", 20_000, () -> silent.held() > 0);
            silent.stopListening(); // the connections it accepted stay open, unanswered
            broker.start();
            // Sent while the mirror still waits on the silent connection, and then nothing more: no later
            // delta will show the mirror what it missed.
            change(200);
            IndexState after = index.state();
            long back = until("the mirror connected again", 30_000, () -> {
                MirrorClient.Status s = mirror.status();
                return s.connected() && s.connects() > before.connects();
            });
            long took = until("the mirror equal to the gateway again", 20_000,
                    () -> equal(mirror) && mirror.status().version() >= after.version());
            assertThat(mirror.status().resyncs()).as("snapshots asked for after the reconnect").isGreaterThan(before.resyncs());
            Files.writeString(Path.of("target", "mirror-reconnect.txt"), "connected again " + back
                    + " ms after the broker came back (its port had answered TCP only), equal again " + took + " ms later\n");
        }
    }

    /**
     * The hang CI saw during a flood: the connection broke while the mirror was still busy with a message.
     * Paho 1.2.5 queued that message's PUBACK after clearing its queues for the dead connection, and its
     * automatic reconnect of the same client then spun forever in "connecting" (close: "Connect already in
     * progress"). Here the consumer is held busy across a broker restart: the mirror must reconnect
     * meanwhile, and catch up once the consumer is free.
     */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // fails rather than hangs if status() blocks
    void theMirrorReconnectsWhileItsConsumerIsBusyAcrossABrokerRestart() throws Exception {
        AtomicBoolean hold = new AtomicBoolean();
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (MirrorClient mirror = new MirrorClient(broker.url(), SITE, room, 500, r -> {
            if (hold.compareAndSet(true, false)) {
                busy.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        })) {
            change(100);
            until("the mirror equal to the gateway", 20_000, () -> equal(mirror));
            long connects = mirror.status().connects();

            hold.set(true);
            change(1);
            assertThat(busy.await(10, TimeUnit.SECONDS)).as("the consumer busy with the next change").isTrue();
            broker.stop();
            broker.start();
            long took = until("the mirror reconnected while its consumer is still busy", 20_000, () -> {
                MirrorClient.Status s = mirror.status();
                return s.connected() && s.connects() > connects;
            });
            assertThat(release.getCount()).as("consumer still held").isEqualTo(1);
            release.countDown();

            change(100); // published after the restart: only a mirror subscribed again can see them
            IndexState after = index.state();
            until("the mirror equal to the gateway again", 20_000, () -> equal(mirror) && mirror.status().version() >= after.version());
            Files.writeString(Path.of("target", "mirror-reconnect-busy.txt"), "reconnected " + took
                    + " ms after the broker came back, consumer busy\n");
        } finally {
            release.countDown();
        }
    }

    @Test
    void closeReturnsPromptlyAndLeavesNoThreadsWhileAConnectHangs() throws Exception {
        String id = "storeroom-mirror-" + SITE + "-" + room;
        MirrorClient mirror = new MirrorClient(broker.url(), SITE, room, 500, r -> { });
        try {
            until("the mirror synced", 20_000, () -> mirror.status().synced());
            broker.stop();
            silent = new SilentBroker(broker.port(), id);
            until("the mirror trying the silent broker", 20_000, () -> silent.held() > 0);
        } finally {
            long start = System.nanoTime();
            mirror.close();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(tookMs).as("close() with a connect in progress, in ms").isLessThan(3_000);
        }
        until("no thread of the mirror's MQTT client left (" + threadsNamed(id) + ")", 5_000, () -> threadsNamed(id).isEmpty());
        assertThat(mirror.status().connected()).isFalse();
    }

    @Test
    void closeReturnsPromptlyWhileTheBrokerIsDown() throws Exception {
        String id = "storeroom-mirror-" + SITE + "-" + room;
        MirrorClient mirror = new MirrorClient(broker.url(), SITE, room, 500, r -> { });
        try {
            broker.stop();
            until("the mirror seeing the broker gone", 10_000, () -> !mirror.status().connected());
        } finally {
            long start = System.nanoTime();
            mirror.close();
            assertThat((System.nanoTime() - start) / 1_000_000).as("close() with the broker down, in ms").isLessThan(3_000);
        }
        until("no thread of the mirror's MQTT client left (" + threadsNamed(id) + ")", 5_000, () -> threadsNamed(id).isEmpty());
    }

    private boolean equal(MirrorClient mirror) {
        MirrorClient.Status s = mirror.status();
        IndexState g = index.state();
        return s.synced() && s.version() == g.version() && s.hash().equals(g.hash());
    }

    private void change(int transactions) throws Exception {
        for (int i = 0; i < transactions; i++) {
            List<IndexChange> changes = new ArrayList<>();
            for (int k = 1 + random.nextInt(5); k > 0; k--) {
                String key = "box:" + random.nextInt(500);
                changes.add(random.nextInt(5) == 0 ? IndexChange.remove(key)
                        : IndexChange.put(key, Map.of("point", "C" + (1 + random.nextInt(45)) + "-A-B0" + random.nextInt(9))));
            }
            store.write(c -> index.change(c, changes));
        }
    }

    private static List<String> threadsNamed(String part) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.contains(part)).toList();
    }
}
