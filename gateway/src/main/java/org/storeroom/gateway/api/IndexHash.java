package org.storeroom.gateway.api;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * The content hash of an index: the sum, modulo 2^256, of SHA-256 over each entry's key and canonical
 * value. A sum does not depend on the order of the entries, so it is kept up to date change by change
 * (add the new entry's hash, subtract the old one's) and computed the same way by any mirror. Values are
 * compared in their canonical JSON text: keys sorted, no spaces.
 */
public final class IndexHash {
    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);
    private BigInteger sum;

    private IndexHash(BigInteger sum) {
        this.sum = sum;
    }

    public static IndexHash empty() {
        return new IndexHash(BigInteger.ZERO);
    }

    /** @param hex a hash as {@link #hex()} wrote it */
    public static IndexHash of(String hex) {
        return new IndexHash(new BigInteger(hex, 16));
    }

    public IndexHash add(String key, String canonicalValue) {
        sum = sum.add(entry(key, canonicalValue)).mod(MODULUS);
        return this;
    }

    public IndexHash remove(String key, String canonicalValue) {
        sum = sum.subtract(entry(key, canonicalValue)).mod(MODULUS);
        return this;
    }

    /** @return 64 lower-case hex digits */
    public String hex() {
        String h = sum.toString(16);
        return "0".repeat(64 - h.length()) + h;
    }

    /**
     * The canonical JSON text of a value as parsed from JSON (maps, lists, strings, numbers, booleans,
     * null): object keys sorted, no spaces, strings escaped as JSON requires.
     */
    public static String canonical(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                string(b, e.getKey());
                b.append(':');
                write(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof Iterable<?> list) {
            b.append('[');
            boolean first = true;
            for (Object x : list) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                write(b, x);
            }
            b.append(']');
        } else if (v instanceof String s) {
            string(b, s);
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else {
            throw new IllegalArgumentException("index value part " + v + " (" + v.getClass().getSimpleName() + ") is not JSON");
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    private static BigInteger entry(String key, String value) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            sha.update((k.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha.update(k);
            sha.update(value.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    @Override
    public String toString() {
        return hex();
    }
}
