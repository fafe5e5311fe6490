package org.storeroom.bus;

/**
 * One temperature/humidity sensor's latest reading, as a sensor node reports it on {@code /climate}.
 *
 * @param sensor       sensor id within the node, e.g. {@code sht-0x44}
 * @param model        the sensor type, e.g. {@code SHT31} or {@code SHT45}
 * @param temperatureC temperature in °C, {@code null} unless {@code quality} is GOOD
 * @param humidityPct  relative humidity in %, {@code null} unless {@code quality} is GOOD
 * @param quality      how the node judged the latest read
 * @param problem      what went wrong in words, {@code null} when GOOD
 * @param readAgoMs    how long ago the latest read was attempted, ms
 * @param failures     consecutive failed reads so far, 0 when GOOD
 */
public record SensorReading(String sensor, String model, Double temperatureC, Double humidityPct, ReadQuality quality,
        String problem, long readAgoMs, long failures) {

    public SensorReading {
        Checks.text("sensor", sensor, 64);
        Checks.text("model", model, 32);
        Checks.present("quality", quality);
        if (quality.usable()) {
            Checks.present("temperatureC", temperatureC);
            Checks.present("humidityPct", humidityPct);
            finite("temperatureC", temperatureC, -40, 125);
            finite("humidityPct", humidityPct, 0, 100);
            if (problem != null) {
                throw new PayloadException("problem", "must be null when quality is GOOD, was '" + problem + "'");
            }
        } else {
            if (temperatureC != null || humidityPct != null) {
                throw new PayloadException("temperatureC", "a " + quality + " reading carries no values");
            }
            Checks.text("problem", problem, 200);
        }
        Checks.range("readAgoMs", (int) Math.min(readAgoMs, Integer.MAX_VALUE), 0, 86_400_000);
        Checks.atLeast("failures", failures, 0);
    }

    private static void finite(String field, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new PayloadException(field, v + " is outside " + min + ".." + max);
        }
    }

    /** A good reading. */
    public static SensorReading good(String sensor, String model, double celsius, double humidity, long readAgoMs) {
        return new SensorReading(sensor, model, celsius, humidity, ReadQuality.GOOD, null, readAgoMs, 0);
    }

    /** A failed reading: no values, the reason, and how many in a row failed. */
    public static SensorReading bad(String sensor, String model, ReadQuality quality, String problem, long readAgoMs, long failures) {
        return new SensorReading(sensor, model, null, null, quality, problem, readAgoMs, failures);
    }
}
