package org.storeroom.rfid.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;

/**
 * Reader timestamps in UTC ({@code 2026-11-24T09:30:00.123456Z}), read without the general parser, which
 * cost a JSON reader more than the rest of a tag event. Only that one shape is read here; anything
 * else (offsets, lower case, leap seconds, other years) goes to {@link Instant#parse}, so the result and
 * the rejections are always those of {@code Instant.parse}.
 */
final class IsoTime {
    private static final int[] DAYS = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private IsoTime() {
    }

    /**
     * @return the time in milliseconds since the epoch, truncated as {@code Instant#toEpochMilli} does
     * @throws java.time.format.DateTimeParseException when it is not an ISO-8601 instant
     */
    static long epochMillis(String t) {
        long ms = utc(t);
        return ms != Long.MIN_VALUE ? ms : Instant.parse(t).toEpochMilli();
    }

    /** @return the time, or {@link Long#MIN_VALUE} when {@code t} is not of the common shape. */
    static long utc(String t) {
        int n = t.length();
        // yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z
        if (n < 20 || n == 21 || n > 30 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-'
                || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 1000 || month < 1 || month > 12 || day < 1 || day > DAYS[month - 1] || (month == 2 && day == 29 && !Year.isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        int millis = 0;
        if (n > 20) {
            if (t.charAt(19) != '.') {
                return Long.MIN_VALUE;
            }
            // Milliseconds are the first three digits; the rest must still be digits.
            int fraction = n - 21;
            for (int i = 0; i < fraction; i++) {
                int d = t.charAt(20 + i) - '0';
                if (d < 0 || d > 9) {
                    return Long.MIN_VALUE;
                }
                if (i < 3) {
                    millis = millis * 10 + d;
                }
            }
            for (int i = fraction; i < 3; i++) {
                millis *= 10;
            }
        } else if (n != 20) {
            return Long.MIN_VALUE;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    /** @return the decimal value of {@code count} ASCII digits from {@code at}, or -1 */
    private static int digits(String t, int at, int count) {
        int v = 0;
        for (int i = at; i < at + count; i++) {
            int d = t.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
