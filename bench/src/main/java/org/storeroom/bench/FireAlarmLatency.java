package org.storeroom.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.storeroom.bus.BusCodec;
import org.storeroom.bus.BusNetwork;
import org.storeroom.bus.DetectorLevel;
import org.storeroom.bus.Motion;
import org.storeroom.bus.MotionCommand;
import org.storeroom.bus.SensorInputs;
import org.storeroom.climate.core.FireStage;
import org.storeroom.climate.internal.EnvironmentComponent;
import org.storeroom.gateway.internal.audit.AuditTrail;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.gateway.internal.uplink.UplinkComponent;
import org.storeroom.shelf.api.ShelfMode;
import org.storeroom.shelf.core.CoreSettings;
import org.storeroom.shelf.core.RoomModel;
import org.storeroom.shelf.internal.bus.DeviceBusClient;
import org.storeroom.shelf.internal.coordinator.ShelfCoordinator;
import org.storeroom.simulator.RoomLayout;
import org.storeroom.simulator.SimulatedRoom;
import org.storeroom.testing.Mosquitto;

/**
 * Fire first alarm to "shelves stopped and the alarm published", end to end in the simulated room: a
 * range is opening an aisle when a smoke detector's contact closes on a sensor board; measured until every
 * column node reports itself stopped and the alarm event has reached a subscriber on a real Mosquitto.
 * Ours: board → CoAP Observe → environment (fire linkage) → shelf coordinator in fire mode → STOP to the
 * columns; the event through the store's outbox and the uplink. Raw baseline, in the same run, on the
 * same boards and broker: a bare Californium observer of the board that, on the aspirating detector's
 * alert contact, posts STOP to every column and publishes one QoS 1 message with plain Paho — no
 * linkage, no coordinator, no store. Figures are p99 in milliseconds; the target is ours ≤ 1000 ms.
 */
final class FireAlarmLatency implements Benchmark {
    private static final String ROOT = "storeroom/v1/bench/room-1";

    @Override
    public String name() {
        return "fire-alarm-latency";
    }

    @Override
    public String description() {
        return "smoke detector to every column stopped and the alarm on the broker, vs a bare observer+STOP+publish (p99, ms)";
    }

    @Override
    public Result run(boolean quick) throws Exception {
        int rounds = quick ? 8 : 40;
        Path dir = Files.createTempDirectory("fire-bench");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             SimulatedRoom room = SimulatedRoom.startWithClimate(new RoomLayout(45, 0))) {
            TreeMap<Integer, URI> columns = new TreeMap<>();
            for (String e : room.columnNodesConfig()) {
                columns.put(Integer.parseInt(e.substring(0, e.indexOf('='))), URI.create(e.substring(e.indexOf('=') + 1)));
            }
            TreeMap<String, URI> boards = new TreeMap<>();
            for (String e : room.climate().sensorNodesConfig()) {
                boards.put(e.substring(0, e.indexOf('=')), URI.create(e.substring(e.indexOf('=') + 1)));
            }
            SqliteStore store = SqliteStore.open(dir.resolve("gateway.db"), "FULL");
            UplinkComponent uplink = UplinkComponent.open(store, broker.url(), "bench", "room-1", 64);
            DeviceBusClient bus = DeviceBusClient.connect(columns, Duration.ofSeconds(1), Duration.ofSeconds(3), 200, 2);
            ShelfCoordinator shelves = ShelfCoordinator.start(bus, RoomModel.demo(), CoreSettings.DEFAULT);
            EnvironmentComponent env = EnvironmentComponent.start(store, uplink, new AuditTrail(store, uplink, Clock.systemUTC()), boards, shelves);
            MqttClient central = new MqttClient(broker.url(), "central-fire-bench", new MemoryPersistence());
            BlockingQueue<String> heard = new LinkedBlockingQueue<>();
            CoapEndpoint rawEndpoint = new CoapEndpoint.Builder().setConfiguration(BusNetwork.lan()).build();
            MqttClient rawPublisher = new MqttClient(broker.url(), "raw-fire-bench", new MemoryPersistence());
            try {
                MqttConnectOptions o = new MqttConnectOptions();
                o.setCleanSession(true);
                central.connect(o);
                central.subscribe(new String[] {ROOT + "/events/alarm", "bench/raw-alarm"}, new int[] {1, 1},
                        new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] {
                            (t, m) -> heard.add("ours " + new String(m.getPayload(), StandardCharsets.UTF_8)),
                            (t, m) -> heard.add("raw " + new String(m.getPayload(), StandardCharsets.UTF_8))});
                rawPublisher.connect(o);
                rawEndpoint.start();
                RawPath raw = new RawPath(rawEndpoint, boards.get("sensor-1"), columns, rawPublisher);
                waitFor("every column heard", 20_000, () -> room.columnNodesConfig().length == 45 && shelves.check().details()
                        .get("columnsHeard").equals(45L));
                double[] ours = new double[rounds];
                double[] base = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    String range = String.valueOf((char) ('A' + i % 5));
                    // Ours: smoke while a range moves.
                    startMotion(shelves, room, range, 2 + i % 7);
                    heard.clear();
                    long t0 = System.nanoTime();
                    room.climate().smoke(1 + i % 3, true);
                    ours[i] = (untilStoppedAndHeard(room, heard, "ours", "fire-first-alarm") - t0) / 1e6;
                    room.climate().smoke(1 + i % 3, false);
                    waitFor("the detector quiet", 10_000, () -> {
                        try {
                            return env.allClear("bench") == FireStage.QUIET;
                        } catch (org.storeroom.climate.core.FireLinkage.Refused e) {
                            return false;
                        }
                    });
                    shelves.setMode(ShelfMode.NORMAL, "bench");
                    // Raw: the aspirating detector's alert contact (a pre-alarm to our linkage, which stops nothing).
                    startMotion(shelves, room, range, 2 + (i + 3) % 7);
                    heard.clear();
                    raw.arm();
                    long t1 = System.nanoTime();
                    room.climate().aspirating(DetectorLevel.ALERT);
                    base[i] = (untilStoppedAndHeard(room, heard, "raw", "raw-alarm") - t1) / 1e6;
                    room.climate().aspirating(DetectorLevel.NORMAL);
                    shelves.setMode(ShelfMode.LOCKED, "bench");
                    shelves.setMode(ShelfMode.NORMAL, "bench");
                }
                raw.close();
                Stats a = new Stats(ours);
                Stats b = new Stats(base);
                return new Result(a.percentile(99), b.percentile(99), "ms", List.of(
                        a.describe("ours: detector → linkage → coordinator → 45 columns stopped, and the event via outbox + uplink", "ms"),
                        b.describe("raw: bare observer → STOP to 45 columns + one Paho QoS 1 publish", "ms"),
                        String.format("%d rounds, columns moving at each alarm; target: ours p99 <= 1000 ms", rounds)));
            } finally {
                rawEndpoint.destroy();
                if (rawPublisher.isConnected()) {
                    rawPublisher.disconnect();
                }
                rawPublisher.close();
                if (central.isConnected()) {
                    central.disconnect();
                }
                central.close();
                env.close();
                shelves.close();
                bus.close();
                uplink.close();
                store.close();
            }
        }
    }

    /** Asks for an aisle and waits until a column of the range is under power; an aisle already open moves nothing, so another is asked for. */
    private static void startMotion(ShelfCoordinator shelves, SimulatedRoom room, String range, int aisle) throws Exception {
        int first = (range.charAt(0) - 'A') * 9 + 1;
        for (int attempt = 0; attempt < 8; attempt++) {
            int a = 2 + (aisle + attempt) % 8;
            var outcome = shelves.openAisle(range, a, "bench").decision().toCompletableFuture().get(5, TimeUnit.SECONDS);
            if (outcome.status() != org.storeroom.shelf.api.RequestOutcome.Status.ACCEPTED) {
                continue;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < deadline) {
                for (int c = first; c < first + 9; c++) {
                    if (room.column(c).state().motion() != Motion.STOPPED) {
                        return;
                    }
                }
                LockSupport.parkNanos(1_000_000);
            }
        }
        throw new IllegalStateException("range " + range + " would not move");
    }

    /** @return the time when every column reports itself stopped and the awaited message has arrived */
    private static long untilStoppedAndHeard(SimulatedRoom room, BlockingQueue<String> heard, String who, String code)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long stoppedAt = 0;
        long heardAt = 0;
        while (System.nanoTime() < deadline && (stoppedAt == 0 || heardAt == 0)) {
            if (stoppedAt == 0) {
                boolean all = true;
                for (int c = 1; c <= 45 && all; c++) {
                    all = room.column(c).state().motion() == Motion.STOPPED;
                }
                if (all) {
                    stoppedAt = System.nanoTime();
                }
            }
            String m;
            while (heardAt == 0 && (m = heard.poll()) != null) {
                if (m.startsWith(who + " ") && m.contains(code)) {
                    heardAt = System.nanoTime();
                }
            }
            LockSupport.parkNanos(100_000); // a benchmark's sampling of the room, 0.1 ms
        }
        if (stoppedAt == 0 || heardAt == 0) {
            throw new IllegalStateException(who + ": " + (stoppedAt == 0 ? "columns still moving" : "no alarm heard") + " after 10 s");
        }
        return Math.max(stoppedAt, heardAt);
    }

    private static void waitFor(String what, long ms, java.util.function.BooleanSupplier ok) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + ms + " ms: " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** The baseline: a bare observer of the panel board that stops every column and publishes, nothing else. */
    private static final class RawPath implements AutoCloseable {
        private final CoapObserveRelation relation;
        private volatile boolean armed;

        RawPath(CoapEndpoint endpoint, URI board, TreeMap<Integer, URI> columns, MqttClient publisher) {
            byte[] stop = BusCodec.get().encode(MotionCommand.stop(), BusCodec.CBOR);
            List<CoapClient> motion = new ArrayList<>();
            for (URI c : columns.values()) {
                CoapClient client = new CoapClient(c.resolve("/motion").toString());
                client.setEndpoint(endpoint);
                motion.add(client);
            }
            CoapClient inputs = new CoapClient(board.resolve("/inputs").toString());
            inputs.setEndpoint(endpoint);
            relation = inputs.observe(new CoapHandler() {
                @Override
                public void onLoad(CoapResponse r) {
                    SensorInputs in = BusCodec.get().decode(r.getPayload(), r.getOptions().getContentFormat(), SensorInputs.class);
                    if (!armed || in.detectors().stream().noneMatch(d -> d.level() == DetectorLevel.ALERT)) {
                        return;
                    }
                    armed = false;
                    List<CompletableFuture<?>> acks = new ArrayList<>();
                    for (CoapClient c : motion) {
                        CompletableFuture<Object> f = new CompletableFuture<>();
                        c.post(new CoapHandler() {
                            @Override
                            public void onLoad(CoapResponse x) {
                                f.complete(x);
                            }

                            @Override
                            public void onError() {
                                f.complete(null);
                            }
                        }, stop, BusCodec.CBOR);
                        acks.add(f);
                    }
                    try {
                        publisher.publish("bench/raw-alarm", "{\"code\":\"raw-alarm\"}".getBytes(StandardCharsets.UTF_8), 1, false);
                    } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public void onError() {
                }
            }, BusCodec.CBOR);
        }

        void arm() {
            armed = true;
        }

        @Override
        public void close() {
            relation.proactiveCancel();
        }
    }
}
