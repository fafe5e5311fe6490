package org.storeroom.bus;

import java.util.List;

/** Range checks for payload records; each failure names the field and the value. */
final class Checks {
    private Checks() {
    }

    static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new PayloadException(field, value + " is outside " + min + ".." + max);
        }
        return value;
    }

    static long atLeast(String field, long value, long min) {
        if (value < min) {
            throw new PayloadException(field, value + " is below " + min);
        }
        return value;
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new PayloadException(field, "is missing");
        }
        return value;
    }

    static String text(String field, String value, int maxLength) {
        present(field, value);
        if (value.isEmpty() || value.length() > maxLength) {
            throw new PayloadException(field, "length " + value.length() + " is outside 1.." + maxLength);
        }
        return value;
    }

    static List<String> texts(String field, List<String> values, int maxItems, int maxLength) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > maxItems) {
            throw new PayloadException(field, values.size() + " entries, at most " + maxItems);
        }
        for (String v : values) {
            text(field + "[]", v, maxLength);
        }
        return List.copyOf(values);
    }
}
