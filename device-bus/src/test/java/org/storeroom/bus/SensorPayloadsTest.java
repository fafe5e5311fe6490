package org.storeroom.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The sensor node's payloads: both encodings, the rules each record keeps, and fuzzed decoding. */
class SensorPayloadsTest {
    private static final BusCodec CODEC = BusCodec.get();

    static ClimateReport report() {
        return new ClimateReport("sensor-1", "zone-1", 77, 5, List.of(SensorReading.good("sht-0x44", "SHT3X", 19.52, 51.0, 120),
                SensorReading.bad("sht-0x45", "SHT4X", ReadQuality.CRC_ERROR, "humidity CRC 0x00 does not match", 120, 3)));
    }

    static SensorInputs inputs() {
        return new SensorInputs("sensor-1", "zone-1", 77, 9,
                List.of(new Detector("vesda-zone-1", Detector.Kind.ASPIRATING, DetectorLevel.ACTION),
                        new Detector("smoke-zone-1", Detector.Kind.SMOKE, DetectorLevel.NORMAL)),
                List.of(new Contact("door-zone-1", Contact.Kind.DOOR, true)), new FirePanel(false, false, false, false, true));
    }

    @Test
    void everySensorPayloadSurvivesBothEncodings() {
        RelayStates relays = new RelayStates("sensor-1", 77, 2, Map.of(Relay.DAMPERS, false, Relay.VENTILATION, false),
                List.of(Relay.DAMPERS, Relay.VENTILATION), "fire panel in alarm");
        RelayCommand command = new RelayCommand(Map.of(Relay.DEHUMIDIFIER, true), "climate-control");
        for (Object o : List.of(report(), inputs(), relays, command)) {
            for (int format : new int[] {BusCodec.JSON, BusCodec.CBOR}) {
                assertThat(CODEC.decode(CODEC.encode(o, format), format, o.getClass())).isEqualTo(o);
            }
        }
    }

    @Test
    void aReadingCarriesValuesOnlyWhenGood() {
        assertThatThrownBy(() -> new SensorReading("s", "SHT3X", 20.0, 50.0, ReadQuality.STUCK, "stuck", 0, 1))
                .isInstanceOf(PayloadException.class).hasMessageContaining("STUCK reading carries no values");
        assertThatThrownBy(() -> new SensorReading("s", "SHT3X", null, 50.0, ReadQuality.GOOD, null, 0, 0))
                .hasMessage("temperatureC: is missing");
        assertThatThrownBy(() -> SensorReading.good("s", "SHT3X", 20, 101, 0)).hasMessage("humidityPct: 101.0 is outside 0.0..100.0");
        assertThatThrownBy(() -> SensorReading.good("s", "SHT3X", Double.NaN, 50, 0)).hasMessageStartingWith("temperatureC: NaN");
    }

    @Test
    void pointDetectorsHaveNoPreAlarmLevels() {
        assertThatThrownBy(() -> new Detector("smoke-1", Detector.Kind.SMOKE, DetectorLevel.ALERT))
                .hasMessage("level: ALERT is reported by aspirating detectors only, not SMOKE");
    }

    @Test
    void aPayloadThatLeavesOutTheFirePanelFieldIsRefused() {
        String json = "{\"node\":\"sensor-1\",\"zone\":\"zone-1\",\"boot\":1,\"seq\":0,\"detectors\":[],\"contacts\":[]}";
        assertThatThrownBy(() -> CODEC.decode(json.getBytes(StandardCharsets.UTF_8), BusCodec.JSON, SensorInputs.class))
                .isInstanceOf(PayloadException.class).hasMessageStartingWith("firePanel");
    }

    @Test
    void aRelayCommandNamesKnownRelaysAndWhoAsks() {
        assertThatThrownBy(() -> CODEC.decode("{\"relays\":{\"HEATER\":true},\"origin\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                BusCodec.JSON, RelayCommand.class)).isInstanceOf(PayloadException.class).hasMessageContaining("HEATER");
        assertThatThrownBy(() -> new RelayCommand(Map.of(), "x")).hasMessage("relays: names no relay");
        assertThatThrownBy(() -> CODEC.decode("{\"relays\":{\"DAMPERS\":null},\"origin\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                BusCodec.JSON, RelayCommand.class)).hasMessageContaining("relays.DAMPERS");
    }

    /** Fuzz: random bytes, as any of the sensor payloads, decode or fail with a PayloadException naming a field. */
    @Property(tries = 3000)
    void randomBytesDecodeOrFailNamingAField(@ForAll @Size(max = 300) byte[] bytes) {
        for (Class<?> type : List.of(ClimateReport.class, SensorInputs.class, RelayStates.class, RelayCommand.class)) {
            for (int format : new int[] {BusCodec.JSON, BusCodec.CBOR}) {
                try {
                    CODEC.decode(bytes, format, type);
                } catch (PayloadException e) {
                    assertThat(e.field()).isNotBlank();
                }
            }
        }
    }

    /** Fuzz: valid payloads with bytes flipped decode to a valid record or fail cleanly; nothing else escapes. */
    @Property(tries = 2000)
    void mutatedPayloadsDecodeOrFailCleanly(@ForAll long seed) {
        Random rnd = new Random(seed);
        for (Object o : List.of(report(), inputs())) {
            int format = rnd.nextBoolean() ? BusCodec.JSON : BusCodec.CBOR;
            byte[] b = CODEC.encode(o, format);
            for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            try {
                Object back = CODEC.decode(b, format, o.getClass());
                assertThat(back).isInstanceOf(o.getClass());
            } catch (PayloadException e) {
                assertThat(e.getMessage()).contains(":");
            }
        }
    }
}
