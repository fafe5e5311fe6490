package org.storeroom.runtime;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;

/**
 * The demo's MQTT broker (Moquette) on loopback, so that the uplink is live without installing anything.
 * It keeps nothing on disk: the gateway's outbox is what must not lose messages, not the broker. Port 1883
 * when free, so that {@code mosquitto_sub -t 'storeroom/#'} just works, else any free port.
 */
final class EmbeddedBroker implements AutoCloseable {
    private final Server server = new Server();
    private final int port;

    private EmbeddedBroker(int port) {
        this.port = port;
    }

    static EmbeddedBroker start() throws StartupException {
        int port = portFree(1883) ? 1883 : 0;
        if (port == 0) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            } catch (IOException e) {
                throw StartupException.failed("no free port for the demo's MQTT broker: " + e.getMessage(), e);
            }
        }
        EmbeddedBroker b = new EmbeddedBroker(port);
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("netty.epoll", "false");
        // Moquette closes the connection on packets over 8 KiB by default; the uplink sends up to 1 MB.
        p.setProperty("netty.mqtt.message_size", Integer.toString(2 * 1024 * 1024));
        try {
            b.server.startServer(new MemoryConfig(p));
        } catch (IOException | RuntimeException e) {
            throw StartupException.failed("the demo's MQTT broker cannot start on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        return b;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.stopServer();
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
