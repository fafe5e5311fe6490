package org.storeroom.simulator;

import java.util.Random;

/**
 * The store room's air as a lumped thermal and moisture model, for running climate control over a year
 * in seconds. Two heat stores — the air with the surfaces near it, and the heavy mass of shelving and
 * paper — and one moisture store in which the paper's hygroscopic buffering dominates. Heat and moisture
 * come through the outside wall and infiltration, from the heated building around the room, from people
 * and lights in working hours and from door openings; the plant (air conditioner, dehumidifier,
 * humidifier) takes them out, and fresh air (fans and dampers) exchanges the room's air with the outside. The sensors see the air with noise.
 */
public final class RoomClimate {
    /** The plant switched on for the coming step; fresh air is the ventilation fans with the dampers open. */
    public record Plant(boolean cooling, boolean dehumidifier, boolean humidifier, boolean freshAir) {
        public Plant(boolean cooling, boolean dehumidifier, boolean humidifier) {
            this(cooling, dehumidifier, humidifier, false);
        }
    }

    // Room: 981 m² × 4.2 m.
    private static final double AIR_M3 = 981 * 4.2;
    private static final double AIR_KG = AIR_M3 * 1.2;
    /** Air and light surfaces, J/K. */
    private static final double C_AIR = AIR_KG * 1005 + 12e6;
    /** Shelving steel and 4 million pages, J/K. */
    private static final double C_MASS = 120e6;
    private static final double UA_AIR_MASS = 3500;
    private static final double UA_OUTSIDE = 160;
    private static final double UA_BUILDING = 450;
    /** Air changes per hour with the outside (leaks) and the building (the airlock, ducts): a sealed store. */
    private static final double ACH_OUTSIDE = 0.05;
    private static final double ACH_BUILDING = 0.1;
    /** The ventilation fans' fresh air, through the opened dampers. */
    private static final double ACH_FRESH_AIR = 2;
    /** More while archivists come and go through the airlock in working hours. */
    private static final double ACH_DOORS = 0.15;
    /** Paper and card hold far more water than the air: an effective buffer multiple. */
    private static final double MOISTURE_BUFFER = 40;
    private static final double COOLING_W = 28_000;
    /** Three archive dehumidifiers of 138 L/day switched together. */
    private static final double DEHUMIDIFIER_KG_S = 3 * 5.75 / 3600;
    private static final double DEHUMIDIFIER_HEAT_W = 3 * 2_800;
    private static final double HUMIDIFIER_KG_S = 4.0 / 3600;

    private final Weather weather;
    private final Random noise;
    private double airC = 20;
    private double massC = 20;
    /** Humidity ratio of the room air, kg water per kg dry air. */
    private double w;
    private double seconds;
    private double faultUntil;
    private long faults;

    public RoomClimate(long seed) {
        this.weather = new Weather(seed);
        this.noise = new Random(seed ^ 0x5DEECE66DL);
        this.w = ratio(20, 50);
    }

    /** @return kg of water per kg of dry air at this temperature and relative humidity (sea level) */
    static double ratio(double celsius, double humidity) {
        double ps = 610.94 * Math.exp(17.625 * celsius / (celsius + 243.04));
        double pv = ps * humidity / 100;
        return 0.622 * pv / (101_325 - pv);
    }

    /** @return the relative humidity of air of this humidity ratio at this temperature */
    static double humidity(double celsius, double ratio) {
        double ps = 610.94 * Math.exp(17.625 * celsius / (celsius + 243.04));
        double pv = ratio * 101_325 / (0.622 + ratio);
        return Math.min(100, 100 * pv / ps);
    }

    public double seconds() {
        return seconds;
    }

    public double celsius() {
        return airC;
    }

    public double humidity() {
        return humidity(airC, w);
    }

    /**
     * @return what the zone's sensor reads: the air with its noise (±0.1 °C, ±1 %RH class), or NaN while
     *         the sensor is failing (about twice a month, for 10 to 90 minutes)
     */
    public double[] sensed() {
        if (seconds >= faultUntil && noise.nextDouble() < 1.0 / (15 * 24 * 60)) {
            faultUntil = seconds + 600 + noise.nextInt(4800);
            faults++;
        }
        if (seconds < faultUntil) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {airC + 0.05 * noise.nextGaussian(), Math.max(0, Math.min(100, humidity() + 0.5 * noise.nextGaussian()))};
    }

    /** @return the outside air now, {°C, %RH}, as a board outside the room would read it */
    public double[] outside() {
        Weather.Air out = weather.at(seconds);
        return new double[] {out.celsius(), humidity(out.celsius(), ratio(out.dewPoint(), 100))};
    }

    /** @return sensor failures so far */
    public long sensorFaults() {
        return faults;
    }

    /** Advances the model by {@code dt} seconds with the plant as given. */
    public void step(double dt, Plant plant) {
        Weather.Air out = weather.at(seconds);
        double hourOfDay = (seconds % 86_400) / 3600;
        int dayOfWeek = (int) (seconds / 86_400) % 7;
        boolean working = dayOfWeek < 5 && hourOfDay >= 8.5 && hourOfDay < 17.5;
        // The building around the room is heated in winter and cooled loosely in summer: 18..26 °C.
        double buildingC = Math.max(18, Math.min(26, out.celsius() + 6));
        double buildingW = Math.min(ratio(buildingC, 65), ratio(out.dewPoint(), 100));
        double outW = ratio(out.dewPoint(), 100);

        double gains = working ? 2_500 : 300; // people, lights, the inventory cart's charger at night
        double doorAch = working ? ACH_DOORS : 0;
        double outsideAch = ACH_OUTSIDE + (plant.freshAir() ? ACH_FRESH_AIR : 0);
        double massFlow = AIR_KG / 3600;     // kg/s per air change per hour
        double q = UA_OUTSIDE * (out.celsius() - airC) + UA_BUILDING * (buildingC - airC)
                + UA_AIR_MASS * (massC - airC) + gains
                + massFlow * outsideAch * 1005 * (out.celsius() - airC)
                + massFlow * (ACH_BUILDING + doorAch) * 1005 * (buildingC - airC);
        double water = massFlow * outsideAch * (outW - w) + massFlow * (ACH_BUILDING + doorAch) * (buildingW - w)
                + (working ? 0.15 / 3600 : 0); // people breathe
        if (plant.cooling()) {
            q -= COOLING_W;
            // The coil condenses water when the air's dew point is above it (coil ~ 8 °C).
            double dew = org.storeroom.simulator.RoomClimate.dewPoint(airC, humidity());
            if (dew > 8) {
                water -= Math.min(4.0 / 3600, (dew - 8) * 0.6 / 3600);
            }
        }
        if (plant.dehumidifier()) {
            q += DEHUMIDIFIER_HEAT_W;
            water -= DEHUMIDIFIER_KG_S * Math.min(1, humidity() / 50); // less effective in dry air
        }
        if (plant.humidifier()) {
            water += HUMIDIFIER_KG_S;
        }
        airC += q * dt / C_AIR;
        massC += UA_AIR_MASS * (airC - massC) * dt / C_MASS;
        w = Math.max(0.0005, w + water * dt / (AIR_KG * MOISTURE_BUFFER));
        seconds += dt;
    }

    static double dewPoint(double celsius, double humidity) {
        double g = Math.log(Math.max(0.1, humidity) / 100) + 17.625 * celsius / (243.04 + celsius);
        return 243.04 * g / (17.625 - g);
    }
}
