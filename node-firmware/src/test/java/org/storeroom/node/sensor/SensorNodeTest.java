package org.storeroom.node.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.storeroom.bus.BusCodec;
import org.storeroom.bus.BusNetwork;
import org.storeroom.bus.ClimateReport;
import org.storeroom.bus.Contact;
import org.storeroom.bus.DetectorLevel;
import org.storeroom.bus.NodeHealth;
import org.storeroom.bus.ReadQuality;
import org.storeroom.bus.Relay;
import org.storeroom.bus.RelayCommand;
import org.storeroom.bus.RelayStates;
import org.storeroom.bus.SensorInputs;
import org.storeroom.node.Boards;
import org.storeroom.testing.Await;

/** The panel board of zone 1 served over real CoAP on loopback, with a simulated SHT31 on its I2C bus. */
class SensorNodeTest {
    private final SimulatedSht chip = new SimulatedSht(Sht.Model.SHT3X);
    private Context pi4j;
    private SensorNode node;
    private CoapEndpoint clientEndpoint;
    private String base;

    @BeforeEach
    void start() {
        pi4j = Boards.mock(Map.of(0x44, chip));
        chip.air(19.5, 51.0);
        node = new SensorNode(new SensorNodeConfig("sensor-1", "zone-1", new InetSocketAddress("127.0.0.1", 0),
                SensorWiring.reference("zone-1", true), 500), pi4j, null);
        // Healthy loops: fault lines, contacts and the panel's healthy line HIGH; automatic on.
        for (String id : List.of("smoke-zone-1-healthy", "vesda-zone-1-healthy", "water-zone-1", "door-zone-1", "panel-healthy", "panel-automatic")) {
            input(id).mockState(DigitalState.HIGH);
        }
        node.start();
        clientEndpoint = new CoapEndpoint.Builder().setConfiguration(BusNetwork.lan()).build();
        base = "coap://127.0.0.1:" + node.server().boundAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        clientEndpoint.destroy();
        node.close();
        pi4j.shutdown();
    }

    private MockDigitalInput input(String id) {
        return pi4j.registry().get(id, MockDigitalInput.class);
    }

    private CoapClient client(String path) {
        CoapClient c = new CoapClient(base + path);
        c.setEndpoint(clientEndpoint);
        c.setTimeout(5000L);
        return c;
    }

    private <T> T get(String path, Class<T> type) throws Exception {
        CoapResponse r = client(path).get(MediaTypeRegistry.APPLICATION_CBOR);
        assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
        return BusCodec.get().decode(r.getPayload(), BusCodec.CBOR, type);
    }

    private CoapResponse put(RelayCommand c) throws Exception {
        return client("outputs").put(BusCodec.get().encode(c, BusCodec.JSON), MediaTypeRegistry.APPLICATION_JSON);
    }

    @Test
    void listsItsResources() throws Exception {
        String links = client(".well-known/core").get().getResponseText();
        assertThat(links).contains("</climate>", "</inputs>", "</outputs>", "</health>", "rt=\"storeroom.sensor.climate\"", "obs");
    }

    @Test
    void servesTheAirItsSensorReads() throws Exception {
        ClimateReport c = get("climate", ClimateReport.class);
        assertThat(c.node()).isEqualTo("sensor-1");
        assertThat(c.zone()).isEqualTo("zone-1");
        assertThat(c.sensors()).singleElement().satisfies(r -> {
            assertThat(r.sensor()).isEqualTo("sht-0x44");
            assertThat(r.model()).isEqualTo("SHT3X");
            assertThat(r.quality()).isEqualTo(ReadQuality.GOOD);
            assertThat(r.temperatureC()).isEqualTo(19.5);
            assertThat(r.humidityPct()).isEqualTo(51.0);
        });
    }

    @Test
    void observersHearTheAirChangeAndAFailingSensor() throws Exception {
        BlockingQueue<ClimateReport> heard = new LinkedBlockingQueue<>();
        CoapObserveRelation relation = client("climate").observe(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse r) {
                heard.add(BusCodec.get().decode(r.getPayload(), r.getOptions().getContentFormat(), ClimateReport.class));
            }

            @Override
            public void onError() {
            }
        });
        try {
            chip.air(23.0, 58.0);
            ClimateReport warm = poll(heard, r -> r.sensors().get(0).quality() == ReadQuality.GOOD && r.sensors().get(0).temperatureC() == 23.0);
            assertThat(warm.sensors().get(0).humidityPct()).isEqualTo(58.0);
            chip.fault(SimulatedSht.Fault.BAD_CRC);
            ClimateReport bad = poll(heard, r -> r.sensors().get(0).quality() == ReadQuality.CRC_ERROR);
            assertThat(bad.sensors().get(0).temperatureC()).as("a bad read carries no value").isNull();
            assertThat(bad.sensors().get(0).problem()).contains("CRC");
            assertThat(get("health", NodeHealth.class).faults()).anySatisfy(f -> assertThat(f).contains("sht-0x44 CRC_ERROR"));
            chip.fault(SimulatedSht.Fault.NONE);
            poll(heard, r -> r.sensors().get(0).quality() == ReadQuality.GOOD);
            assertThat(bad.seq()).isGreaterThan(warm.seq());
        } finally {
            relation.proactiveCancel();
        }
    }

    private static ClimateReport poll(BlockingQueue<ClimateReport> q, java.util.function.Predicate<ClimateReport> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            ClimateReport r = q.poll(100, TimeUnit.MILLISECONDS);
            if (r != null && wanted.test(r)) {
                return r;
            }
        }
        throw new AssertionError("no such report within 10 s");
    }

    @Test
    void reportsDetectorLevelsContactsAndCutWires() throws Exception {
        SensorInputs quiet = get("inputs", SensorInputs.class);
        assertThat(quiet.detectors()).extracting(d -> d.level()).containsOnly(DetectorLevel.NORMAL);
        assertThat(quiet.contacts()).noneMatch(Contact::active);
        assertThat(quiet.firePanel().fire()).isFalse();
        assertThat(quiet.firePanel().automatic()).isTrue();

        input("vesda-zone-1-alert").mockState(DigitalState.HIGH);
        input("smoke-zone-1-healthy").mockState(DigitalState.LOW); // a cut wire
        input("water-zone-1").mockState(DigitalState.LOW);         // wet (or cut)
        Await.until("the inputs seen", 5000, () -> node.inputs().seq() > quiet.seq() + 2);
        SensorInputs now = get("inputs", SensorInputs.class);
        assertThat(now.detectors()).extracting(d -> d.id() + "=" + d.level())
                .containsExactly("smoke-zone-1=FAULT", "vesda-zone-1=ALERT");
        assertThat(now.contacts()).extracting(c -> c.id() + "=" + c.active()).containsExactly("water-zone-1=true", "door-zone-1=false");
        assertThat(get("health", NodeHealth.class).faults()).contains("detector smoke-zone-1 reports a fault");
        // An alarm is never hidden behind a fault.
        input("vesda-zone-1-fire1").mockState(DigitalState.HIGH);
        input("vesda-zone-1-healthy").mockState(DigitalState.LOW);
        Await.until("fire 1 seen", 5000, () -> node.inputs().detectors().get(1).level() == DetectorLevel.FIRE_1);
    }

    @Test
    void switchesRelaysForTheGatewayAndRefusesWhatItCannot() throws Exception {
        CoapResponse on = put(new RelayCommand(Map.of(Relay.DEHUMIDIFIER, true, Relay.DAMPERS, true), "climate-control"));
        assertThat(on.getCode()).isEqualTo(ResponseCode.CHANGED);
        RelayStates s = BusCodec.get().decode(on.getPayload(), BusCodec.JSON, RelayStates.class);
        assertThat(s.relays()).containsEntry(Relay.DEHUMIDIFIER, true).containsEntry(Relay.DAMPERS, true)
                .containsEntry(Relay.AIR_CONDITIONER, false);
        assertThat(s.heldOff()).isEmpty();

        CoapResponse bad = client("outputs").put("{\"relays\":{\"HEATER\":true},\"origin\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                MediaTypeRegistry.APPLICATION_JSON);
        assertThat(bad.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(bad.getResponseText()).contains("HEATER");
        CoapResponse missing = client("outputs").put("{\"relays\":{\"VENTILATION\":true}}".getBytes(StandardCharsets.UTF_8),
                MediaTypeRegistry.APPLICATION_JSON);
        assertThat(missing.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(missing.getResponseText()).startsWith("origin");
        CoapResponse text = client("outputs").put("VENTILATION on", MediaTypeRegistry.TEXT_PLAIN);
        assertThat(text.getCode()).isEqualTo(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
        assertThat(node.relays().relays()).as("nothing changed by refused requests").containsEntry(Relay.VENTILATION, false);
    }

    @Test
    void theFirePanelHoldsThePlantOffWhateverTheGatewayAsks() throws Exception {
        assertThat(put(new RelayCommand(Map.of(Relay.VENTILATION, true, Relay.DAMPERS, true, Relay.AIR_CONDITIONER, true), "test")).getCode())
                .isEqualTo(ResponseCode.CHANGED);
        input("panel-fire").mockState(DigitalState.HIGH);
        Await.until("the plant held off", 5000, () -> !node.relays().heldOff().isEmpty());
        RelayStates held = get("outputs", RelayStates.class);
        assertThat(held.relays()).doesNotContainValue(true);
        assertThat(held.heldOff()).containsExactlyInAnyOrder(Relay.values());
        assertThat(held.reason()).contains("fire panel in alarm");
        CoapResponse refused = put(new RelayCommand(Map.of(Relay.VENTILATION, true), "test"));
        assertThat(refused.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
        assertThat(refused.getResponseText()).contains("fire panel in alarm");
        assertThat(put(new RelayCommand(Map.of(Relay.VENTILATION, false), "test")).getCode()).as("switching off is always allowed")
                .isEqualTo(ResponseCode.CHANGED);
        input("panel-fire").mockState(DigitalState.LOW);
        input("panel-gas-released").mockState(DigitalState.HIGH);
        Await.until("gas held", 5000, () -> String.valueOf(node.relays().reason()).contains("gas released"));
        input("panel-gas-released").mockState(DigitalState.LOW);
        Await.until("released", 5000, () -> node.relays().heldOff().isEmpty());
        assertThat(node.relays().relays()).as("nothing switches back on by itself").doesNotContainValue(true);
        assertThat(put(new RelayCommand(Map.of(Relay.VENTILATION, true), "test")).getCode()).isEqualTo(ResponseCode.CHANGED);
    }

    /** Fuzz over real CoAP: whatever arrives on /outputs, the node answers, and only an accepted command switches. */
    @Test
    void randomRequestsToOutputsSwitchNothingUnlessAccepted() throws Exception {
        java.util.Random rnd = new java.util.Random(7);
        byte[] valid = BusCodec.get().encode(new RelayCommand(Map.of(Relay.HUMIDIFIER, true, Relay.VENTILATION, false), "fuzz"), BusCodec.JSON);
        int accepted = 0;
        for (int i = 0; i < 600; i++) {
            byte[] payload;
            if (rnd.nextBoolean()) {
                payload = new byte[rnd.nextInt(80)];
                rnd.nextBytes(payload);
            } else {
                payload = valid.clone();
                for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
                    payload[rnd.nextInt(payload.length)] = (byte) rnd.nextInt(256);
                }
            }
            org.eclipse.californium.core.coap.Request req = org.eclipse.californium.core.coap.Request.newPut();
            req.setPayload(payload);
            req.getOptions().setContentFormat(new int[] {BusCodec.JSON, BusCodec.CBOR, 0}[rnd.nextInt(3)]);
            Map<Relay, Boolean> before = node.relays().relays();
            CoapResponse r = client("outputs").advanced(req);
            assertThat(r).as("answer to request " + i).isNotNull();
            assertThat(r.getCode()).isIn(ResponseCode.CHANGED, ResponseCode.BAD_REQUEST, ResponseCode.FORBIDDEN,
                    ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
            if (r.getCode() == ResponseCode.CHANGED) {
                accepted++;
            } else {
                assertThat(node.relays().relays()).as("refused request " + i + " switched nothing").isEqualTo(before);
            }
        }
        assertThat(get("health", NodeHealth.class).node()).isEqualTo("sensor-1");
        assertThat(accepted).as("some mutations stay valid commands").isPositive();
    }

    @Test
    void interlockIsPure() {
        assertThat(SensorNode.interlock(null)).isEmpty();
        assertThat(SensorNode.interlock(org.storeroom.bus.FirePanel.QUIET)).isEmpty();
        assertThat(SensorNode.interlock(new org.storeroom.bus.FirePanel(false, true, false, false, true))).as("a panel fault is no fire").isEmpty();
        assertThat(SensorNode.interlock(new org.storeroom.bus.FirePanel(false, false, true, false, false))).get().asString().contains("countdown");
    }
}
