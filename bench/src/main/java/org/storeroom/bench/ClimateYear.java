package org.storeroom.bench;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.storeroom.climate.api.ClimateBand;
import org.storeroom.climate.api.Holdings;
import org.storeroom.climate.core.FreshAirSchedule;
import org.storeroom.climate.core.ZoneControl;
import org.storeroom.simulator.RoomClimate;

/**
 * A simulated year of the store room's climate (the simulator's thermal and moisture model, one-minute
 * steps, the same weather for both): our zone control against a plain bang-bang controller that switches
 * at the set points with no hysteresis and no minimum times. Ours also has a daily hour of fresh air. Figures: % of hours whose mean air is in the
 * paper band (JGJ 25: 14–24 °C, 45–60 %RH); compressor starts per hour and daily swings in the details.
 * Targets: ≥ 98 % in band, ≤ 6 starts an hour.
 */
final class ClimateYear implements Benchmark {
    private static final long STEP_MS = 60_000;

    @Override
    public String name() {
        return "climate-year";
    }

    @Override
    public String description() {
        return "a simulated year of room climate: our control vs bang-bang on the same weather (% of hours in band)";
    }

    /** What one controller did over the year. */
    record Year(double inBandPct, double startsPerHour, double swingDaysPct, double worstSwingC, double worstSwingRh, long hours,
                long sensorFaults) { }

    interface Controller {
        RoomClimate.Plant step(long nowMs, double celsius, double humidity);

        long starts();
    }

    @Override
    public Result run(boolean quick) {
        int days = quick ? 60 : 365;
        long seed = 20261123L;
        ClimateBand band = Holdings.PAPER.band();
        ZoneControl zone = new ZoneControl(band, ZoneControl.Settings.DEFAULT, 0);
        RoomClimate ourRoom = new RoomClimate(seed);
        // Ours also takes fresh air for an hour every morning, when the outside air allows it.
        FreshAirSchedule fresh = FreshAirSchedule.parse(new String[] {"zone-1=daily 10:00-11:00"});
        long[] freshMinutes = {0};
        Controller ours = new Controller() {
            @Override
            public RoomClimate.Plant step(long nowMs, double celsius, double humidity) {
                double[] out = ourRoom.outside();
                boolean window = fresh.open("zone-1", LocalDateTime.ofEpochSecond(nowMs / 1000, 0, ZoneOffset.UTC));
                Map<ZoneControl.Plant, Boolean> p = zone.tick(nowMs, celsius, humidity, false, window,
                        new ZoneControl.Outside(out[0], out[1])).plant();
                freshMinutes[0] += p.get(ZoneControl.Plant.FRESH_AIR) ? 1 : 0;
                return new RoomClimate.Plant(p.get(ZoneControl.Plant.COOLING), p.get(ZoneControl.Plant.DEHUMIDIFIER),
                        p.get(ZoneControl.Plant.HUMIDIFIER), p.get(ZoneControl.Plant.FRESH_AIR));
            }

            @Override
            public long starts() {
                return zone.starts();
            }
        };
        Controller bangBang = new BangBang(zone.setCelsius(), zone.setHumidity());
        long t0 = System.nanoTime();
        Year a = simulate(ourRoom, ours, band, days);
        Year b = simulate(new RoomClimate(seed), bangBang, band, days);
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<String> details = new ArrayList<>();
        details.add(String.format("%d days, one-minute steps, simulated in %.1f s", days, seconds));
        for (String[] row : new String[][] {{"ours", fmt(a)}, {"bang-bang", fmt(b)}}) {
            details.add(row[0] + ": " + row[1]);
        }
        details.add(String.format("ours let fresh air in for %d of its %d window hours (held when the outside air was wetter,"
                + " too warm or too cold, or the room near its band's edge)", freshMinutes[0] / 60, days + 7));
        details.add("targets: >= 98 % of hours in band, <= 6 compressor starts per hour");
        return new Result(a.inBandPct(), b.inBandPct(), "% hours in band", details);
    }

    private static String fmt(Year y) {
        return String.format("%.2f %% of %d hours in band, %.2f compressor starts/h, %.1f %% of days within the daily swing"
                + " limit (worst day %.1f °C / %.1f %%RH), %d sensor failures ridden out", y.inBandPct(), y.hours(), y.startsPerHour(),
                y.swingDaysPct(), y.worstSwingC(), y.worstSwingRh(), y.sensorFaults());
    }

    static Year simulate(RoomClimate room, Controller c, ClimateBand band, int days) {
        long hoursIn = 0;
        long hours = 0;
        long swingDays = 0;
        double worstC = 0;
        double worstRh = 0;
        double sumT = 0;
        double sumH = 0;
        int inHour = 0;
        double dayMinT = Double.MAX_VALUE;
        double dayMaxT = -Double.MAX_VALUE;
        double dayMinH = Double.MAX_VALUE;
        double dayMaxH = -Double.MAX_VALUE;
        long steps = days * 24L * 60;
        // A week to settle before counting, as a room would have before the year being judged.
        long settle = 7 * 24L * 60;
        for (long i = 0; i < steps + settle; i++) {
            long now = i * STEP_MS;
            double[] sensed = room.sensed();
            RoomClimate.Plant plant = c.step(now, sensed[0], sensed[1]);
            room.step(STEP_MS / 1000.0, plant);
            if (i < settle) {
                continue;
            }
            sumT += room.celsius();
            sumH += room.humidity();
            dayMinT = Math.min(dayMinT, room.celsius());
            dayMaxT = Math.max(dayMaxT, room.celsius());
            dayMinH = Math.min(dayMinH, room.humidity());
            dayMaxH = Math.max(dayMaxH, room.humidity());
            if (++inHour == 60) {
                hours++;
                if (band.contains(sumT / 60, sumH / 60)) {
                    hoursIn++;
                }
                sumT = 0;
                sumH = 0;
                inHour = 0;
            }
            if ((i - settle + 1) % (24 * 60) == 0) {
                double swingC = dayMaxT - dayMinT;
                double swingRh = dayMaxH - dayMinH;
                // ±2 °C and ±5 %RH about the day's middle: a range of at most 4 °C and 10 %RH.
                if (swingC <= 2 * Holdings.MAX_DAILY_SWING_CELSIUS && swingRh <= 2 * Holdings.MAX_DAILY_SWING_HUMIDITY) {
                    swingDays++;
                }
                worstC = Math.max(worstC, swingC);
                worstRh = Math.max(worstRh, swingRh);
                dayMinT = Double.MAX_VALUE;
                dayMaxT = -Double.MAX_VALUE;
                dayMinH = Double.MAX_VALUE;
                dayMaxH = -Double.MAX_VALUE;
            }
        }
        return new Year(100.0 * hoursIn / hours, c.starts() / (double) ((steps + settle) / 60), 100.0 * swingDays / days, worstC, worstRh,
                hours, room.sensorFaults());
    }

    /** Switches each plant at its set point, every minute, with no hysteresis and no minimum times. */
    static final class BangBang implements Controller {
        private final double setC;
        private final double setRh;
        private boolean cooling;
        private boolean dry;
        private long starts;

        BangBang(double setC, double setRh) {
            this.setC = setC;
            this.setRh = setRh;
        }

        @Override
        public RoomClimate.Plant step(long nowMs, double celsius, double humidity) {
            boolean c = celsius > setC;
            boolean d = humidity > setRh;
            starts += (c && !cooling ? 1 : 0) + (d && !dry ? 1 : 0);
            cooling = c;
            dry = d;
            return new RoomClimate.Plant(c, d, humidity < setRh - 5);
        }

        @Override
        public long starts() {
            return starts;
        }
    }
}
