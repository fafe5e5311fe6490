package org.storeroom.climate.core;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.storeroom.climate.api.ClimateBand;
import org.storeroom.climate.api.Holdings;

/**
 * Climate control of one zone (pure: the caller passes the time and the air). Hysteresis around set
 * points inside the band; minimum on and off times so no compressor short-cycles; humidity judged by the
 * dew point — the moisture in the air — at the top of the cooling swing when the room is warmer than that,
 * so that the humidifier and dehumidifier do not chase the swing the air conditioner causes, and as it is
 * otherwise; manual overrides that expire.
 *
 * <p>The daily swing (JGJ 25: at most ±2 °C and ±5 %RH) is a constraint, not only a figure: once the air
 * has moved three quarters of the allowed range away from the day's lowest (or highest) value, the plant
 * acts sooner than its hysteresis would, as long as that does not take the air out of its band (being in
 * band comes first). The day is the last 24 hours of usable readings, kept as hourly lows and highs.
 *
 * <p>Fresh air (ventilation fans on, dampers open) runs only inside its scheduled windows, and only while
 * it does no harm (without a usable reading the dampers close): the room well inside its band (1 °C and 3 %RH from every edge to start, half that to
 * keep running; fresh air has no compressor, so it is not bound by the minimum times), the day's swing not
 * pressing, and — when the outside air is measured — that air no wetter than the room's and no warmer than
 * the band, nor more than 5 °C below it. Unmeasured outside air is let in on the room's readings alone.
 *
 * <p>A bad or missing reading never switches anything: the plant stays as it is, and after
 * {@link Settings#staleMs} without a usable reading it goes off (an alarm, not a guess). Fire holds the
 * whole plant off, whatever else is asked.
 */
public final class ZoneControl {
    /** The plant a zone controls. */
    public enum Plant {
        COOLING, DEHUMIDIFIER, HUMIDIFIER,
        /** Ventilation fans and the dampers to the outside, switched together. */
        FRESH_AIR;

        /** @return whether it runs a compressor (counted in starts, protected by minimum times) */
        public boolean compressor() {
            return this == COOLING || this == DEHUMIDIFIER;
        }
    }

    /** Fresh air starts only this far inside the band's temperature edges (and stops at half of it). */
    public static final double FRESH_AIR_MARGIN_CELSIUS = 1.0;
    /** And this far inside its humidity edges. */
    public static final double FRESH_AIR_MARGIN_HUMIDITY = 3.0;

    /** The outside air, or {@link #UNKNOWN} where no board measures it. */
    public record Outside(double celsius, double humidity) {
        public static final Outside UNKNOWN = new Outside(Double.NaN, Double.NaN);

        public boolean known() {
            return !Double.isNaN(celsius) && !Double.isNaN(humidity);
        }
    }

    /**
     * @param coolingSpread   °C: cooling starts this far above the set point and stops this far below
     * @param humiditySpread  %RH at the set-point temperature: the same for the humidity plant
     * @param minOnMs         a compressor runs at least this long once started
     * @param minOffMs        and rests at least this long once stopped (5 + 5 min: at most 6 starts an hour)
     * @param staleMs         no usable reading for this long: the plant goes off
     */
    public record Settings(double coolingSpread, double humiditySpread, long minOnMs, long minOffMs, long staleMs) {
        public static final Settings DEFAULT = new Settings(0.6, 2.5, 5 * 60_000L, 5 * 60_000L, 15 * 60_000L);

        public Settings {
            if (!(coolingSpread > 0 && coolingSpread <= 3) || !(humiditySpread > 0 && humiditySpread <= 10)) {
                throw new IllegalArgumentException("spreads " + coolingSpread + " °C / " + humiditySpread + " % are outside 0..3 / 0..10");
            }
            if (minOnMs < 0 || minOffMs < 0 || staleMs < 60_000) {
                throw new IllegalArgumentException("minimum times " + minOnMs + "/" + minOffMs + " ms or stale limit " + staleMs + " ms out of range");
            }
        }
    }

    /** A person's order for one plant until a time, recorded by the caller. */
    public record Override(Plant plant, boolean on, long untilMs, String by) { }

    /** The decision of one tick: the state wanted for each plant and why each change was made. */
    public record Decision(Map<Plant, Boolean> plant, List<String> changes) { }

    private final Settings settings;
    private ClimateBand band;
    private final Map<Plant, Boolean> on = new EnumMap<>(Plant.class);
    private final Map<Plant, Long> since = new EnumMap<>(Plant.class);
    private final Map<Plant, Override> overrides = new EnumMap<>(Plant.class);
    private long lastGoodAt = Long.MIN_VALUE;
    private long starts;
    /** The last 24 hours of usable readings: per hour slot, its hour and the lows and highs seen in it. */
    private final long[] slotHour = new long[24];
    private final double[][] slot = new double[24][4]; // min °C, max °C, min %RH, max %RH

    public ZoneControl(ClimateBand band, Settings settings, long nowMs) {
        this.band = band;
        this.settings = settings;
        for (Plant p : Plant.values()) {
            on.put(p, false);
            since.put(p, nowMs - Math.max(settings.minOnMs(), settings.minOffMs()));
        }
        lastGoodAt = nowMs;
        java.util.Arrays.fill(slotHour, Long.MIN_VALUE);
    }

    private void remember(long nowMs, double celsius, double humidity) {
        long hour = Math.floorDiv(nowMs, 3_600_000L);
        int i = (int) Math.floorMod(hour, 24L);
        if (slotHour[i] != hour) {
            slotHour[i] = hour;
            slot[i] = new double[] {celsius, celsius, humidity, humidity};
        } else {
            slot[i][0] = Math.min(slot[i][0], celsius);
            slot[i][1] = Math.max(slot[i][1], celsius);
            slot[i][2] = Math.min(slot[i][2], humidity);
            slot[i][3] = Math.max(slot[i][3], humidity);
        }
    }

    /** @return the last 24 hours' {min °C, max °C, min %RH, max %RH} */
    private double[] day(long nowMs) {
        long hour = Math.floorDiv(nowMs, 3_600_000L);
        double[] d = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < 24; i++) {
            if (slotHour[i] != Long.MIN_VALUE && hour - slotHour[i] < 24) {
                d[0] = Math.min(d[0], slot[i][0]);
                d[1] = Math.max(d[1], slot[i][1]);
                d[2] = Math.min(d[2], slot[i][2]);
                d[3] = Math.max(d[3], slot[i][3]);
            }
        }
        return d;
    }

    public void band(ClimateBand b) {
        band = b;
    }

    public ClimateBand band() {
        return band;
    }

    /** Set point: the band's middle, kept 1.5 °C below its top so a compressor's swing stays clear of it. */
    public double setCelsius() {
        return Math.min(band.midCelsius(), band.maxCelsius() - 1.5);
    }

    public double setHumidity() {
        return band.midHumidity();
    }

    public void override(Override o) {
        overrides.put(o.plant(), o);
    }

    public Map<Plant, Override> overrides() {
        return Map.copyOf(overrides);
    }

    /** @return compressor starts (cooling and dehumidifier) so far */
    public long starts() {
        return starts;
    }

    /**
     * One control tick.
     *
     * @param nowMs      the time
     * @param celsius    the zone's temperature, or NaN when no usable reading
     * @param humidity   its relative humidity, or NaN
     * @param plantOff   fire: everything off now, minimum times or not
     */
    public Decision tick(long nowMs, double celsius, double humidity, boolean plantOff) {
        return tick(nowMs, celsius, humidity, plantOff, false, Outside.UNKNOWN);
    }

    /**
     * One control tick, with fresh air.
     *
     * @param freshAirWindow a scheduled fresh-air window is open now
     * @param outside        the outside air, or {@link Outside#UNKNOWN}
     */
    public Decision tick(long nowMs, double celsius, double humidity, boolean plantOff, boolean freshAirWindow, Outside outside) {
        List<String> changes = new ArrayList<>();
        overrides.values().removeIf(o -> o.untilMs() <= nowMs);
        if (plantOff) {
            for (Plant p : Plant.values()) {
                if (on.get(p)) {
                    set(p, false, nowMs, changes, "fire: plant held off");
                }
            }
            return new Decision(Map.copyOf(on), changes);
        }
        boolean usable = !Double.isNaN(celsius) && !Double.isNaN(humidity);
        if (usable) {
            lastGoodAt = nowMs;
            remember(nowMs, celsius, humidity);
        }
        Map<Plant, Boolean> wanted = new EnumMap<>(on);
        Map<Plant, String> reasons = new EnumMap<>(Plant.class);
        String why;
        if (!usable) {
            if (nowMs - lastGoodAt < settings.staleMs()) {
                why = "no usable reading: plant held as it is";
            } else {
                why = "no usable reading for " + (nowMs - lastGoodAt) / 60_000 + " min: plant off";
                wanted.replaceAll((p, v) -> false);
            }
        } else {
            why = null;
            double set = setCelsius();
            if (celsius >= set + settings.coolingSpread()) {
                wanted.put(Plant.COOLING, true);
            } else if (celsius <= set - settings.coolingSpread()) {
                wanted.put(Plant.COOLING, false);
            }
            // Moisture judged by the water in the air, at the temperature the cooling swing is heading for:
            // cooling a moist room raises its RH without adding water, and the humidity plant must not
            // chase that swing. A room resting below the swing, as in an unheated winter, is judged as it
            // is: nothing will warm it, and its paper feels the RH it has.
            double reference = Math.min(set + settings.coolingSpread(), celsius);
            double rhAtSet = Psychrometrics.humidityAt(reference, Psychrometrics.dewPoint(celsius, humidity));
            double hs = setHumidity();
            if (rhAtSet >= hs + settings.humiditySpread() || humidity >= band.maxHumidity() - 1) {
                wanted.put(Plant.DEHUMIDIFIER, true);
            } else if (rhAtSet <= hs) {
                wanted.put(Plant.DEHUMIDIFIER, false);
            }
            if ((rhAtSet <= hs - settings.humiditySpread() || humidity <= band.minHumidity() + 1) && !wanted.get(Plant.DEHUMIDIFIER)) {
                wanted.put(Plant.HUMIDIFIER, true);
            } else if (rhAtSet >= hs || wanted.get(Plant.DEHUMIDIFIER)) {
                wanted.put(Plant.HUMIDIFIER, false);
            }
            boolean swingPressing = keepTheDailySwing(nowMs, celsius, humidity, wanted, reasons);
            String freshAirWhy = freshAir(freshAirWindow, celsius, humidity, swingPressing, outside, on.get(Plant.FRESH_AIR));
            wanted.put(Plant.FRESH_AIR, freshAirWhy == null);
            if (freshAirWhy != null && on.get(Plant.FRESH_AIR)) {
                reasons.put(Plant.FRESH_AIR, freshAirWhy);
            } else if (freshAirWhy == null && !on.get(Plant.FRESH_AIR)) {
                reasons.put(Plant.FRESH_AIR, "scheduled fresh-air window" + (outside.known()
                        ? String.format(java.util.Locale.ROOT, ", outside %.1f °C %.0f %%RH", outside.celsius(), outside.humidity()) : ""));
            }
        }
        if (!usable && on.get(Plant.FRESH_AIR)) {
            // Outside air cannot be judged without the room's: the dampers close (the safe way).
            wanted.put(Plant.FRESH_AIR, false);
            reasons.put(Plant.FRESH_AIR, "no usable reading: fresh air closed");
        }
        for (Override o : overrides.values()) {
            wanted.put(o.plant(), o.on());
        }
        for (Plant p : Plant.values()) {
            boolean w = wanted.get(p);
            if (w == on.get(p)) {
                continue;
            }
            Override o = overrides.get(p);
            long held = nowMs - since.get(p);
            // Minimum times protect the machines; a person's override is still bound by them. Fresh air has
            // no compressor and must stop the moment its window ends or it would do harm.
            if (p != Plant.FRESH_AIR && (on.get(p) ? held < settings.minOnMs() : held < settings.minOffMs())) {
                continue;
            }
            String reason = o != null ? "override by " + o.by() : reasons.containsKey(p) ? reasons.get(p) : why != null ? why
                    : String.format(java.util.Locale.ROOT, "%.1f °C, %.0f %%RH", celsius, humidity);
            set(p, w, nowMs, changes, reason);
        }
        // Never humidify and dehumidify at once: if both ended up on, the humidifier yields.
        if (on.get(Plant.HUMIDIFIER) && on.get(Plant.DEHUMIDIFIER)) {
            set(Plant.HUMIDIFIER, false, nowMs, changes, "dehumidifier running");
        }
        return new Decision(Map.copyOf(on), changes);
    }

    /** @return why fresh air may not run now, or null when it may */
    private String freshAir(boolean window, double celsius, double humidity, boolean swingPressing, Outside outside, boolean running) {
        if (!window) {
            return "fresh-air window over";
        }
        // Starts 1 °C / 3 %RH inside every edge, stops at half that: no flapping at the margin.
        double mT = running ? FRESH_AIR_MARGIN_CELSIUS / 2 : FRESH_AIR_MARGIN_CELSIUS;
        double mH = running ? FRESH_AIR_MARGIN_HUMIDITY / 2 : FRESH_AIR_MARGIN_HUMIDITY;
        if (celsius < band.minCelsius() + mT || celsius > band.maxCelsius() - mT
                || humidity < band.minHumidity() + mH || humidity > band.maxHumidity() - mH) {
            return String.format(java.util.Locale.ROOT, "fresh air held: the room (%.1f °C, %.0f %%RH) is near the edge of its band", celsius, humidity);
        }
        if (swingPressing) {
            return "fresh air held: the day's swing is near its limit";
        }
        if (outside.known()) {
            double inDew = Psychrometrics.dewPoint(celsius, humidity);
            double outDew = Psychrometrics.dewPoint(outside.celsius(), outside.humidity());
            // To start, the outside must be drier by half a degree of dew point; running, only not wetter.
            if (outDew > inDew - (running ? 0 : 0.5)) {
                return String.format(java.util.Locale.ROOT, "fresh air held: the outside air is not drier (dew point %.1f °C, the room's %.1f °C)",
                        outDew, inDew);
            }
            if (outside.celsius() > band.maxCelsius() || outside.celsius() < band.minCelsius() - 5) {
                return String.format(java.util.Locale.ROOT, "fresh air held: the outside air is too %s (%.1f °C)",
                        outside.celsius() > band.maxCelsius() ? "warm" : "cold", outside.celsius());
            }
        }
        return null;
    }

    /**
     * Acts sooner when the air has moved three quarters of the allowed daily range from the day's low or
     * high, unless that would take it out of its band. When the day has already swung both ways that far,
     * there is nothing to keep and the usual control stands.
     *
     * @return whether the day's swing is near its limit in any direction
     */
    private boolean keepTheDailySwing(long nowMs, double celsius, double humidity, Map<Plant, Boolean> wanted, Map<Plant, String> why) {
        double[] d = day(nowMs);
        double actT = 0.75 * 2 * Holdings.MAX_DAILY_SWING_CELSIUS;
        double actH = 0.75 * 2 * Holdings.MAX_DAILY_SWING_HUMIDITY;
        boolean risingT = celsius - d[0] >= actT;
        boolean fallingT = d[1] - celsius >= actT;
        if (risingT && !fallingT && celsius - settings.coolingSpread() > band.minCelsius()) {
            wanted.put(Plant.COOLING, true);
            why.put(Plant.COOLING, String.format(java.util.Locale.ROOT, "daily swing: %.1f °C above the day's lowest; cooling sooner",
                    celsius - d[0]));
        } else if (fallingT && !risingT && celsius + settings.coolingSpread() < band.maxCelsius()) {
            wanted.put(Plant.COOLING, false);
            why.put(Plant.COOLING, String.format(java.util.Locale.ROOT, "daily swing: %.1f °C below the day's highest; cooling no further",
                    d[1] - celsius));
        }
        boolean risingH = humidity - d[2] >= actH;
        boolean fallingH = d[3] - humidity >= actH;
        if (risingH && !fallingH && humidity - 1 > band.minHumidity()) {
            wanted.put(Plant.DEHUMIDIFIER, true);
            wanted.put(Plant.HUMIDIFIER, false);
            why.put(Plant.DEHUMIDIFIER, String.format(java.util.Locale.ROOT, "daily swing: %.1f %%RH above the day's lowest; drying sooner",
                    humidity - d[2]));
            why.put(Plant.HUMIDIFIER, why.get(Plant.DEHUMIDIFIER));
        } else if (fallingH && !risingH && humidity + 1 < band.maxHumidity()) {
            wanted.put(Plant.DEHUMIDIFIER, false);
            wanted.put(Plant.HUMIDIFIER, true);
            why.put(Plant.HUMIDIFIER, String.format(java.util.Locale.ROOT, "daily swing: %.1f %%RH below the day's highest; humidifying sooner",
                    d[3] - humidity));
            why.put(Plant.DEHUMIDIFIER, why.get(Plant.HUMIDIFIER));
        }
        return risingT || fallingT || risingH || fallingH;
    }

    private void set(Plant p, boolean value, long nowMs, List<String> changes, String reason) {
        on.put(p, value);
        since.put(p, nowMs);
        if (value && p.compressor()) {
            starts++;
        }
        changes.add(p + (value ? " on: " : " off: ") + reason);
    }
}
