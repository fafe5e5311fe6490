package org.storeroom.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference mirror over MQTT: subscribes to a room's index topics, feeds an {@link IndexReplica},
 * and sends {@code index.resync} when the replica wants a snapshot (again every few seconds until one
 * arrives). Reconnects by itself; a message missed while away shows as a gap and is repaired by resync.
 */
public final class MirrorClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MirrorClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String root;
    private final MqttClient client;
    private final IndexReplica replica = new IndexReplica();
    private final Clock clock;
    private final long resyncEveryMs;
    private final Consumer<IndexReplica> onChange;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mirror-resync");
        t.setDaemon(true);
        return t;
    });
    private long lastResyncAt;
    private long resyncs;
    private long lastPartAt;
    private long rejected;

    /**
     * @param onChange told, on the client's thread, after each message that changed the replica
     */
    public MirrorClient(String brokerUrl, String site, String room, long resyncEveryMs, Consumer<IndexReplica> onChange)
            throws MqttException {
        this.root = "storeroom/v1/" + site + "/" + room;
        this.clock = Clock.systemUTC();
        this.resyncEveryMs = resyncEveryMs;
        this.onChange = onChange;
        this.client = new MqttClient(brokerUrl, "storeroom-mirror-" + site + "-" + room + "-" + UUID.randomUUID().toString().substring(0, 8),
                new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setAutomaticReconnect(true);
        o.setCleanSession(true);
        o.setMaxReconnectDelay(2000);
        o.setMaxInflight(1000);
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                try {
                    client.subscribe(new String[] {root + "/index/delta", root + "/index/snapshot"}, new int[] {1, 1});
                } catch (MqttException e) {
                    LOG.warn("mirror cannot subscribe: {}", e.getMessage());
                }
                if (reconnect) {
                    LOG.info("mirror reconnected to {}", serverURI);
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
                LOG.info("mirror lost the broker: {}", cause == null ? "" : cause.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                take(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        client.connect(o);
        client.subscribe(new String[] {root + "/index/delta", root + "/index/snapshot"}, new int[] {1, 1});
        timer.scheduleWithFixedDelay(this::resyncIfWanted, 0, Math.max(50, resyncEveryMs / 4), TimeUnit.MILLISECONDS);
    }

    private synchronized void take(String topic, byte[] payload) {
        try {
            JsonNode m = JSON.readTree(payload);
            if (topic.endsWith("/index/delta")) {
                replica.delta(m);
            } else {
                lastPartAt = clock.millis();
                replica.snapshot(m);
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            rejected++;
            LOG.warn("mirror: message on {} not taken: {}", topic, e.getMessage());
            return;
        }
        onChange.accept(replica);
    }

    private void resyncIfWanted() {
        String id;
        synchronized (this) {
            long now = clock.millis();
            // Not while a snapshot is still arriving: a big index takes longer than the interval to send,
            // and asking again would only queue a second whole snapshot behind the first.
            if (!replica.wantsResync() || now - Math.max(lastResyncAt, lastPartAt) < resyncEveryMs || !client.isConnected()) {
                return;
            }
            lastResyncAt = now;
            resyncs++;
            id = "resync-" + UUID.randomUUID();
        }
        String body = "{\"id\":\"" + id + "\",\"ts\":\"" + clock.instant() + "\",\"args\":{}}";
        try {
            client.publish(root + "/cmd/index.resync", body.getBytes(StandardCharsets.UTF_8), 1, false);
            LOG.info("mirror asked for a snapshot ({}; version held {})", id, replica.version());
        } catch (MqttException e) {
            LOG.warn("mirror cannot ask for a snapshot: {}", e.getMessage());
        }
    }

    /** A consistent reading of the replica. */
    public record Status(long version, int entries, String hash, boolean synced, long gaps, long resyncs, long rejected) {
    }

    public synchronized Status status() {
        return new Status(replica.version(), replica.entries(), replica.hash(), !replica.wantsResync(), replica.gaps(),
                resyncs, rejected);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("mirror close: {}", e.getMessage());
        }
    }
}
