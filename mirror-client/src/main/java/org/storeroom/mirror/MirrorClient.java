package org.storeroom.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference mirror over MQTT: subscribes to a room's index topics, feeds an {@link IndexReplica},
 * and sends {@code index.resync} when the replica wants a snapshot (again every few seconds until one
 * arrives). Reconnects by itself. What was sent while it was away is lost (clean session): after a
 * reconnect, or when it had to drop messages, it wants a snapshot unless the next delta follows on from
 * what it holds.
 *
 * <p>One thread owns the connection, as in the gateway's publisher: Paho's automatic reconnect is off,
 * every wait on the broker is bounded, and each connection gets a fresh Paho client. Paho 1.2.5 reuses
 * a client's internal state across reconnects, and a PUBACK queued by its callback thread after the
 * connection dropped leaves the next connect spinning forever in "connecting" (nothing bounds the wait
 * for CONNACK either). Paho's callback thread only queues messages; another thread applies them.
 */
public final class MirrorClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MirrorClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** TCP connect (and TLS handshake), Paho's own bound. */
    private static final int SOCKET_TIMEOUT_S = 5;
    /** CONNACK and SUBACK: Paho bounds neither, so we wait on their tokens at most this long. */
    private static final long ACK_TIMEOUT_MS = 10_000;
    /** A broker that stops answering on an open connection is noticed after about 1.5 times this. */
    private static final int KEEP_ALIVE_S = 15;
    private static final long RECONNECT_MIN_MS = 200;
    private static final long RECONNECT_MAX_MS = 5_000;
    /** Messages received and not yet applied, at most; past that they are dropped: the gap is repaired by resync. */
    private static final int MAX_QUEUED = 10_000;

    private final String brokerUrl;
    private final String clientId;
    private final String root;
    private final String[] topics;
    private final IndexReplica replica = new IndexReplica();
    private final Clock clock;
    private final long resyncEveryMs;
    private final Consumer<IndexReplica> onChange;

    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>(MAX_QUEUED + 1000); // room for markers
    private final Thread connection;
    private final Thread applier;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running = true;
    private volatile boolean connected;
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean dropping;
    /** Written by the connection thread only; read by Paho's callbacks to ignore an older client. */
    private volatile MqttAsyncClient client;
    private String lastError = "";

    // Guarded by this.
    private long lastResyncAt;
    private long resyncs;
    private long lastPartAt;
    private long rejected;

    private record Arrival(String topic, byte[] payload) {
    }

    /** Queued where messages may have been lost: after those received before, ahead of those received after. */
    private static final Arrival MAY_HAVE_MISSED = new Arrival("", new byte[0]);

    /**
     * Connects once before returning (throwing if that fails); after that, reconnects by itself until
     * {@link #close}.
     *
     * @param onChange told, on the mirror's own thread, after each message taken; must not block for long
     *                 (messages wait meanwhile)
     */
    public MirrorClient(String brokerUrl, String site, String room, long resyncEveryMs, Consumer<IndexReplica> onChange)
            throws MqttException {
        this.brokerUrl = brokerUrl;
        this.root = "storeroom/v1/" + site + "/" + room;
        this.topics = new String[] {root + "/index/delta", root + "/index/snapshot"};
        this.clientId = "storeroom-mirror-" + site + "-" + room + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.clock = Clock.systemUTC();
        this.resyncEveryMs = resyncEveryMs;
        this.onChange = onChange;
        try {
            connect();
        } catch (MqttException | RuntimeException e) {
            drop();
            throw e;
        }
        applier = daemon("mirror-apply " + clientId, this::applyLoop);
        connection = daemon("mirror-connection " + clientId, this::connectionLoop);
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Connects a fresh client and subscribes; on the constructor's thread, then on the connection thread only. */
    private void connect() throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        client = c;
        c.setCallback(new Callback(c));
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(false); // the connection thread reconnects, with a fresh client each time
        o.setConnectionTimeout(SOCKET_TIMEOUT_S);
        o.setKeepAliveInterval(KEEP_ALIVE_S);
        c.connect(o).waitForCompletion(ACK_TIMEOUT_MS);
        if (connects.get() > 0) {
            arrivals.offer(MAY_HAVE_MISSED); // before subscribing: nothing of this connection is ahead of it
        }
        // A clean session starts with no subscriptions: subscribe on every connection.
        c.subscribe(topics, new int[] {1, 1}).waitForCompletion(ACK_TIMEOUT_MS);
        connected = true;
        connects.incrementAndGet();
        lastError = "";
        LOG.info("mirror connected to {} as {}", brokerUrl, clientId);
    }

    private void connectionLoop() {
        long backoff = RECONNECT_MIN_MS;
        while (running) {
            if (!up()) {
                drop();
                try {
                    connect();
                    backoff = RECONNECT_MIN_MS;
                } catch (MqttException | RuntimeException e) { // whatever it is, the thread goes on reconnecting
                    if (!running) {
                        break; // close() ended the wait
                    }
                    String why = e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : "");
                    if (!why.equals(lastError)) {
                        LOG.warn("mirror cannot connect to {}: {} (retrying)", brokerUrl, why);
                    }
                    lastError = why;
                    drop();
                    // Jitter: mirrors of many rooms do not all come back in step after a broker restart.
                    await(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
                    backoff = Math.min(backoff * 2, RECONNECT_MAX_MS);
                    continue;
                }
            }
            resyncIfWanted();
            await(Math.max(50, resyncEveryMs / 4)); // woken early when the connection is lost or on close
        }
        Thread.interrupted(); // close() may have interrupted a wait: let Paho shut down undisturbed
        drop();
    }

    /**
     * Whether connected and subscribed. Paho's own state decides: a loss reported between the subscribe
     * and {@code connected = true} is still seen here, at the next tick.
     */
    private boolean up() {
        MqttAsyncClient c = client;
        return connected && c != null && c.isConnected();
    }

    /** Disconnects and releases the current client, whatever state it is in; never waits long. */
    private void drop() {
        MqttAsyncClient c = client;
        client = null;
        connected = false;
        if (c == null) {
            return;
        }
        try {
            c.disconnectForcibly(0, 500, c.isConnected());
        } catch (MqttException | RuntimeException e) {
            LOG.debug("mirror disconnect: {}", e.toString());
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("mirror close: {}", e.toString());
        }
    }

    private void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void await(long ms) {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    private void applyLoop() {
        while (running) {
            Arrival a;
            try {
                a = arrivals.take();
            } catch (InterruptedException e) {
                return; // closing
            }
            if (a == MAY_HAVE_MISSED) {
                synchronized (this) {
                    replica.mayHaveMissed();
                    // Ask only after an interval: in a busy room the next delta shows within it that nothing
                    // was missed, and a whole snapshot is saved.
                    lastResyncAt = clock.millis();
                }
            } else if (take(a.topic(), a.payload())) {
                onChange.accept(replica); // only this thread changes the replica: consistent without the lock
            }
        }
    }

    /** @return whether the message was taken */
    private synchronized boolean take(String topic, byte[] payload) {
        try {
            JsonNode m = JSON.readTree(payload);
            if (topic.endsWith("/index/delta")) {
                replica.delta(m);
            } else {
                lastPartAt = clock.millis();
                replica.snapshot(m);
            }
            return true;
        } catch (java.io.IOException | IllegalArgumentException e) {
            rejected++;
            LOG.warn("mirror: message on {} not taken: {}", topic, e.getMessage());
            return false;
        }
    }

    /** On the connection thread. */
    private void resyncIfWanted() {
        String id;
        synchronized (this) {
            long now = clock.millis();
            // Not while a snapshot is still arriving: a big index takes longer than the interval to send,
            // and asking again would only queue a second whole snapshot behind the first.
            if (!replica.wantsResync() || now - Math.max(lastResyncAt, lastPartAt) < resyncEveryMs || !up()) {
                return;
            }
            lastResyncAt = now;
            resyncs++;
            id = "resync-" + UUID.randomUUID();
        }
        String body = "{\"id\":\"" + id + "\",\"ts\":\"" + clock.instant() + "\",\"args\":{}}";
        try {
            // Not waiting for the PUBACK: an unanswered request is simply asked again.
            client.publish(root + "/cmd/index.resync", body.getBytes(StandardCharsets.UTF_8), 1, false);
            LOG.info("mirror asked for a snapshot ({}; version held {})", id, replica.version());
        } catch (MqttException | RuntimeException e) {
            LOG.warn("mirror cannot ask for a snapshot: {}", e.getMessage());
        }
    }

    /**
     * A consistent reading of the replica.
     *
     * @param connected whether the mirror is connected and subscribed now
     * @param connects  successful connections so far, the first included
     */
    public record Status(long version, int entries, String hash, boolean synced, long gaps, long resyncs, long rejected,
                         boolean connected, long connects) {
    }

    public synchronized Status status() {
        return new Status(replica.version(), replica.entries(), replica.hash(), !replica.wantsResync(), replica.gaps(),
                resyncs, rejected, up(), connects.get());
    }

    /** Disconnects and stops the mirror's threads; returns within a few seconds whatever the broker does. */
    @Override
    public void close() {
        running = false;
        wake();
        connection.interrupt(); // ends a wait for CONNACK or SUBACK at once
        applier.interrupt();
        try {
            connection.join(5_000);
            if (Thread.currentThread() != applier) {
                applier.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (connection.isAlive()) {
            LOG.warn("mirror: connection thread still busy after close; left to end by itself");
        }
    }

    /** Paho's callbacks, for one client: they never block, and ignore a client that is no longer current. */
    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectionLost(Throwable cause) {
            if (owner == client) {
                connected = false;
                LOG.info("mirror lost the broker: {}", cause == null ? "" : cause.getMessage());
                wake();
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (owner != client) {
                return; // from a client given up (counted missed): it must not land behind the marker of the next
            }
            if (arrivals.size() < MAX_QUEUED && arrivals.offer(new Arrival(topic, message.getPayload()))) {
                dropping = false;
            } else if (!dropping) {
                dropping = true;
                arrivals.offer(MAY_HAVE_MISSED);
                LOG.warn("mirror falling behind: {} messages wait; dropping ({} so far) until it catches up, then resync",
                        MAX_QUEUED, dropped.incrementAndGet());
            } else {
                dropped.incrementAndGet();
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
