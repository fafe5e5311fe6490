package org.storeroom.node.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.storeroom.bus.ReadQuality;
import org.storeroom.bus.SensorReading;

/** A bad read never carries values; a stuck or implausible sensor is found out. */
class ReadingCheckTest {
    private static Sht.Measurement air(int rawT, int rawRh) {
        return new Sht.Measurement(rawT, rawRh, Sht.Model.temperature(rawT), Sht.Model.SHT3X.humidity(rawRh));
    }

    @Test
    void aGoodReadCarriesValuesRoundedToTheSensorsResolution() {
        SensorReading r = new ReadingCheck("sht-0x44", "SHT3X").measured(air(0x6666, 0x8000));
        assertThat(r.quality()).isEqualTo(ReadQuality.GOOD);
        assertThat(r.temperatureC()).isEqualTo(25.0);
        assertThat(r.humidityPct()).isEqualTo(50.0);
        assertThat(r.failures()).isZero();
    }

    @Test
    void aValueThatDoesNotMoveABitForAMinuteIsStuck() {
        ReadingCheck check = new ReadingCheck("sht-0x44", "SHT3X");
        for (int i = 1; i < ReadingCheck.STUCK_READS; i++) {
            assertThat(check.measured(air(0x6000, 0x7000)).quality()).as("read %d", i).isEqualTo(ReadQuality.GOOD);
        }
        SensorReading stuck = check.measured(air(0x6000, 0x7000));
        assertThat(stuck.quality()).isEqualTo(ReadQuality.STUCK);
        assertThat(stuck.temperatureC()).isNull();
        assertThat(stuck.problem()).contains("0x6000/0x7000", "30 reads");
        assertThat(check.measured(air(0x6001, 0x7000)).quality()).as("one bit moved: alive again").isEqualTo(ReadQuality.GOOD);
    }

    @Test
    void implausibleAirIsOutOfRange() {
        SensorReading r = new ReadingCheck("sht-0x44", "SHT3X").measured(air(0xFFFF, 0x8000));
        assertThat(r.quality()).isEqualTo(ReadQuality.OUT_OF_RANGE);
        assertThat(r.problem()).contains("130.0 °C");
        assertThat(r.humidityPct()).isNull();
    }

    @Test
    void failuresAreCountedUntilAGoodRead() {
        ReadingCheck check = new ReadingCheck("sht-0x44", "SHT3X");
        assertThat(check.failed(new Sht.ReadFailure("short answer: 0 of 6 bytes", false)).quality()).isEqualTo(ReadQuality.NO_ANSWER);
        SensorReading second = check.failed(new Sht.ReadFailure("humidity CRC 0x00 ...", true));
        assertThat(second.quality()).isEqualTo(ReadQuality.CRC_ERROR);
        assertThat(second.failures()).isEqualTo(2);
        assertThat(check.measured(air(0x6000, 0x7000)).failures()).isZero();
        assertThat(check.failures()).isZero();
    }

    /** Whatever the raw words, a reading either is GOOD with plausible values or carries none. */
    @Property(tries = 3000)
    void aReadingIsGoodAndPlausibleOrCarriesNoValues(@ForAll @IntRange(max = 0xFFFF) int rawT, @ForAll @IntRange(max = 0xFFFF) int rawRh) {
        SensorReading r = new ReadingCheck("s", "SHT3X").measured(air(rawT, rawRh));
        if (r.quality() == ReadQuality.GOOD) {
            assertThat(r.temperatureC()).isBetween(ReadingCheck.MIN_CELSIUS, ReadingCheck.MAX_CELSIUS);
            assertThat(r.humidityPct()).isBetween(0.0, 100.0);
        } else {
            assertThat(r.temperatureC()).isNull();
            assertThat(r.humidityPct()).isNull();
        }
    }
}
