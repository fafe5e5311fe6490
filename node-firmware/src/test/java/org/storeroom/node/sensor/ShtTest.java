package org.storeroom.node.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.storeroom.node.Boards;

/** The SHT3x/SHT4x driver byte for byte against the datasheets, on Pi4J's mock I2C. */
class ShtTest {
    private Context pi4j;

    @BeforeEach
    void start() {
        pi4j = Boards.mock();
    }

    @AfterEach
    void stop() {
        pi4j.shutdown();
    }

    private I2C device(int address) {
        return pi4j.create(I2C.newConfigBuilder(pi4j).id("sht-" + address).bus(1).device(address).build());
    }

    @Test
    void checksumIsTheDatasheetsCrc8() {
        // SHT3x and SHT4x datasheets: CRC-8 of 0xBEEF is 0x92 (poly 0x31, init 0xFF).
        assertThat(Sht.crc8((byte) 0xBE, (byte) 0xEF)).isEqualTo(0x92);
        assertThat(Sht.crc8((byte) 0x00, (byte) 0x00)).isEqualTo(0x81);
    }

    @Test
    void conversionsFollowTheDatasheets() {
        assertThat(Sht.Model.temperature(0)).isEqualTo(-45.0);
        assertThat(Sht.Model.temperature(0xFFFF)).isEqualTo(130.0);
        assertThat(Sht.Model.temperature(0x6666)).isCloseTo(25.0, within(0.01));
        assertThat(Sht.Model.SHT3X.humidity(0x8000)).isCloseTo(50.0, within(0.01));
        assertThat(Sht.Model.SHT3X.humidity(0xFFFF)).isEqualTo(100.0);
        // SHT4x: -6 + 125·S/65535, cropped to 0..100.
        assertThat(Sht.Model.SHT4X.humidity(0x8000)).isCloseTo(56.5, within(0.01));
        assertThat(Sht.Model.SHT4X.humidity(0)).isEqualTo(0.0);
        assertThat(Sht.Model.SHT4X.humidity(0xFFFF)).isEqualTo(100.0);
    }

    @Test
    void sht3xWritesTheSingleShotCommandAndDecodesTheAnswer() throws Exception {
        I2C bus = device(0x44);
        // Pi4J's mock I2C is one FIFO: the answer placed first is what the driver reads after its command.
        byte[] answer = {0x66, 0x66, (byte) Sht.crc8((byte) 0x66, (byte) 0x66), (byte) 0x80, 0x00, (byte) Sht.crc8((byte) 0x80, (byte) 0x00)};
        bus.write(answer, 0, 6);
        Sht.Measurement m = new Sht(bus, Sht.Model.SHT3X).measure();
        assertThat(m.rawTemperature()).isEqualTo(0x6666);
        assertThat(m.rawHumidity()).isEqualTo(0x8000);
        assertThat(m.celsius()).isCloseTo(25.0, within(0.01));
        assertThat(m.humidity()).isCloseTo(50.0, within(0.01));
        byte[] command = new byte[2];
        assertThat(bus.read(command, 0, 2)).isEqualTo(2);
        assertThat(command).containsExactly(0x24, 0x00);
    }

    @Test
    void sht4xWritesTheHighPrecisionCommand() throws Exception {
        I2C bus = device(0x44);
        bus.write(SimulatedSht.answer(Sht.Model.SHT4X, 21.5, 48.0), 0, 6);
        Sht.Measurement m = new Sht(bus, Sht.Model.SHT4X).measure();
        assertThat(m.celsius()).isCloseTo(21.5, within(0.01));
        assertThat(m.humidity()).isCloseTo(48.0, within(0.01));
        byte[] command = new byte[2];
        assertThat(bus.read(command, 0, 2)).as("one command byte only").isEqualTo(1);
        assertThat(command[0]).isEqualTo((byte) 0xFD);
    }

    @Test
    void aWrongChecksumIsACrcFailureNamingTheWord() {
        I2C bus = device(0x44);
        byte[] answer = SimulatedSht.answer(Sht.Model.SHT3X, 20, 50);
        answer[5] ^= 1;
        bus.write(answer, 0, 6);
        assertThatThrownBy(() -> new Sht(bus, Sht.Model.SHT3X).measure())
                .isInstanceOf(Sht.ReadFailure.class)
                .hasMessageStartingWith("humidity CRC")
                .matches(e -> ((Sht.ReadFailure) e).checksum());
    }

    @Test
    void silenceIsNoAnswer() {
        I2C bus = device(0x45);
        assertThatThrownBy(() -> new Sht(bus, Sht.Model.SHT3X).measure())
                .isInstanceOf(Sht.ReadFailure.class)
                .matches(e -> !((Sht.ReadFailure) e).checksum())
                .hasMessageContaining("of 6 bytes");
    }

    @Test
    void theSimulatedChipAnswersLikeTheRealOneAndFailsLikeOne() throws Exception {
        SimulatedSht chip = new SimulatedSht(Sht.Model.SHT3X);
        Context sim = com.pi4j.Pi4J.newContextBuilder().add(SimulatedSht.provider(java.util.Map.of(0x44, chip))).build();
        try {
            Sht sht = new Sht(sim.create(I2C.newConfigBuilder(sim).id("s").bus(1).device(0x44).build()), Sht.Model.SHT3X);
            chip.air(18.25, 52.5);
            Sht.Measurement m = sht.measure();
            assertThat(m.celsius()).isCloseTo(18.25, within(0.01));
            assertThat(m.humidity()).isCloseTo(52.5, within(0.01));
            chip.fault(SimulatedSht.Fault.BAD_CRC);
            assertThatThrownBy(sht::measure).matches(e -> ((Sht.ReadFailure) e).checksum());
            chip.fault(SimulatedSht.Fault.NO_ANSWER);
            assertThatThrownBy(sht::measure).matches(e -> !((Sht.ReadFailure) e).checksum()).hasMessageContaining("no acknowledge");
            assertThat(chip.measurements()).isEqualTo(3);
        } finally {
            sim.shutdown();
        }
    }

    /** Encoding the air as the chip does and decoding it gives the air back to the sensor's resolution. */
    @Property
    void encodeThenDecodeRoundTrips(@ForAll @DoubleRange(min = -40, max = 120) double celsius,
                                    @ForAll @DoubleRange(min = 0, max = 100) double humidity) throws Exception {
        for (Sht.Model model : Sht.Model.values()) {
            Sht.Measurement m = Sht.decode(model, SimulatedSht.answer(model, celsius, humidity));
            assertThat(m.celsius()).isCloseTo(celsius, within(0.01));
            assertThat(m.humidity()).isCloseTo(humidity, within(0.01));
        }
    }

    /** Fuzz: any six bytes either decode to values in the sensor's range with both CRCs right, or fail as a CRC. */
    @Property(tries = 5000)
    void anyAnswerDecodesWithinRangeOrFailsAsACrc(@ForAll @Size(6) byte[] answer) {
        for (Sht.Model model : Sht.Model.values()) {
            try {
                Sht.Measurement m = Sht.decode(model, answer);
                assertThat(Sht.crc8(answer[0], answer[1])).isEqualTo(answer[2] & 0xFF);
                assertThat(Sht.crc8(answer[3], answer[4])).isEqualTo(answer[5] & 0xFF);
                assertThat(m.celsius()).isBetween(-45.0, 130.0);
                assertThat(m.humidity()).isBetween(0.0, 100.0);
            } catch (Sht.ReadFailure f) {
                assertThat(f.checksum()).isTrue();
                assertThat(f.getMessage()).contains("CRC");
            }
        }
    }

    /** Fuzz with valid checksums: every word decodes, none throws anything else. */
    @Property(tries = 2000)
    void everyWordWithItsChecksumDecodes(@ForAll int t, @ForAll int h) throws Exception {
        byte[] b = {(byte) (t >> 8), (byte) t, 0, (byte) (h >> 8), (byte) h, 0};
        b[2] = (byte) Sht.crc8(b[0], b[1]);
        b[5] = (byte) Sht.crc8(b[3], b[4]);
        Sht.Measurement m = Sht.decode(Sht.Model.SHT4X, b);
        assertThat(m.rawTemperature()).isEqualTo(t & 0xFFFF);
        assertThat(m.rawHumidity()).isEqualTo(h & 0xFFFF);
    }
}
