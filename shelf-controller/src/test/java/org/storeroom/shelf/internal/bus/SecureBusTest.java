package org.storeroom.shelf.internal.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.storeroom.testing.Await.until;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.bus.BusCodec;
import org.storeroom.bus.BusNetwork;
import org.storeroom.bus.BusSecurity;
import org.storeroom.bus.MotionCommand;
import org.storeroom.gateway.api.SubsystemHealth.Status;
import org.storeroom.node.Boards;
import org.storeroom.node.column.ColumnNode;
import org.storeroom.node.column.ColumnNodeConfig;
import org.storeroom.shelf.api.BusReply;

/**
 * Secure mode over real DTLS (Scandium) with a pre-shared key per node: the gateway's bus client reaches
 * the node with its key; a plain CoAP command is refused 4.01; a client with the wrong key gets nothing.
 */
class SecureBusTest {
    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff0123456789abcdef");
    @TempDir
    Path dir;
    private Context pi4j;
    private ColumnNode node;
    private DeviceBusClient client;

    @BeforeEach
    void start() {
        pi4j = Boards.mock();
        node = new ColumnNode(new ColumnNodeConfig(7, new InetSocketAddress("127.0.0.1", 0), 0, null), pi4j, () -> 0, null,
                new BusSecurity.Psk("column-7", KEY));
        node.io().safetyInputs().values().forEach(in -> ((MockDigitalInput) in).mockState(DigitalState.HIGH));
        node.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        node.close();
        pi4j.shutdown();
    }

    private Path keyFile(String line) throws Exception {
        return Files.writeString(dir.resolve("bus.keys"), line + "\n");
    }

    @Test
    void theGatewayReachesTheNodeWithItsKey() throws Exception {
        TreeMap<Integer, URI> map = new TreeMap<>();
        map.put(7, URI.create("coaps://127.0.0.1:" + node.server().secureAddress().getPort()));
        client = new DeviceBusClient(new DeviceBusSettings(map, Duration.ofMillis(200), Duration.ofMillis(1500), 200, 2,
                BusSecurity.readKeys(keyFile("column-7=" + HexFormat.of().formatHex(KEY)))), Clock.systemUTC());
        until("column 7 online over DTLS", 15_000, () -> client.check().status() == Status.UP);
        BusReply stop = client.motion(7, MotionCommand.stop()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(stop.ok()).as(stop.toString()).isTrue();
    }

    @Test
    void aPlainCommandIsRefusedAndAWrongKeyGetsNothing() throws Exception {
        CoapEndpoint plain = new CoapEndpoint.Builder().setConfiguration(BusNetwork.lan()).build();
        try {
            CoapClient c = new CoapClient("coap://127.0.0.1:" + node.server().boundAddress().getPort() + "/motion");
            c.setEndpoint(plain);
            c.setTimeout(5000L);
            CoapResponse r = c.post(BusCodec.get().encode(MotionCommand.stop(), BusCodec.JSON), BusCodec.JSON);
            assertThat(r.getCode()).isEqualTo(ResponseCode.UNAUTHORIZED);
            assertThat(r.getResponseText()).startsWith("secure mode: commands are taken only over DTLS");
            CoapClient health = new CoapClient("coap://127.0.0.1:" + node.server().boundAddress().getPort() + "/health");
            health.setEndpoint(plain);
            assertThat(health.get().getCode()).as("reading stays open").isEqualTo(ResponseCode.CONTENT);
        } finally {
            plain.destroy();
        }
        InetSocketAddress secure = node.server().secureAddress();
        byte[] wrong = KEY.clone();
        wrong[0] ^= 1;
        org.eclipse.californium.elements.config.Configuration lan = BusNetwork.lan(200, 1);
        CoapEndpoint impostor = new CoapEndpoint.Builder().setConfiguration(lan)
                .setConnector(BusSecurity.gatewayConnector(Map.of(secure, new BusSecurity.Psk("column-7", wrong)), lan)).build();
        try {
            CoapClient c = new CoapClient("coaps://127.0.0.1:" + secure.getPort() + "/motion");
            c.setEndpoint(impostor);
            c.setTimeout(3000L);
            assertThat(c.post(BusCodec.get().encode(MotionCommand.stop(), BusCodec.JSON), BusCodec.JSON))
                    .as("the handshake fails: no answer at all").isNull();
        } finally {
            impostor.destroy();
        }
    }

    @Test
    void aCoapsNodeWithoutAKeyAndABadKeyFileAreNamed() throws Exception {
        TreeMap<Integer, URI> map = new TreeMap<>();
        map.put(7, URI.create("coaps://127.0.0.1:5684"));
        assertThatThrownBy(() -> new DeviceBusSettings(map, Duration.ofMillis(200), Duration.ofMillis(1500), 200, 2, Map.of()))
                .hasMessage("column 7 is reached over coaps but the key file has no key for column-7");
        Path bad = keyFile("column-7=xyz");
        assertThatThrownBy(() -> BusSecurity.readKeys(bad)).hasMessage("key file " + bad + ": the key of column-7 is not hexadecimal");
        Path shortKey = keyFile("column-7=0011");
        assertThatThrownBy(() -> BusSecurity.readKeys(shortKey)).hasMessageContaining("the key of column-7 is 2 bytes; at least 16");
    }
}
