package org.storeroom.gateway.internal.uplink;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.gateway.api.StoreException;
import org.storeroom.gateway.api.SubsystemHealth;
import org.storeroom.gateway.internal.uplink.OutboxTable.Pending;

/**
 * Drains the outbox to the broker over MQTT QoS 1 with Paho, in seq order, with at most a window of
 * messages unacknowledged; a message leaves the outbox only once the broker acknowledged it.
 *
 * <p>Paho is kept in memory mode with its own reconnect off: durability and retry are ours. After any
 * break the publisher reconnects with backoff and sends again everything not yet acknowledged, from the
 * oldest, so each topic's messages reach the broker in order; a message acknowledged just before a
 * crash may be sent twice, with the same seq and id.
 *
 * <p>One thread owns the connection, and each connection gets a fresh Paho client: Paho 1.2.5 reuses a
 * client's internal state across connects, and when a connection broke while Paho's callback thread was
 * still taking a command, reconnecting that client waited forever (for the callback thread, or for a
 * sender stopped at once by the command's PUBACK, queued after the queues were cleared for the dead
 * connection). Every wait on the broker is bounded, and ended by {@link #close}. Paho's callbacks only
 * record acknowledgements, hand commands on and wake the thread.
 */
final class MqttPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);
    /**
     * Delete acknowledged messages in batches: one transaction (and fsync, on the writer thread that also
     * records) per this many, or once this long after the last; not at every idle moment, which with
     * messages handed over as they commit would mean a transaction per few messages.
     */
    private static final int FORGET_BATCH = 4096;
    private static final long FORGET_EVERY_NS = 100_000_000L;
    private static final int READ_AHEAD = 1024;
    /** TCP connect and TLS handshake: Paho's own bound. */
    private static final int SOCKET_TIMEOUT_S = 10;
    /** Connect (socket and CONNACK) and subscribe (SUBACK) at most this long: Paho bounds neither answer. */
    private static final long BROKER_TIMEOUT_MS = 15_000;

    private final OutboxTable outbox;
    private final UplinkSettings s;
    private final String version;
    private final Clock clock;
    private final java.util.function.BiConsumer<String, byte[]> commands;
    private final String clientId;
    private final ObjectMapper json = new ObjectMapper();
    private final Thread loop;
    /** Set by whoever has something for the loop; the loop is unparked only when it was not set already. */
    private final java.util.concurrent.atomic.AtomicBoolean woken = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean running = true;

    /** seq → connection epoch it was sent on. */
    private final Map<Long, Integer> inflight = new ConcurrentHashMap<>();
    private final AckedSeqs acked = new AckedSeqs();
    private volatile int epoch;
    private volatile boolean broken;
    private volatile boolean connected;
    private volatile String lastError = "";
    private volatile Instant since;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong connectAttempts = new AtomicLong();
    private volatile long lastAckedSeq;
    private volatile boolean alarmRaised;

    /** Written by the loop thread only; read by Paho's callbacks, to ignore a client given up. */
    private volatile MqttAsyncClient client;
    // Owned by the loop thread.
    /** Reads the outbox in seq order; what was read and not yet sent waits in {@code ahead}. */
    private final OutboxReader reader;
    private final java.util.ArrayDeque<Pending> ahead = new java.util.ArrayDeque<>();
    /** Full topic names by the outbox's topic: a handful, built once rather than per message. */
    private final Map<String, String> topics = new java.util.HashMap<>();
    private long lastForget = System.nanoTime();
    /** Deletes acknowledged messages off the loop thread, so that sending never waits for a delete's commit. */
    private final java.util.concurrent.ExecutorService forgetter = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "uplink-forget");
        t.setDaemon(true);
        return t;
    });
    /** The delete under way and the seqs it deletes, put back into {@code acked} should it fail. */
    private java.util.concurrent.Future<?> forgetting;
    private long[] forgettingBatch;

    MqttPublisher(OutboxTable outbox, UplinkSettings settings, String version, Clock clock) {
        this(outbox, settings, version, clock, (name, payload) -> { });
    }

    /** @param commands takes each command arriving on {@code …/cmd/{name}}, on Paho's thread; must not block */
    MqttPublisher(OutboxTable outbox, UplinkSettings settings, String version, Clock clock,
                  java.util.function.BiConsumer<String, byte[]> commands) {
        this.commands = commands;
        this.outbox = outbox;
        this.s = settings;
        this.version = version;
        this.clock = clock;
        this.clientId = settings.clientId().isEmpty() ? "storeroom-" + outbox.instance() : settings.clientId();
        this.since = clock.instant();
        outbox.capacity(settings.outboxCapacity());
        outbox.onRecorded(this::wake);
        reader = outbox.reader();
        loop = new Thread(this::run, "uplink-publisher");
        loop.setDaemon(true);
    }

    MqttPublisher start() {
        loop.start();
        return this;
    }

    void wake() {
        // Park and unpark, not a monitor's wait and notify: an acknowledgement arrives for every message, and
        // a notified thread must then also take the monitor from its notifier.
        if (!woken.getAndSet(true)) {
            java.util.concurrent.locks.LockSupport.unpark(loop);
        }
    }

    /** Returns when woken (or at once, if woken since the last return), after {@code ms}, or at random. */
    private void await(long ms) {
        if (!woken.getAndSet(false) && ms > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(this, ms * 1_000_000);
            woken.set(false); // a wake-up after this leaves its permit: the next park returns at once
            if (Thread.currentThread().isInterrupted()) {
                running = false;
            }
        }
    }

    /** Waits the whole time, whatever is recorded meanwhile (a busy room must not hurry reconnects); only closing ends it early. */
    private void pause(long ms) {
        long until = System.nanoTime() + ms * 1_000_000;
        for (long left = ms; running && left > 0; left = (until - System.nanoTime()) / 1_000_000) {
            await(left);
        }
    }

    private void run() {
        long backoff = s.reconnectMinMs();
        while (running) {
            try {
                watchLevel();
                if (s.brokerUrl().isEmpty()) {
                    await(1000);
                    continue;
                }
                if (connected && !broken && !client.isConnected()) {
                    fail(epoch, "connection lost"); // lost while connect() was finishing, so not heard then
                }
                if (!connected || broken) {
                    forgetAcknowledged(true); // acknowledged before the break: gone, connected or not
                    if (connect()) {
                        backoff = s.reconnectMinMs();
                    } else {
                        // Jitter keeps a room full of gateways from reconnecting in step after a broker restart.
                        pause(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
                        backoff = Math.min(backoff * 2, s.reconnectMaxMs());
                        continue;
                    }
                }
                if (!pump()) {
                    await(acked.size() == 0 && forgetting == null ? 1000 : 10);
                }
            } catch (StoreException e) {
                lastError = "database: " + e.getMessage();
                LOG.error("uplink cannot read or update the outbox; retrying", e);
                pause(1000);
            } catch (RuntimeException e) {
                lastError = e.toString();
                LOG.error("uplink publisher failed; reconnecting", e);
                broken = true;
                pause(s.reconnectMinMs());
            }
        }
        shutdown();
    }

    private boolean connect() {
        connectAttempts.incrementAndGet();
        dropClient(); // never reused: see the class comment
        try {
            MqttAsyncClient c = new MqttAsyncClient(s.brokerUrl(), clientId, new MemoryPersistence());
            client = c;
            c.setCallback(new Callback(c));
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setAutomaticReconnect(false);
            o.setMaxInflight(s.inflightWindow() + 8); // room for status messages on top of the window
            o.setKeepAliveInterval(s.keepAliveSeconds());
            o.setConnectionTimeout(SOCKET_TIMEOUT_S);
            o.setWill(s.topicRoot() + "/status", status("offline", "connection lost"), 1, true);
            if (!s.username().isEmpty()) {
                o.setUserName(s.username());
                o.setPassword(s.password().toCharArray());
            }
            if (s.brokerUrl().startsWith("ssl:")) {
                o.setSocketFactory(PemTls.socketFactory(s.caFile(), s.certFile(), s.keyFile()));
            }
            awaitBroker(c.connect(o, null, wakeWhenDone));
            awaitBroker(c.subscribe(s.topicRoot() + "/cmd/+", 1, null, wakeWhenDone));
            epoch++;
            inflight.clear();
            ahead.clear();
            reader.restart();
            broken = false;
            connected = true;
            since = clock.instant();
            connects.incrementAndGet();
            c.publish(s.topicRoot() + "/status", status("online", null), 1, true);
            LOG.info("uplink connected to {} as {} ({} messages waiting)", s.brokerUrl(), clientId, outbox.queued());
            lastError = "";
            return true;
        } catch (MqttException | IllegalArgumentException e) {
            dropClient();
            if (!running) {
                return false; // close() ended the wait
            }
            String why = describe(e);
            if (!why.equals(lastError)) {
                LOG.warn("uplink cannot connect to {}: {} ({} messages waiting; retrying)", s.brokerUrl(), why, outbox.queued());
            }
            lastError = why;
            return false;
        }
    }

    /**
     * Waits for the broker's answer to {@code t}, at most {@link #BROKER_TIMEOUT_MS} and only while the
     * publisher runs, so that close() never waits for a broker that accepted the socket and went quiet.
     */
    private void awaitBroker(IMqttToken t) throws MqttException {
        long until = System.nanoTime() + BROKER_TIMEOUT_MS * 1_000_000;
        // Paho 1.2.5 never marks a failed token complete: it only carries the exception.
        while (!t.isComplete() && t.getException() == null) {
            long left = (until - System.nanoTime()) / 1_000_000;
            if (!running) {
                throw new MqttException(MqttException.REASON_CODE_CLIENT_CLOSED);
            }
            if (left <= 0) {
                throw new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT);
            }
            await(left); // woken by wakeWhenDone, by close(), or by a new message in the outbox
        }
        if (t.getException() != null) {
            throw t.getException();
        }
    }

    private final IMqttActionListener wakeWhenDone = new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            wake();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            wake();
        }
    };

    /** Sends what the window allows and forgets what was acknowledged; @return whether it did anything. */
    private boolean pump() throws StoreException {
        boolean did = forgetAcknowledged(false);
        if (inflight.size() >= s.inflightWindow()) {
            return did;
        }
        int e = epoch;
        if (ahead.isEmpty()) {
            reader.next(ahead, Math.max(READ_AHEAD, s.inflightWindow()));
        }
        while (!ahead.isEmpty() && inflight.size() < s.inflightWindow()) {
            Pending p = ahead.peek();
            inflight.put(p.seq(), e);
            try {
                MqttMessage m = new MqttMessage(p.payload());
                m.setQos(1);
                client.publish(topics.computeIfAbsent(p.topic(), t -> s.topicRoot() + "/" + t), m, p.seq(), new Delivery(e));
            } catch (MqttException ex) {
                inflight.remove(p.seq());
                if (ex.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                    fail(e, describe(ex));
                }
                return true; // it stays at the head of the queue: sent again later, in order
            }
            ahead.poll();
            published.incrementAndGet();
            did = true;
        }
        return did;
    }

    /**
     * Deletes what the broker acknowledged: in batches, by count or by time, one batch at a time on the
     * forgetter thread while sending goes on; with {@code now}, everything, waiting until it is deleted.
     *
     * @return whether it deleted anything or started to
     */
    private boolean forgetAcknowledged(boolean now) throws StoreException {
        boolean did = finishForgetting(now);
        if (forgetting != null || acked.size() == 0 || !(now || acked.size() >= FORGET_BATCH
                || System.nanoTime() - lastForget > FORGET_EVERY_NS)) {
            return did;
        }
        long[] batch = acked.take();
        forgettingBatch = batch;
        forgetting = forgetter.submit(() -> {
            outbox.forget(batch);
            return null;
        });
        lastForget = System.nanoTime();
        if (now) {
            finishForgetting(true);
        }
        return true;
    }

    /**
     * Ends a finished delete; a failed one puts its seqs back into {@code acked}, to be deleted again.
     *
     * @param wait whether to wait for a delete under way
     * @return whether a delete finished
     */
    private boolean finishForgetting(boolean wait) throws StoreException {
        if (forgetting == null || !(wait || forgetting.isDone())) {
            return false;
        }
        try {
            forgetting.get();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            acked.restore(forgettingBatch);
            if (e.getCause() instanceof StoreException se) {
                throw se;
            }
            throw new IllegalStateException("deleting acknowledged messages failed", e.getCause());
        } finally {
            if (forgetting.isDone()) {
                forgetting = null;
                forgettingBatch = null;
            }
        }
    }

    /** Raises an alarm event, once, when the outbox fills past its alarm level; clears it well below. */
    private void watchLevel() throws StoreException {
        long queued = outbox.queued();
        long at = s.alarmAt();
        if (!alarmRaised && queued >= at) {
            alarmRaised = true;
            LOG.error("uplink outbox is {}% full: {} of {} messages wait for the central service ({})",
                    queued * 100 / s.outboxCapacity(), queued, s.outboxCapacity(), lastError.isEmpty() ? "connected" : lastError);
            outbox.record(c -> outbox.event(c, "alarm", levelAlarm("raised", queued)));
        } else if (alarmRaised && queued < at * 9 / 10) {
            alarmRaised = false;
            LOG.info("uplink outbox back to {} messages waiting", queued);
            outbox.record(c -> outbox.event(c, "alarm", levelAlarm("cleared", queued)));
        }
    }

    private Map<String, Object> levelAlarm(String state, long queued) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("code", "uplink.outbox-filling");
        a.put("state", state);
        a.put("queued", queued);
        a.put("capacity", s.outboxCapacity());
        return a;
    }

    private void fail(int onEpoch, String why) {
        if (onEpoch == epoch && !broken) {
            broken = true;
            connected = false;
            since = clock.instant();
            lastError = why;
            LOG.warn("uplink lost the broker {}: {} ({} messages waiting)", s.brokerUrl(), why, outbox.queued());
        }
        wake();
    }

    private byte[] status(String state, String cause) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", state);
        m.put("version", version);
        m.put("time", clock.instant().toString());
        m.put("instance", outbox.instance());
        if (cause != null) {
            m.put("cause", cause);
        }
        try {
            return json.writeValueAsBytes(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void shutdown() {
        MqttAsyncClient c = client;
        try {
            if (c != null && c.isConnected()) {
                c.publish(s.topicRoot() + "/status", status("offline", "shutdown"), 1, true).waitForCompletion(2000);
                c.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            LOG.debug("uplink: clean disconnect failed: {}", describe(e));
        }
        dropClient();
    }

    /** Disconnects and releases the current client, whatever state it is in; never waits long. */
    private void dropClient() {
        MqttAsyncClient c = client;
        client = null; // its late callbacks are ignored from now on
        connected = false;
        if (c == null) {
            return;
        }
        try {
            c.disconnectForcibly(0, 500, false);
        } catch (MqttException | RuntimeException ignored) {
            // already disconnected
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException ignored) {
            // nothing more to release
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e.getCause();
        return e.getMessage() + (cause != null && cause != e ? " (" + cause.getMessage() + ")" : "");
    }

    SubsystemHealth health() {
        long queued = outbox.queued();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("broker", s.brokerUrl());
        d.put("topicRoot", s.topicRoot());
        d.put("connected", connected && !broken);
        d.put("since", since.toString());
        d.put("queued", queued);
        d.put("capacity", s.outboxCapacity());
        d.put("inflight", inflight.size());
        d.put("published", published.get());
        d.put("acknowledged", acknowledged.get());
        d.put("lastAcknowledgedSeq", lastAckedSeq);
        d.put("lastSeq", outbox.lastSeq());
        d.put("connects", connects.get());
        d.put("connectAttempts", connectAttempts.get());
        d.put("telemetryShed", outbox.shed());
        d.put("lastError", lastError);
        if (s.brokerUrl().isEmpty()) {
            return SubsystemHealth.down("no central broker configured; " + queued + " messages wait in the outbox", d);
        }
        if (!connected || broken) {
            return SubsystemHealth.down("cannot reach the central broker since " + since + " (" + lastError + "); "
                    + queued + " messages wait in the outbox", d);
        }
        if (queued >= s.alarmAt()) {
            return SubsystemHealth.degraded("connected, but the outbox is " + queued * 100 / s.outboxCapacity()
                    + "% full (" + queued + " messages)", d);
        }
        return SubsystemHealth.up("connected to the central broker; " + queued + " messages waiting", d);
    }

    /** Stops the publisher: a clean disconnect when connected (a few seconds at most), at once otherwise. */
    @Override
    public void close() {
        running = false;
        wake(); // ends a pause, or a wait for the broker's answer
        try {
            loop.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (loop.isAlive()) {
            LOG.warn("uplink publisher still busy after close; left to end by itself");
        }
        forgetter.shutdown(); // a delete under way finishes; what it did not reach is sent again after a restart
        outbox.onRecorded(() -> { });
    }

    private final class Delivery implements IMqttActionListener {
        private final int sentOn;

        Delivery(int sentOn) {
            this.sentOn = sentOn;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            long seq = (Long) token.getUserContext();
            inflight.remove(seq, sentOn);
            acked.add(seq);
            acknowledged.incrementAndGet();
            lastAckedSeq = Math.max(lastAckedSeq, seq);
            wake();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            inflight.remove((Long) token.getUserContext(), sentOn);
            fail(sentOn, e == null ? "delivery failed" : e.getMessage());
        }
    }

    /** Paho's callbacks for one client: they never block, and a loss of a client given up is not heard. */
    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectionLost(Throwable cause) {
            if (owner == client) {
                fail(epoch, cause == null ? "connection lost" : cause.getMessage());
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (topic.startsWith(s.topicRoot() + "/cmd/")) {
                commands.accept(topic.substring(s.topicRoot().length() + 5), message.getPayload());
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Acknowledgements are handled per message by Delivery.
        }
    }
}
