package org.storeroom.simulator;

import java.util.Random;

/**
 * Outside weather over a year for a humid subtropical city (hot, humid summers; mild, dry winters): a
 * seasonal and a daily cycle with weather fronts as slow random drift. Deterministic for a seed, so two
 * controllers can be run on the same year.
 */
public final class Weather {
    /** The air outside at one moment. */
    public record Air(double celsius, double dewPoint) { }

    private static final double DAY_S = 86_400;
    private static final double YEAR_S = 365 * DAY_S;
    private final Random random;
    private double frontT;
    private double frontDew;
    private double lastS = Double.NaN;

    public Weather(long seed) {
        this.random = new Random(seed);
    }

    /** @return the air at {@code seconds} into the year; call with non-decreasing times */
    public Air at(double seconds) {
        if (!Double.isNaN(lastS)) {
            // Fronts: an AR(1) drift with a correlation time of about three days.
            double dt = Math.max(0, seconds - lastS);
            double keep = Math.exp(-dt / (3 * DAY_S));
            double spread = Math.sqrt(1 - keep * keep);
            frontT = frontT * keep + spread * 3.0 * random.nextGaussian();
            frontDew = frontDew * keep + spread * 2.5 * random.nextGaussian();
        }
        lastS = seconds;
        double season = -Math.cos(2 * Math.PI * (seconds / YEAR_S - 15.0 / 365)); // coldest mid-January
        double daily = -Math.cos(2 * Math.PI * (seconds / DAY_S - 3.0 / 24));    // coolest near 03:00... warmest 15:00
        double t = 18 + 11 * season + 4 * daily + frontT;
        double dew = 13 + 10 * season + frontDew;
        return new Air(t, Math.min(dew, t - 0.5));
    }
}
