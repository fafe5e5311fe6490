package org.storeroom.rfid.internal.warehouse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.gateway.api.StoreException;
import org.storeroom.rfid.core.VendorEvents;

/**
 * Readers that publish their tag events over MQTT (Zebra IoT Connector, Impinj IoT device interface) on
 * the room's local broker. Subscribes to the configured topic filters; the reader's name is the topic
 * level where the filter has its first {@code +} (e.g. {@code fx9600-door} in {@code rfid/fx9600-door/events}
 * for the filter {@code rfid/+/events}), unless the event names its host.
 *
 * <p>Messages are handed to one thread that decodes and ingests them in arrival order, so Paho's thread
 * never waits for the disk; when that thread falls 1,000 messages behind, new ones are dropped and
 * counted (readers repeat what they see; an alarm never waits behind a backlog of old reads).
 */
final class MqttReaders implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttReaders.class);

    private final String url;
    private final String[] filters;
    private final ReadIngest ingest;
    private final MqttAsyncClient client;
    private final ThreadPoolExecutor worker;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean connected;

    /**
     * @param url     the local broker, e.g. {@code tcp://127.0.0.1:1883}
     * @param filters topic filters, e.g. {@code rfid/+/events}
     */
    MqttReaders(String url, String[] filters, ReadIngest ingest) throws MqttException {
        this.url = url;
        this.filters = filters.clone();
        this.ingest = ingest;
        for (String f : filters) {
            if (f == null || f.isBlank() || f.startsWith("$")) {
                throw new IllegalArgumentException("readerTopics entry '" + f + "' is not an MQTT topic filter like rfid/+/events");
            }
        }
        worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1000), r -> {
            Thread t = new Thread(r, "rfid-mqtt");
            t.setDaemon(true);
            return t;
        }, (r, executor) -> {
            if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.warn("reader events arrive faster than they are taken: {} messages dropped so far", dropped.get());
            }
        });
        client = new MqttAsyncClient(url, "storeroom-readers-" + Long.toHexString(System.nanoTime()), new MemoryPersistence());
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                connected = true;
                subscribe();
            }

            @Override
            public void connectionLost(Throwable cause) {
                connected = false;
                LOG.warn("reader broker {} lost: {}; reconnecting", url, cause == null ? "closed" : cause.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                messages.incrementAndGet();
                byte[] payload = message.getPayload();
                worker.execute(() -> take(topic, payload));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // nothing is published
            }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(30_000);
        o.setKeepAliveInterval(30);
        client.connect(o, null, new org.eclipse.paho.client.mqttv3.IMqttActionListener() {
            @Override
            public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken t) {
                // connectComplete subscribes
            }

            @Override
            public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken t, Throwable e) {
                LOG.warn("reader broker {} cannot be reached: {}; trying again", url, e.getMessage());
                retry();
            }
        });
    }

    /** Paho reconnects only after a first successful connection: until then, try again here. */
    private void retry() {
        Thread t = new Thread(() -> {
            long wait = 1000;
            while (!connected && !worker.isShutdown()) {
                try {
                    TimeUnit.MILLISECONDS.sleep(wait);
                    MqttConnectOptions o = new MqttConnectOptions();
                    o.setCleanSession(true);
                    o.setAutomaticReconnect(true);
                    o.setMaxReconnectDelay(30_000);
                    client.connect(o).waitForCompletion(10_000);
                } catch (InterruptedException e) {
                    return;
                } catch (MqttException e) {
                    wait = Math.min(30_000, wait * 2);
                }
            }
        }, "rfid-mqtt-connect");
        t.setDaemon(true);
        t.start();
    }

    private void subscribe() {
        try {
            int[] qos = new int[filters.length];
            client.subscribe(filters, qos);
            LOG.info("reading tag events from {} on {}", url, String.join(", ", filters));
        } catch (MqttException e) {
            LOG.error("cannot subscribe to reader topics {} on {}: {}", String.join(", ", filters), url, e.getMessage());
        }
    }

    private void take(String topic, byte[] payload) {
        VendorEvents.Parsed parsed = VendorEvents.parse(payload, readerOf(topic));
        if (!parsed.rejected().isEmpty()) {
            if (rejected.getAndAdd(parsed.rejected().size()) < 20) {
                LOG.warn("reader events on {} rejected: {}", topic, parsed.rejected().get(0));
            }
        }
        if (parsed.reads().isEmpty()) {
            return;
        }
        try {
            ingest.ingest(parsed.reads());
        } catch (StoreException | RuntimeException e) {
            LOG.error("reads from {} could not be recorded: {}", topic, e.getMessage());
        }
    }

    /** The topic level where the matching filter has its first {@code +}; else the whole topic. */
    String readerOf(String topic) {
        String[] levels = topic.split("/", -1);
        for (String f : filters) {
            String[] fl = f.split("/", -1);
            int plus = java.util.Arrays.asList(fl).indexOf("+");
            if (plus >= 0 && plus < levels.length && matches(fl, levels)) {
                return levels[plus];
            }
        }
        return topic;
    }

    private static boolean matches(String[] filter, String[] topic) {
        for (int i = 0; i < filter.length; i++) {
            if (filter[i].equals("#")) {
                return true;
            }
            if (i >= topic.length || !filter[i].equals("+") && !filter[i].equals(topic[i])) {
                return false;
            }
        }
        return filter.length == topic.length;
    }

    Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("broker", url);
        m.put("connected", connected);
        m.put("messages", messages.get());
        m.put("dropped", dropped.get());
        m.put("rejectedEvents", rejected.get());
        return m;
    }

    boolean connected() {
        return connected;
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("reader broker client closed with {}", e.getMessage());
        }
        connected = false;
    }
}
