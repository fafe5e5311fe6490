package org.storeroom.climate.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.storeroom.climate.api.ClimateBand;
import org.storeroom.climate.core.ExcursionCause;
import org.storeroom.climate.core.Protections;
import org.storeroom.gateway.api.Migration;

/**
 * The zones' climate over time, in the gateway's store: one row per zone and minute for 30 days, hourly
 * means for years, and the twice-daily records the archive rules ask to keep (09:00 and 15:00 local).
 */
final class ClimateHistory {
    static final List<Migration> SCHEMA = List.of(new Migration(1, "climate history", List.of(
            "CREATE TABLE climate_minute (zone TEXT NOT NULL, ts INTEGER NOT NULL, celsius REAL NOT NULL, humidity REAL NOT NULL,"
                    + " PRIMARY KEY (zone, ts)) WITHOUT ROWID",
            "CREATE TABLE climate_hour (zone TEXT NOT NULL, ts INTEGER NOT NULL, celsius REAL NOT NULL, humidity REAL NOT NULL,"
                    + " minutes INTEGER NOT NULL, PRIMARY KEY (zone, ts)) WITHOUT ROWID",
            "CREATE TABLE climate_record (zone TEXT NOT NULL, ts INTEGER NOT NULL, celsius REAL NOT NULL, humidity REAL NOT NULL,"
                    + " PRIMARY KEY (zone, ts)) WITHOUT ROWID")),
            new Migration(2, "eight protections' inspections", List.of(
                    "CREATE TABLE protection_inspection (item TEXT NOT NULL, ts INTEGER NOT NULL, by_user TEXT NOT NULL,"
                            + " ok INTEGER NOT NULL, note TEXT NOT NULL, PRIMARY KEY (item, ts)) WITHOUT ROWID")),
            new Migration(3, "zone bands set by facilities staff", List.of(
                    "CREATE TABLE climate_band (zone TEXT PRIMARY KEY, min_celsius REAL NOT NULL, max_celsius REAL NOT NULL,"
                            + " min_humidity REAL NOT NULL, max_humidity REAL NOT NULL, by_user TEXT NOT NULL, ts INTEGER NOT NULL) WITHOUT ROWID")),
            new Migration(4, "what was going on, with every minute and hour (ExcursionCause bits)", List.of(
                    "ALTER TABLE climate_minute ADD COLUMN causes INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE climate_hour ADD COLUMN causes INTEGER NOT NULL DEFAULT 0")));
    /** SQLite has no bitwise-OR aggregate: each bit's max, summed, is the OR of the minutes' bits. */
    private static final String CAUSES_OF_THE_HOUR = java.util.Arrays.stream(ExcursionCause.values())
            .map(c -> "max(causes & " + c.bit() + ")").collect(java.util.stream.Collectors.joining(" + "));
    static final long MINUTE = 60_000;
    static final long HOUR = 3_600_000;
    static final long KEEP_MINUTES_MS = 30L * 24 * HOUR;

    private ClimateHistory() {
    }

    /** Keeps one minute's mean of a zone, with what was going on ({@link ExcursionCause} bits). */
    static void minute(Connection c, String zone, long ts, double celsius, double humidity, int causes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO climate_minute(zone, ts, celsius, humidity, causes)"
                + " VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, zone);
            ps.setLong(2, ts / MINUTE * MINUTE);
            ps.setDouble(3, celsius);
            ps.setDouble(4, humidity);
            ps.setInt(5, causes);
            ps.executeUpdate();
        }
    }

    /** Keeps a twice-daily record. */
    static void record(Connection c, String zone, long ts, double celsius, double humidity) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO climate_record(zone, ts, celsius, humidity) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, zone);
            ps.setLong(2, ts / MINUTE * MINUTE);
            ps.setDouble(3, celsius);
            ps.setDouble(4, humidity);
            ps.executeUpdate();
        }
    }

    /** Records an inspection of one of the eight protections. */
    static void inspection(Connection c, Protections.Inspection i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO protection_inspection(item, ts, by_user, ok, note) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, i.item());
            ps.setLong(2, i.at().toEpochMilli());
            ps.setString(3, i.by());
            ps.setInt(4, i.ok() ? 1 : 0);
            ps.setString(5, i.note());
            ps.executeUpdate();
        }
    }

    /** Keeps a zone's band as facilities staff set it. */
    static void band(Connection c, String zone, ClimateBand b, String by, long ts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO climate_band VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, zone);
            ps.setDouble(2, b.minCelsius());
            ps.setDouble(3, b.maxCelsius());
            ps.setDouble(4, b.minHumidity());
            ps.setDouble(5, b.maxHumidity());
            ps.setString(6, by);
            ps.setLong(7, ts);
            ps.executeUpdate();
        }
    }

    /** @return the bands facilities staff set, by zone */
    static Map<String, ClimateBand> bands(Connection c) throws SQLException {
        Map<String, ClimateBand> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT zone, min_celsius, max_celsius, min_humidity, max_humidity FROM climate_band");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new ClimateBand(rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)));
            }
        }
        return out;
    }

    /** @return the latest inspection of each item */
    static Map<String, Protections.Inspection> lastInspections(Connection c) throws SQLException {
        Map<String, Protections.Inspection> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT item, ts, by_user, ok, note FROM protection_inspection p"
                + " WHERE ts = (SELECT max(ts) FROM protection_inspection q WHERE q.item = p.item)");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new Protections.Inspection(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                        rs.getInt(4) == 1, rs.getString(5)));
            }
        }
        return out;
    }

    /** Folds the finished hour before {@code now} into its mean, and forgets minutes older than 30 days. */
    static void roll(Connection c, long now) throws SQLException {
        long hour = now / HOUR * HOUR - HOUR;
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO climate_hour(zone, ts, celsius, humidity, minutes, causes)"
                + " SELECT zone, ?, avg(celsius), avg(humidity), count(*), " + CAUSES_OF_THE_HOUR
                + " FROM climate_minute WHERE ts >= ? AND ts < ? GROUP BY zone")) {
            ps.setLong(1, hour);
            ps.setLong(2, hour);
            ps.setLong(3, hour + HOUR);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM climate_minute WHERE ts < ?")) {
            ps.setLong(1, now - KEEP_MINUTES_MS);
            ps.executeUpdate();
        }
    }

    /** @return points {ts, celsius, humidity}: minutes for up to 3 days back, hourly means beyond */
    static List<Map<String, Object>> series(Connection c, String zone, long from, long to) throws SQLException {
        String table = to - from <= 72 * HOUR ? "climate_minute" : "climate_hour";
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ts, celsius, humidity FROM " + table
                + " WHERE zone = ? AND ts >= ? AND ts < ? ORDER BY ts")) {
            ps.setString(1, zone);
            ps.setLong(2, from);
            ps.setLong(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("ts", Instant.ofEpochMilli(rs.getLong(1)).toString());
                    p.put("celsius", Math.round(rs.getDouble(2) * 100) / 100.0);
                    p.put("humidity", Math.round(rs.getDouble(3) * 10) / 10.0);
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** @return the twice-daily records of a zone between two times */
    static List<Map<String, Object>> records(Connection c, String zone, long from, long to) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ts, celsius, humidity FROM climate_record WHERE zone = ? AND ts >= ? AND ts < ? ORDER BY ts")) {
            ps.setString(1, zone);
            ps.setLong(2, from);
            ps.setLong(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Map.of("ts", Instant.ofEpochMilli(rs.getLong(1)).toString(), "celsius", rs.getDouble(2), "humidity", rs.getDouble(3)));
                }
            }
        }
        return out;
    }

    /**
     * The compliance of a zone over a period: the share of recorded hours whose mean lies in the band, and
     * the worst hours outside it (furthest from the band first), each with what was going on then.
     *
     * @param english the causes' words in English rather than Chinese
     */
    static Map<String, Object> compliance(Connection c, String zone, ClimateBand band, long from, long to, boolean english)
            throws SQLException {
        long hours = 0;
        long in = 0;
        List<double[]> worst = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ts, celsius, humidity, causes FROM climate_hour WHERE zone = ? AND ts >= ? AND ts < ? ORDER BY ts")) {
            ps.setString(1, zone);
            ps.setLong(2, from);
            ps.setLong(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hours++;
                    double t = rs.getDouble(2);
                    double h = rs.getDouble(3);
                    if (band.contains(t, h)) {
                        in++;
                    } else {
                        double off = Math.max(Math.max(band.minCelsius() - t, t - band.maxCelsius()) * 5,
                                Math.max(band.minHumidity() - h, h - band.maxHumidity()));
                        worst.add(new double[] {rs.getLong(1), t, h, off, rs.getInt(4)});
                    }
                }
            }
        }
        worst.sort((a, b) -> Double.compare(b[3], a[3]));
        List<Map<String, Object>> excursions = new ArrayList<>();
        for (double[] w : worst.subList(0, Math.min(5, worst.size()))) {
            String what = w[1] > band.maxCelsius() ? "too warm" : w[1] < band.minCelsius() ? "too cold"
                    : w[2] > band.maxHumidity() ? "too damp" : "too dry";
            List<ExcursionCause> causes = ExcursionCause.explain((int) w[4], w[1] > band.maxCelsius(), w[2] > band.maxHumidity(),
                    w[2] < band.minHumidity());
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("hour", Instant.ofEpochMilli((long) w[0]).toString());
            x.put("celsius", Math.round(w[1] * 10) / 10.0);
            x.put("humidity", Math.round(w[2] * 10) / 10.0);
            x.put("what", what);
            x.put("causes", causes.stream().map(Enum::name).toList());
            x.put("why", causes.isEmpty() ? (english ? "nothing recorded that explains it" : "没有记录到原因")
                    : causes.stream().map(k -> k.text(english)).collect(java.util.stream.Collectors.joining(english ? "; " : "；")));
            excursions.add(x);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("zone", zone);
        out.put("hours", hours);
        out.put("hoursInBand", in);
        out.put("inBandPct", hours == 0 ? null : Math.round(1000.0 * in / hours) / 10.0);
        out.put("worst", excursions);
        return out;
    }
}
