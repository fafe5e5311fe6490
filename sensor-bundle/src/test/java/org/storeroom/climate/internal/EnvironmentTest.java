package org.storeroom.climate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.storeroom.bus.Relay;
import org.storeroom.climate.api.Holdings;
import org.storeroom.climate.core.FireLinkage;
import org.storeroom.climate.core.FireStage;
import org.storeroom.gateway.internal.audit.AuditTrail;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.gateway.internal.uplink.UplinkComponent;
import org.storeroom.node.Boards;
import org.storeroom.node.sensor.SensorNode;
import org.storeroom.node.sensor.SensorNodeConfig;
import org.storeroom.node.sensor.SensorWiring;
import org.storeroom.node.sensor.Sht;
import org.storeroom.node.sensor.SimulatedSht;
import org.storeroom.shelf.api.RequestHandle;
import org.storeroom.shelf.api.ShelfControl;
import org.storeroom.shelf.api.ShelfMode;
import org.storeroom.testing.Await;

/**
 * The environment at the gateway against two real sensor boards over real CoAP: the fire sequence from
 * the detector contacts to the shelving's mode, the relays and the recorded alarm events; climate control
 * switching the boards' relays from their sensors' readings.
 */
class EnvironmentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The shelving as the environment sees it: its mode and who set it. */
    static final class Shelves implements ShelfControl {
        volatile ShelfMode mode = ShelfMode.NORMAL;
        final List<String> origins = new CopyOnWriteArrayList<>();

        @Override
        public RequestHandle openAisle(String range, int aisle, String origin) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RequestHandle ventilate(String range, String origin) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RequestHandle jog(int column, int targetMm, String origin) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setMode(ShelfMode m, String origin) {
            origins.add(m + " " + origin); // before the mode, which the tests wait for
            mode = m;
        }

        @Override
        public void resetColumn(int column, String origin) {
        }

        @Override
        public List<RequestHandle> firePark(String origin) {
            origins.add("fire park " + origin);
            return List.of();
        }

        @Override
        public void stopAll(String origin) {
            origins.add("stop " + origin);
        }

        @Override
        public ShelfMode mode() {
            return mode;
        }
    }

    private final SimulatedSht chip1 = new SimulatedSht(Sht.Model.SHT3X);
    private final SimulatedSht chip2 = new SimulatedSht(Sht.Model.SHT3X);
    private final List<Context> boards = new ArrayList<>();
    private final List<SensorNode> nodes = new ArrayList<>();
    private SqliteStore store;
    private UplinkComponent outbox;
    private EnvironmentComponent env;
    private final Shelves shelves = new Shelves();
    private Map<String, URI> boardUris;

    @BeforeEach
    void start() throws Exception {
        Path dir = Files.createTempDirectory("env");
        store = SqliteStore.open(dir.resolve("g.db"), "NORMAL");
        outbox = UplinkComponent.open(store, "", "gjj", "room-1", 64);
        chip1.air(23.5, 58);
        chip2.air(23.7, 57);
        TreeMap<String, URI> uris = new TreeMap<>();
        uris.put("sensor-1", board("sensor-1", "zone-1", true, chip1));
        uris.put("sensor-2", board("sensor-2", "zone-1", false, chip2));
        boardUris = uris;
        env = new EnvironmentComponent(store, outbox, new AuditTrail(store, outbox, Clock.systemUTC()),
                new EnvironmentSettings(uris, Map.of("zone-1", Holdings.PAPER), 5000, true, 1000), Clock.systemUTC(), ZoneOffset.UTC);
        env.setShelves(shelves);
        Await.until("both boards heard", 10_000, () -> env.check().status().name().equals("UP"));
    }

    private URI board(String node, String zone, boolean panel, SimulatedSht chip) {
        Context pi4j = Boards.mock(Map.of(0x44, chip));
        SensorNode n = new SensorNode(new SensorNodeConfig(node, zone, new InetSocketAddress("127.0.0.1", 0),
                SensorWiring.reference(zone, panel), 500), pi4j, null);
        List<String> healthy = new ArrayList<>(List.of("smoke-" + zone + "-healthy", "water-" + zone, "door-" + zone));
        if (panel) {
            healthy.addAll(List.of("vesda-" + zone + "-healthy", "panel-healthy", "panel-automatic"));
        }
        // Two boards in one zone would clash on ids; the second one's ids are its own.
        healthy.forEach(id -> pi4j.registry().get(id, MockDigitalInput.class).mockState(DigitalState.HIGH));
        n.start();
        boards.add(pi4j);
        nodes.add(n);
        return URI.create("coap://127.0.0.1:" + n.server().boundAddress().getPort());
    }

    @AfterEach
    void stop() {
        env.close();
        nodes.forEach(SensorNode::close);
        boards.forEach(Context::shutdown);
        outbox.close();
        store.close();
    }

    private MockDigitalInput input(int board, String id) {
        return boards.get(board).registry().get(id, MockDigitalInput.class);
    }

    private List<JsonNode> alarms() {
        try {
            return recordedAlarms();
        } catch (org.storeroom.gateway.api.StoreException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<JsonNode> recordedAlarms() throws org.storeroom.gateway.api.StoreException {
        return store.read(c -> {
            List<JsonNode> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT payload FROM uplink_outbox WHERE topic = 'events/alarm' ORDER BY seq")) {
                while (rs.next()) {
                    try {
                        out.add(JSON.readTree(rs.getBytes(1)).get("data"));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return out;
        });
    }

    @Test
    void climateControlSwitchesTheZonesPlantFromItsSensors() throws Exception {
        // 23.6 °C, 57.5 %RH: above the 19 °C set point and damp: cooling and drying on both boards.
        Await.until("cooling and drying on", 10_000, () -> nodes.stream().allMatch(n -> n.relays().relays().get(Relay.AIR_CONDITIONER)
                && n.relays().relays().get(Relay.DEHUMIDIFIER)));
        Map<String, Object> zone = env.zonesNow().get(0);
        assertThat(zone.get("zone")).isEqualTo("zone-1");
        assertThat((Double) zone.get("celsius")).isBetween(23.5, 23.7);
        assertThat((List<?>) zone.get("sensors")).hasSize(2);
        assertThat(nodes.get(0).relays().relays()).containsEntry(Relay.HUMIDIFIER, false);
        // A sensor that fails is left out; the zone is kept on the other one.
        chip1.fault(SimulatedSht.Fault.BAD_CRC);
        Await.until("the failing sensor shown", 5000, () -> env.zonesNow().get(0).get("sensors").toString().contains("CRC_ERROR"));
        assertThat((Double) env.zonesNow().get(0).get("celsius")).isEqualTo(23.7);
        // Each control period keeps a minute's mean: the history has points.
        Await.until("history kept", 10_000, () -> {
            try {
                long now = System.currentTimeMillis();
                return store.read(c -> ClimateHistory.series(c, "zone-1", now - 3_600_000, now + 60_000)).size() >= 1;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void oneDetectorHoldsTheShelvesTheSecondConfirmsAndOnlyAPersonEndsIt() throws Exception {
        input(1, "smoke-zone-1-fire1").mockState(DigitalState.HIGH); // the second board's point detector
        Await.until("shelving in fire mode", 5000, () -> shelves.mode == ShelfMode.FIRE);
        assertThat(shelves.origins).singleElement().asString().contains("fire linkage: detector smoke-zone-1");
        Await.until("alarm recorded", 5000, () -> alarms().stream().anyMatch(a -> a.get("code").asText().equals("fire-first-alarm")));
        JsonNode first = alarms().stream().filter(a -> a.get("code").asText().equals("fire-first-alarm")).findFirst().orElseThrow();
        assertThat(first.get("zh").asText()).startsWith("火警：").contains("密集架已全部停止");
        assertThat(first.get("en").asText()).contains("All shelving stopped");
        assertThat(env.fireNow()).containsEntry("stage", "FIRST_ALARM").containsEntry("plantOff", false);

        input(0, "vesda-zone-1-fire1").mockState(DigitalState.HIGH);
        Await.until("confirmed: plant off on every board", 5000, () -> env.fireNow().get("stage").equals("CONFIRMED")
                && nodes.stream().allMatch(n -> !n.relays().relays().containsValue(true)));
        assertThat(env.check().status().name()).isEqualTo("DOWN");
        Await.until("the fire park asked for once", 5000, () -> shelves.origins.stream().anyMatch(o -> o.startsWith("fire park ")));
        assertThat(shelves.origins.stream().filter(o -> o.startsWith("fire park "))).singleElement().asString()
                .contains("detector smoke-zone-1, vesda-zone-1");

        assertThatThrownBy(() -> env.personClears(false, "user:wang")).isInstanceOf(FireLinkage.Refused.class)
                .hasMessageContaining("still shows");
        input(1, "smoke-zone-1-fire1").mockState(DigitalState.LOW);
        input(0, "vesda-zone-1-fire1").mockState(DigitalState.LOW);
        Await.until("signals gone", 5000, () -> ((java.util.Set<?>) env.fireNow().get("fireDetectors")).isEmpty());
        assertThat(env.fireNow().get("stage")).as("still held until a person clears it").isEqualTo("CONFIRMED");
        assertThat(env.personClears(false, "user:wang").stage()).isEqualTo(FireStage.QUIET);
        assertThat(shelves.mode).as("locked for re-homing, not free").isEqualTo(ShelfMode.LOCKED);
        Await.until("all-clear recorded", 5000, () -> alarms().stream().anyMatch(a -> a.get("code").asText().equals("fire-all-clear")));
    }

    @Test
    void aFreshAirWindowOpensTheDampersOnlyWhileTheOutsideAirIsDrier() throws Exception {
        // A window from an hour ago to an hour ahead, a comfortable room and a board outside the room.
        java.time.LocalTime t = java.time.LocalTime.now(ZoneOffset.UTC);
        String window = "zone-1=" + t.minusHours(1).withSecond(0).withNano(0) + "-" + t.plusHours(1).withSecond(0).withNano(0);
        chip1.air(19, 52);
        chip2.air(19.2, 52);
        SimulatedSht outsideChip = new SimulatedSht(Sht.Model.SHT3X);
        outsideChip.air(12, 40);
        TreeMap<String, URI> uris = new TreeMap<>(boardUris);
        uris.put("sensor-9", board("sensor-9", "outside", false, outsideChip));
        env.close();
        env = new EnvironmentComponent(store, outbox, new AuditTrail(store, outbox, Clock.systemUTC()),
                new EnvironmentSettings(uris, Map.of("zone-1", Holdings.PAPER), 5000, true, 1000, org.storeroom.climate.core.Protections.DEFAULT,
                        Map.of(), org.storeroom.climate.core.FreshAirSchedule.parse(new String[] {window}), "outside"),
                Clock.systemUTC(), ZoneOffset.UTC);
        env.setShelves(shelves);
        Await.until("fans and dampers on in zone-1", 10_000, () -> nodes.subList(0, 2).stream()
                .allMatch(n -> n.relays().relays().get(Relay.VENTILATION) && n.relays().relays().get(Relay.DAMPERS)));
        assertThat(nodes.get(2).relays().relays()).as("the outside board is never switched").doesNotContainValue(true);
        Map<String, Object> zone = env.zonesNow().get(0);
        assertThat(zone.get("freshAir").toString()).contains("windowOpen=true", "celsius=12.0", "humidity=40");
        // Outside turns muggy: wetter than the room, the dampers close at once.
        outsideChip.air(18, 95);
        Await.until("fans and dampers off", 10_000, () -> nodes.subList(0, 2).stream()
                .noneMatch(n -> n.relays().relays().get(Relay.VENTILATION) || n.relays().relays().get(Relay.DAMPERS)));
    }

    @Test
    void aTightenedBandIsKeptAcrossARestart() throws Exception {
        org.storeroom.climate.api.ClimateBand tight = new org.storeroom.climate.api.ClimateBand(16, 22, 47, 57);
        env.band("zone-1", tight, "user:wang");
        env.close();
        env = new EnvironmentComponent(store, outbox, new AuditTrail(store, outbox, Clock.systemUTC()),
                new EnvironmentSettings(new TreeMap<>(), Map.of("zone-1", Holdings.PAPER), 5000, true, 1000), Clock.systemUTC(), ZoneOffset.UTC);
        assertThat(env.read(() -> env.zone("zone-1").band())).isEqualTo(tight);
        assertThat(EnvironmentComponent.within(new org.storeroom.climate.api.ClimateBand(13, 22, 47, 57), Holdings.PAPER.band())).isFalse();
    }

    @Test
    void aPreAlarmIsRecordedAndASilentBoardIsAFault() throws Exception {
        input(0, "vesda-zone-1-alert").mockState(DigitalState.HIGH);
        Await.until("pre-alarm recorded", 5000, () -> alarms().stream().anyMatch(a -> a.get("code").asText().equals("pre-alarm")));
        assertThat(shelves.mode).as("a pre-alarm stops nothing").isEqualTo(ShelfMode.NORMAL);
        nodes.get(1).close();
        Await.until("the silent board is a fault", 15_000, () -> alarms().stream()
                .anyMatch(a -> a.get("subject").asText().equals("sensor node sensor-2 silent")));
        assertThat(env.check().summary()).contains("1 of 2 sensor nodes silent");
    }
}
