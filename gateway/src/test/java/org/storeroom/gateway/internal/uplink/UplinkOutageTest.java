package org.storeroom.gateway.internal.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storeroom.testing.Await.until;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.gateway.api.SubsystemHealth.Status;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.testing.Mosquitto;

/**
 * A long broker outage under continuous load: the room keeps recording events the whole time, the
 * broker comes back, the backlog drains, nothing is lost and each topic keeps its order. CI runs a
 * 20-second outage; the nightly size is {@code -Duplink.outage.seconds=600}.
 */
class UplinkOutageTest {
    private static final long OUTAGE_S = Long.getLong("uplink.outage.seconds", 20);
    @TempDir
    Path dir;

    @Test
    void nothingIsLostAcrossALongOutageUnderLoad() throws Exception {
        SqliteStore store = SqliteStore.open(dir.resolve("gateway.db"), "FULL");
        OutboxTable outbox = OutboxTable.open(store, 100_000_000, Clock.systemUTC());
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicLong recorded = new AtomicLong();
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), List.of("persistence true", "autosave_interval 0",
                "max_queued_messages 0"));
             Subscriber central = new Subscriber(broker.url(), "central", true, "storeroom/v1/gjj/room-1/events/#")) {
            MqttPublisher p = new MqttPublisher(outbox, UplinkSettings.plain(broker.url(), "gjj", "room-1").withReconnect(100, 2000),
                    "0.1.0", Clock.systemUTC()).start();
            String[] types = {"whereabouts", "access", "inventory"};
            // The room: a few events every few milliseconds, all the time.
            Thread room = new Thread(() -> {
                while (producing.get()) {
                    try {
                        store.write(c -> {
                            for (int k = 0; k < 5; k++) {
                                long n = recorded.incrementAndGet();
                                outbox.event(c, types[(int) (n % 3)], Map.of("n", n));
                            }
                            return null;
                        });
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    // The room's pace, not a wait for anything: about 2,500 events a second.
                    java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
                }
            }, "room-load");
            try {
                room.start();
                until("events flowing", 10_000, () -> (Long) p.health().details().get("acknowledged") > 1000);
                broker.stop();
                long down = System.nanoTime();
                until("the gateway noticed", 10_000, () -> p.health().status() == Status.DOWN);
                long before = recorded.get();
                until(OUTAGE_S + " s of outage", OUTAGE_S * 1000 + 5000, () -> System.nanoTime() - down > OUTAGE_S * 1_000_000_000L);
                assertThat(recorded.get() - before).as("recorded during the outage").isGreaterThan(1000);
                assertThat((Long) p.health().details().get("queued")).isGreaterThan(1000);
                assertThat((Long) p.health().details().get("connectAttempts"))
                        .as("reconnects paced by the backoff (at most 2 s apart), not by the events recorded")
                        .isLessThan(OUTAGE_S + 10);
                broker.start();
                until("the central side back", 10_000, () -> {
                    try {
                        central.connect();
                        return true;
                    } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                        return false;
                    }
                });
                until("connected again", 10_000, () -> p.health().status() == Status.UP);
            } finally {
                producing.set(false);
                room.join(10_000);
            }
            long total = recorded.get();
            until("the backlog drained", 120_000, () -> outbox.queued() == 0);
            until("all " + total + " at the central side", 60_000, () -> distinct(central) == total);
            Map<String, Long> last = new HashMap<>();
            Map<Long, String> seen = new HashMap<>();
            for (Subscriber.Received r : central.received()) {
                long seq = r.body().get("seq").asLong();
                if (seen.putIfAbsent(seq, r.body().toString()) != null) {
                    assertThat(r.body().toString()).isEqualTo(seen.get(seq));
                    continue;
                }
                assertThat(seq).as("order on " + r.topic()).isGreaterThan(last.getOrDefault(r.topic(), 0L));
                last.put(r.topic(), seq);
            }
            p.close();
            java.nio.file.Files.writeString(Path.of("target", "uplink-outage.txt"), "outageSeconds=" + OUTAGE_S + " events=" + total + "\n");
        } finally {
            store.close();
        }
    }

    private static long distinct(Subscriber central) {
        return central.received().stream().map(r -> r.body().get("seq").asLong()).distinct().count();
    }
}
