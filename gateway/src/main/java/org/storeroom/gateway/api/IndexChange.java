package org.storeroom.gateway.api;

import java.util.Map;
import java.util.Objects;

/**
 * One change to the virtual-warehouse index as the central side sees it: an entry put (added or
 * replaced) or removed.
 *
 * @param key   what the entry is about, e.g. {@code point:C07-A-B03-L2-S05}, {@code box:<EPC>}, {@code file:<no>}
 * @param value the entry after a put (strings, numbers, booleans, lists, maps); {@code null} for a remove
 */
public record IndexChange(Op op, String key, Map<String, Object> value) {
    /** What a change does. */
    public enum Op { PUT, REMOVE }

    public IndexChange {
        Objects.requireNonNull(op, "op");
        if (key == null || key.isBlank() || key.length() > 200) {
            throw new IllegalArgumentException("index key '" + key + "' is empty or longer than 200 characters");
        }
        if (op == Op.PUT && value == null) {
            throw new IllegalArgumentException("index put of '" + key + "' has no value");
        }
        if (op == Op.REMOVE && value != null) {
            throw new IllegalArgumentException("index remove of '" + key + "' carries a value");
        }
        value = value == null ? null : Map.copyOf(value);
    }

    public static IndexChange put(String key, Map<String, Object> value) {
        return new IndexChange(Op.PUT, key, value);
    }

    public static IndexChange remove(String key) {
        return new IndexChange(Op.REMOVE, key, null);
    }
}
