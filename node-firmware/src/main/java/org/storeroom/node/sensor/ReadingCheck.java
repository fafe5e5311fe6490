package org.storeroom.node.sensor;

import org.storeroom.bus.ReadQuality;
import org.storeroom.bus.SensorReading;

/**
 * Judges one sensor's successive reads (pure: no I/O). A checksum failure, no answer, an implausible
 * value or a raw value that has not moved a single bit for {@link #STUCK_READS} reads gives a reading
 * without values, so that nothing downstream can act on it.
 */
public final class ReadingCheck {
    /** Identical raw words this many reads in a row (a minute at the usual 2 s) mean a stuck sensor. */
    public static final int STUCK_READS = 30;
    /** Plausible air in a store room, °C: outside this a sensor is broken (a fire shows on the detectors). */
    public static final double MIN_CELSIUS = -20;
    public static final double MAX_CELSIUS = 60;

    private final String sensor;
    private final String model;
    private int lastRawT = -1;
    private int lastRawRh = -1;
    private int sameReads;
    private long failures;

    public ReadingCheck(String sensor, String model) {
        this.sensor = sensor;
        this.model = model;
    }

    /** @return the reading for a measurement that arrived with good checksums */
    public SensorReading measured(Sht.Measurement m) {
        if (m.rawTemperature() == lastRawT && m.rawHumidity() == lastRawRh) {
            sameReads++;
        } else {
            sameReads = 1;
            lastRawT = m.rawTemperature();
            lastRawRh = m.rawHumidity();
        }
        if (m.celsius() < MIN_CELSIUS || m.celsius() > MAX_CELSIUS) {
            return bad(ReadQuality.OUT_OF_RANGE, String.format(java.util.Locale.ROOT,
                    "temperature %.1f °C is outside the plausible %.0f..%.0f °C", m.celsius(), MIN_CELSIUS, MAX_CELSIUS));
        }
        if (sameReads >= STUCK_READS) {
            return bad(ReadQuality.STUCK, String.format("raw values 0x%04X/0x%04X unchanged for %d reads", lastRawT, lastRawRh, sameReads));
        }
        failures = 0;
        return SensorReading.good(sensor, model, round(m.celsius()), round(m.humidity()), 0);
    }

    /** @return the reading for a read that failed */
    public SensorReading failed(Sht.ReadFailure f) {
        return bad(f.checksum() ? ReadQuality.CRC_ERROR : ReadQuality.NO_ANSWER, f.getMessage());
    }

    /** @return consecutive failed reads */
    public long failures() {
        return failures;
    }

    private SensorReading bad(ReadQuality q, String problem) {
        failures++;
        return SensorReading.bad(sensor, model, q, problem.length() > 200 ? problem.substring(0, 200) : problem, 0, failures);
    }

    /** Two decimals: the sensors resolve 0.01 °C / 0.01 %RH; more digits only add noise to the uplink. */
    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
