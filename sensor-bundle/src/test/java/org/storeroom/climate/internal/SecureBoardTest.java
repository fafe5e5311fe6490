package org.storeroom.climate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.bus.BusNetwork;
import org.storeroom.bus.BusSecurity;
import org.storeroom.bus.Relay;
import org.storeroom.climate.api.Holdings;
import org.storeroom.gateway.internal.audit.AuditTrail;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.gateway.internal.uplink.UplinkComponent;
import org.storeroom.node.Boards;
import org.storeroom.node.sensor.SensorNode;
import org.storeroom.node.sensor.SensorNodeConfig;
import org.storeroom.node.sensor.SensorWiring;
import org.storeroom.node.sensor.Sht;
import org.storeroom.node.sensor.SimulatedSht;
import org.storeroom.testing.Await;

/** A sensor board in secure mode: the environment drives its relays over DTLS; a plain relay command is refused. */
class SecureBoardTest {
    @Test
    void theEnvironmentSwitchesASecureBoardOverDtlsAndAPlainCommandIsRefused(@TempDir Path dir) throws Exception {
        SimulatedSht chip = new SimulatedSht(Sht.Model.SHT3X);
        chip.air(23.5, 52);
        Context pi4j = Boards.mock(Map.of(0x44, chip));
        BusSecurity.Psk psk = new BusSecurity.Psk("sensor-1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        SensorNode board = new SensorNode(new SensorNodeConfig("sensor-1", "zone-1", new InetSocketAddress("127.0.0.1", 0),
                SensorWiring.reference("s1", false), 500), pi4j, null, psk);
        for (String id : List.of("smoke-s1-healthy", "water-s1", "door-s1")) {
            pi4j.registry().get(id, MockDigitalInput.class).mockState(DigitalState.HIGH);
        }
        board.start();
        SqliteStore store = SqliteStore.open(dir.resolve("g.db"), "NORMAL");
        UplinkComponent outbox = UplinkComponent.open(store, "", "gjj", "room-1", 64);
        EnvironmentComponent env = null;
        CoapEndpoint plain = new CoapEndpoint.Builder().setConfiguration(BusNetwork.lan()).build();
        try {
            CoapClient c = new CoapClient("coap://127.0.0.1:" + board.server().boundAddress().getPort() + "/outputs");
            c.setEndpoint(plain);
            CoapResponse refused = c.put("{\"relays\":{\"AIR_CONDITIONER\":true},\"origin\":\"intruder\"}", MediaTypeRegistry.APPLICATION_JSON);
            assertThat(refused.getCode()).isEqualTo(ResponseCode.UNAUTHORIZED);
            assertThat(board.relays().relays()).containsEntry(Relay.AIR_CONDITIONER, false);

            Path keys = Files.writeString(dir.resolve("sensor.keys"), "sensor-1=" + java.util.HexFormat.of().formatHex(psk.key()) + "\n");
            TreeMap<String, URI> nodes = new TreeMap<>(Map.of("sensor-1", URI.create("coaps://127.0.0.1:" + board.server().secureAddress().getPort())));
            env = new EnvironmentComponent(store, outbox, new AuditTrail(store, outbox, Clock.systemUTC()),
                    new EnvironmentSettings(nodes, Map.of("zone-1", Holdings.PAPER), 5000, true, 1000, org.storeroom.climate.core.Protections.DEFAULT,
                            BusSecurity.readKeys(keys), org.storeroom.climate.core.FreshAirSchedule.NONE, ""), Clock.systemUTC(), ZoneOffset.UTC);
            Await.until("cooling switched on over DTLS", 15_000, () -> board.relays().relays().get(Relay.AIR_CONDITIONER));
        } finally {
            plain.destroy();
            if (env != null) {
                env.close();
            }
            board.close();
            pi4j.shutdown();
            outbox.close();
            store.close();
        }
    }
}
