package org.storeroom.climate.core;

/** Dew point and relative humidity by the Magnus formula (Alduchov &amp; Eskridge constants, ±0.4 °C over 0..60 °C). */
public final class Psychrometrics {
    private static final double A = 17.625;
    private static final double B = 243.04;

    private Psychrometrics() {
    }

    /** @return the dew point in °C of air at {@code celsius} and {@code humidity} % */
    public static double dewPoint(double celsius, double humidity) {
        double g = Math.log(Math.max(0.1, humidity) / 100) + A * celsius / (B + celsius);
        return B * g / (A - g);
    }

    /** @return the relative humidity in % that air of this dew point has at {@code celsius} */
    public static double humidityAt(double celsius, double dewPoint) {
        return 100 * Math.exp(A * dewPoint / (B + dewPoint) - A * celsius / (B + celsius));
    }
}
