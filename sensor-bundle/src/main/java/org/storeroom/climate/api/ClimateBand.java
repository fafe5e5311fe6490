package org.storeroom.climate.api;

/**
 * The temperature and relative humidity a zone must be kept in, inclusive at both ends.
 *
 * @param minCelsius  lowest temperature, °C
 * @param maxCelsius  highest temperature, °C
 * @param minHumidity lowest relative humidity, %
 * @param maxHumidity highest relative humidity, %
 */
public record ClimateBand(double minCelsius, double maxCelsius, double minHumidity, double maxHumidity) {

    public ClimateBand {
        if (!(minCelsius >= -10 && maxCelsius <= 40 && minCelsius < maxCelsius)) {
            throw new IllegalArgumentException("temperature band " + minCelsius + ".." + maxCelsius
                    + " °C is not an increasing range within -10..40 °C");
        }
        if (!(minHumidity >= 0 && maxHumidity <= 100 && minHumidity < maxHumidity)) {
            throw new IllegalArgumentException("humidity band " + minHumidity + ".." + maxHumidity
                    + " % is not an increasing range within 0..100 %");
        }
    }

    /** @return whether a reading lies in the band. */
    public boolean contains(double celsius, double humidity) {
        return celsius >= minCelsius && celsius <= maxCelsius && humidity >= minHumidity && humidity <= maxHumidity;
    }

    /** @return the middle of the band, the natural set point. */
    public double midCelsius() {
        return (minCelsius + maxCelsius) / 2;
    }

    /** @return the middle of the humidity band. */
    public double midHumidity() {
        return (minHumidity + maxHumidity) / 2;
    }
}
