package org.storeroom.gateway.internal.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The central side as the tests see it: a Paho client subscribed at QoS 1 to everything under a room's
 * topic root, keeping every message in arrival order. A persistent session (clean session off) keeps
 * messages for it at the broker while it is away.
 */
final class Subscriber implements AutoCloseable {
    record Received(String topic, JsonNode body, boolean retained) { }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MqttClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final String filter;
    private final List<Received> received = new ArrayList<>();

    Subscriber(String brokerUrl, String clientId, boolean persistentSession, String filter) throws MqttException {
        this.client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        this.filter = filter;
        options.setCleanSession(!persistentSession);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(1000);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // The test reconnects when it restarts the broker.
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) throws IOException {
                JsonNode body = JSON.readTree(message.getPayload());
                synchronized (received) {
                    received.add(new Received(topic, body, message.isRetained()));
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        connect();
    }

    void connect() throws MqttException {
        client.connect(options);
        client.subscribe(filter, 1);
    }

    boolean connected() {
        return client.isConnected();
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** @return the events received, in arrival order */
    List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        for (Received r : received()) {
            if (r.topic().contains("/events/")) {
                out.add(r.body());
            }
        }
        return out;
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(1000);
        }
        client.close(true);
    }
}
