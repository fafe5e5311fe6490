package org.storeroom.climate.core;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When each zone may take in fresh air (定时通风换气): weekly windows in local time, e.g.
 * {@code zone-1=Mon-Fri 10:00-10:30} or {@code zone-1=daily 06:00-07:00}. A window may cross midnight; it
 * then belongs to the day it starts on. Whether the air is actually let in is the zone's control's decision
 * ({@link ZoneControl}): a window only allows it.
 */
public final class FreshAirSchedule {
    /** One window: on these days, from {@code from} for as long as it lasts. */
    public record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
        public Window {
            days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
        }

        boolean contains(LocalDateTime t) {
            LocalTime time = t.toLocalTime();
            if (!from.isAfter(to)) {
                return days.contains(t.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
            }
            // Across midnight: the evening part on a listed day, the morning part on the day after one.
            return days.contains(t.getDayOfWeek()) && !time.isBefore(from)
                    || days.contains(t.getDayOfWeek().minus(1)) && time.isBefore(to);
        }

        @Override
        public String toString() {
            return dayText(days) + " " + from + "-" + to;
        }
    }

    public static final FreshAirSchedule NONE = new FreshAirSchedule(Map.of());

    private static final Pattern ENTRY = Pattern.compile("([a-z0-9-]{1,64})=(?:([A-Za-z,\\-]+) +)?(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private final Map<String, List<Window>> windows;

    private FreshAirSchedule(Map<String, List<Window>> windows) {
        this.windows = windows;
    }

    /**
     * @param entries one window per entry, {@code ZONE=[DAYS ]HH:MM-HH:MM}; DAYS is {@code daily} (the default),
     *                a range like {@code Mon-Fri} or a list like {@code Sat,Sun}; blank entries are skipped
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    public static FreshAirSchedule parse(String[] entries) {
        Map<String, List<Window>> out = new LinkedHashMap<>();
        for (String raw : entries) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String e = raw.trim();
            Matcher m = ENTRY.matcher(e);
            if (!m.matches()) {
                throw new IllegalArgumentException("fresh-air window '" + e + "' is not ZONE=[DAYS ]HH:MM-HH:MM, e.g. zone-1=Mon-Fri 10:00-10:30");
            }
            Set<DayOfWeek> days = days(m.group(2) == null ? "daily" : m.group(2), e);
            LocalTime from = time(m.group(3), e);
            LocalTime to = time(m.group(4), e);
            if (from.equals(to)) {
                throw new IllegalArgumentException("fresh-air window '" + e + "' starts and ends at " + from + ": it would never open");
            }
            out.computeIfAbsent(m.group(1), z -> new ArrayList<>()).add(new Window(days, from, to));
        }
        out.replaceAll((z, l) -> List.copyOf(l));
        return new FreshAirSchedule(Map.copyOf(out));
    }

    private static LocalTime time(String hhmm, String entry) {
        int h = Integer.parseInt(hhmm.substring(0, 2));
        int m = Integer.parseInt(hhmm.substring(3));
        if (h > 23 || m > 59) {
            throw new IllegalArgumentException("fresh-air window '" + entry + "': " + hhmm + " is not a time of day");
        }
        return LocalTime.of(h, m);
    }

    private static Set<DayOfWeek> days(String spec, String entry) {
        String s = spec.toLowerCase(Locale.ROOT);
        if (s.equals("daily")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String part : s.split(",", -1)) {
            String[] range = part.split("-", -1);
            if (range.length > 2 || range.length == 0) {
                throw new IllegalArgumentException("fresh-air window '" + entry + "': '" + part + "' is not a day or a range of days");
            }
            int a = day(range[0], entry);
            int b = range.length == 2 ? day(range[1], entry) : a;
            for (int i = a; ; i = (i + 1) % 7) { // Fri-Mon wraps over the weekend
                out.add(DayOfWeek.of(i + 1));
                if (i == b) {
                    break;
                }
            }
        }
        return out;
    }

    private static int day(String d, String entry) {
        int i = DAYS.indexOf(d);
        if (i < 0) {
            throw new IllegalArgumentException("fresh-air window '" + entry + "': '" + d + "' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun or daily)");
        }
        return i;
    }

    /** @return the days as written: daily, Mon-Fri, Sat,Sun or Mon,Wed-Fri (runs of three or more as a range) */
    static String dayText(Set<DayOfWeek> days) {
        if (days.size() == 7) {
            return "daily";
        }
        List<String> parts = new ArrayList<>();
        List<DayOfWeek> run = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            if (days.contains(d)) {
                run.add(d);
            }
            if (!days.contains(d) || d == DayOfWeek.SUNDAY) {
                if (run.size() >= 3) {
                    parts.add(name(run.get(0)) + "-" + name(run.get(run.size() - 1)));
                } else {
                    run.forEach(r -> parts.add(name(r)));
                }
                run.clear();
            }
        }
        return String.join(",", parts);
    }

    private static String name(DayOfWeek d) {
        String n = DAYS.get(d.ordinal());
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /** @return whether one of the zone's windows is open at this local time */
    public boolean open(String zone, LocalDateTime t) {
        return windows.getOrDefault(zone, List.of()).stream().anyMatch(w -> w.contains(t));
    }

    /** @return the zone's windows, none when it takes no fresh air */
    public List<Window> windows(String zone) {
        return windows.getOrDefault(zone, List.of());
    }

    /** @return the zones named */
    public Set<String> zones() {
        return windows.keySet();
    }
}
