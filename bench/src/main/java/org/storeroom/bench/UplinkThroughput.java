package org.storeroom.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.storeroom.gateway.api.StoreException;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.gateway.internal.uplink.UplinkComponent;
import org.storeroom.testing.Mosquitto;

/**
 * Durable uplink throughput: events recorded in the SQLite outbox (transactions of 100, as an inventory
 * commits them, synchronous=FULL as shipped) and published until the broker acknowledged every one,
 * next to raw Paho QoS 1 publishing of the same payloads with the same window to the same Mosquitto,
 * nothing stored. Figures are events per second; the target is ours at least 0.8 of raw.
 */
final class UplinkThroughput implements Benchmark {
    private static final int WINDOW = 64;
    private static final int PER_TRANSACTION = 100;

    @Override
    public String name() {
        return "uplink";
    }

    @Override
    public String description() {
        return "events/s recorded in the outbox and acknowledged by Mosquitto, vs raw Paho QoS 1 publish (same window)";
    }

    @Override
    public Result run(boolean quick) throws Exception {
        int events = quick ? 40_000 : 300_000;
        Path dir = Files.createTempDirectory("storeroom-bench-uplink");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            List<Double> ours = new ArrayList<>();
            List<Double> raw = new ArrayList<>();
            List<Double> floor = new ArrayList<>();
            List<Double> oursCpu = new ArrayList<>();
            List<Double> rawCpu = new ArrayList<>();
            List<Double> floorCpu = new ArrayList<>();
            int rounds = quick ? 2 : 3;
            raw(broker, events / 4); // warm-up of both paths
            ours(broker, dir.resolve("warmup.db"), events / 4);
            plainDurable(broker, dir.resolve("warmup-plain.db"), events / 4);
            for (int r = 0; r < rounds; r++) {
                double cpu = cpuSeconds(broker);
                raw.add(raw(broker, events));
                rawCpu.add(cpuSeconds(broker) - cpu);
                cpu = cpuSeconds(broker);
                ours.add(ours(broker, dir.resolve("round-" + r + ".db"), events));
                oursCpu.add(cpuSeconds(broker) - cpu);
                cpu = cpuSeconds(broker);
                floor.add(plainDurable(broker, dir.resolve("plain-" + r + ".db"), events));
                floorCpu.add(cpuSeconds(broker) - cpu);
            }
            double o = median(ours);
            double b = median(raw);
            List<String> details = new ArrayList<>();
            details.add(String.format("events per round %d, %d per transaction, window %d, %d rounds alternated", events,
                    PER_TRANSACTION, WINDOW, rounds));
            details.add("ours (outbox, FULL) events/s per round: " + fmt(ours));
            details.add("raw Paho QoS 1 events/s per round:       " + fmt(raw));
            details.add("plain durable (sqlite-jdbc rows + raw Paho, not in the ratio): " + fmt(floor)
                    + String.format(" = %.3f of raw", median(floor) / b));
            details.add("CPU seconds per round, this JVM and the broker: ours " + fmt1(oursCpu) + ", raw " + fmt1(rawCpu)
                    + ", plain durable " + fmt1(floorCpu));
            return new Result(o, b, "events/s", details);
        } finally {
            deleteTree(dir);
        }
    }

    private static byte[] payload(long n) {
        return ("{\"seq\":" + n + ",\"id\":\"bench-" + n + "\",\"ts\":\"2026-11-23T08:00:00Z\",\"type\":\"whereabouts\","
                + "\"data\":{\"epc\":\"3034257BF7194E4000001A85\",\"point\":\"C07-A-B03-L2-S05\",\"n\":" + n + "}}").getBytes();
    }

    private static double raw(Mosquitto broker, int events) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(broker.url(), "bench-raw", new MemoryPersistence());
        connect(c);
        java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(WINDOW);
        CountDownLatch done = new CountDownLatch(events);
        IMqttActionListener acked = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken t) {
                window.release();
                done.countDown();
            }

            @Override
            public void onFailure(IMqttToken t, Throwable e) {
                throw new IllegalStateException("raw publish failed", e);
            }
        };
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            window.acquire();
            MqttMessage m = new MqttMessage(payload(i));
            m.setQos(1);
            c.publish("bench/raw/events/whereabouts", m, null, acked);
        }
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("raw publishing did not finish");
        }
        double rate = events / ((System.nanoTime() - start) / 1e9);
        c.disconnect().waitForCompletion(5000);
        c.close();
        return rate;
    }

    private static double ours(Mosquitto broker, Path db, int events) throws Exception {
        SqliteStore store = SqliteStore.open(db, "FULL");
        UplinkComponent uplink = UplinkComponent.open(store, broker.url(), "bench", "room", WINDOW);
        try {
            Map<String, Object> data = Map.of("epc", "3034257BF7194E4000001A85", "point", "C07-A-B03-L2-S05");
            double cpu0 = cpuSeconds(broker);
            long start = System.nanoTime();
            for (int i = 0; i < events; i += PER_TRANSACTION) {
                store.write(c -> {
                    for (int k = 0; k < PER_TRANSACTION; k++) {
                        uplink.event(c, "whereabouts", data);
                    }
                    return null;
                });
            }
            long recordedAt = System.nanoTime();
            double cpu1 = cpuSeconds(broker);
            long ackedAtRecordEnd = acknowledged(uplink);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (acknowledged(uplink) < events) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the outbox did not drain: " + uplink.check());
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            long end = System.nanoTime();
            double cpu2 = cpuSeconds(broker);
            double recording = (recordedAt - start) / 1e9;
            double draining = (end - recordedAt) / 1e9;
            // Cores busy (this JVM and the broker): below 2, a path waits rather than works.
            System.out.printf("  ours: recorded in %.2f s (%d acknowledged by then), the rest acknowledged %.2f s later;"
                    + " cores busy %.2f, then %.2f%n", recording, ackedAtRecordEnd, draining, (cpu1 - cpu0) / recording,
                    (cpu2 - cpu1) / draining);
            return events / ((end - start) / 1e9);
        } finally {
            uplink.close();
            store.close();
        }
    }

    /**
     * The least a durable outbox can do here, written plainly: the raw payloads as rows through sqlite-jdbc
     * (WAL, synchronous=FULL, transactions of 100, as ours), each transaction's messages handed to raw Paho
     * once committed (same window), and acknowledged rows deleted in batches on a second connection. No
     * envelope, no recovery, no reconnects: a floor to read ours against, not a product.
     */
    private static double plainDurable(Mosquitto broker, Path db, int events) throws Exception {
        org.sqlite.SQLiteConfig cfg = new org.sqlite.SQLiteConfig();
        cfg.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.FULL);
        cfg.setBusyTimeout(5000);
        cfg.setGetGeneratedKeys(false);
        String url = "jdbc:sqlite:" + db;
        try (java.sql.Connection writer = cfg.createConnection(url)) {
            try (java.sql.Statement st = writer.createStatement()) {
                st.execute("CREATE TABLE outbox (seq INTEGER PRIMARY KEY, topic TEXT NOT NULL, payload BLOB NOT NULL)");
            }
            writer.setAutoCommit(false);
            java.sql.Connection deleter = cfg.createConnection(url);
            deleter.setAutoCommit(false);
            java.util.concurrent.ExecutorService deletes = java.util.concurrent.Executors.newSingleThreadExecutor();
            MqttAsyncClient c = new MqttAsyncClient(broker.url(), "bench-plain", new MemoryPersistence());
            try {
                connect(c);
                String topic = "bench/plain/events/whereabouts";
                java.util.concurrent.BlockingQueue<byte[][]> committed = new java.util.concurrent.LinkedBlockingQueue<>();
                java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(WINDOW);
                CountDownLatch done = new CountDownLatch(events);
                AtomicLong ackedSoFar = new AtomicLong();
                IMqttActionListener acked = new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken t) {
                        window.release();
                        done.countDown();
                        long n = ackedSoFar.incrementAndGet();
                        if (n % 4096 == 0) {
                            deletes.execute(() -> delete(deleter, n));
                        }
                    }

                    @Override
                    public void onFailure(IMqttToken t, Throwable e) {
                        throw new IllegalStateException("plain durable publish failed", e);
                    }
                };
                Thread sender = new Thread(() -> {
                    try {
                        for (int sent = 0; sent < events; ) {
                            for (byte[] bytes : committed.take()) {
                                window.acquire();
                                MqttMessage m = new MqttMessage(bytes);
                                m.setQos(1);
                                c.publish(topic, m, null, acked);
                                sent++;
                            }
                        }
                    } catch (InterruptedException | MqttException e) {
                        throw new IllegalStateException("plain durable sender failed", e);
                    }
                }, "bench-plain-sender");
                sender.setDaemon(true);
                long start = System.nanoTime();
                sender.start();
                try (java.sql.PreparedStatement insert = writer.prepareStatement(
                        "INSERT INTO outbox(seq, topic, payload) VALUES (?, ?, ?)")) {
                    for (int i = 0; i < events; i += PER_TRANSACTION) {
                        byte[][] batch = new byte[PER_TRANSACTION][];
                        for (int k = 0; k < PER_TRANSACTION; k++) {
                            byte[] p = payload(i + k);
                            insert.setLong(1, i + k + 1);
                            insert.setString(2, topic);
                            insert.setBytes(3, p);
                            insert.executeUpdate();
                            batch[k] = p;
                        }
                        writer.commit();
                        committed.add(batch);
                    }
                }
                if (!done.await(5, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("plain durable publishing did not finish");
                }
                double rate = events / ((System.nanoTime() - start) / 1e9);
                c.disconnect().waitForCompletion(5000);
                return rate;
            } finally {
                c.close();
                deletes.shutdown();
                deletes.awaitTermination(1, TimeUnit.MINUTES);
                deleter.close();
            }
        }
    }

    /** Connects a raw client with room in Paho's window for the benchmark's own. */
    private static void connect(MqttAsyncClient c) throws MqttException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMaxInflight(WINDOW + 8);
        c.connect(o).waitForCompletion(10_000);
    }

    /** Deletes the rows acknowledged so far (seqs are sent and acknowledged in order here). */
    private static void delete(java.sql.Connection c, long upTo) {
        try (java.sql.PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE seq <= ?")) {
            ps.setLong(1, upTo);
            ps.executeUpdate();
            c.commit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("plain durable delete failed", e);
        }
    }

    private static long acknowledged(UplinkComponent uplink) throws StoreException {
        return (Long) uplink.check().details().get("acknowledged");
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    /**
     * CPU time so far of this JVM (both paths run in it, one after the other) and of the broker: on a
     * machine whose cores are all busy, the ratio of the two paths follows the ratio of their CPU time.
     */
    private static double cpuSeconds(Mosquitto broker) {
        long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return jvm / 1e9 + broker.cpuTime().toNanos() / 1e9;
    }

    private static String fmt1(List<Double> xs) {
        return xs.stream().map(x -> String.format("%.1f", x)).toList().toString();
    }

    private static String fmt(List<Double> xs) {
        return xs.stream().map(x -> String.format("%.0f", x)).toList().toString();
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
