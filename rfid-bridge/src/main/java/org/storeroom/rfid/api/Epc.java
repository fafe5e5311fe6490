package org.storeroom.rfid.api;

import java.util.Locale;

/**
 * The Electronic Product Code read from a tag, kept as opaque upper-case hex: the room's tags follow no
 * single GS1 scheme, so nothing is inferred from the bits unless a scheme is configured.
 *
 * <p>EPC memory is read in 16-bit words, so the hex has a multiple of 4 digits: 4 to 124 (up to 496 bits).
 */
public final class Epc {
    private final String hex;
    /** The last 16 hex digits, and the 16 before them: compared first, so a lookup among 100,000 tags need not load the text. */
    private final long low;
    private final long high;
    private final int digits;

    public Epc(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("EPC is missing");
        }
        String h = hex.trim();
        if (h.length() < 4 || h.length() > 124 || h.length() % 4 != 0) {
            throw new IllegalArgumentException("EPC '" + hex + "' has " + h.length()
                    + " hex digits; expected a multiple of 4 from 4 to 124");
        }
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            // Character.digit would also take full-width and other Unicode digits: only ASCII hex is an EPC.
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                throw new IllegalArgumentException("EPC '" + hex + "' has a non-hex character '" + h.charAt(i)
                        + "' at position " + (i + 1));
            }
            hi = hi << 4 | lo >>> 60;
            lo = lo << 4 | d;
        }
        this.hex = h.toUpperCase(Locale.ROOT);
        this.low = lo;
        this.high = hi;
        this.digits = h.length();
    }

    /** @return the EPC as upper-case hex, 4 to 124 digits */
    public String hex() {
        return hex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Epc e && low == e.low && high == e.high && digits == e.digits && (digits <= 32 || hex.equals(e.hex));
    }

    @Override
    public int hashCode() {
        return Long.hashCode(low) * 31 + Long.hashCode(high);
    }

    /** @return the EPC as bytes, e.g. for an LLRP tag mask. */
    public byte[] bytes() {
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
        }
        return b;
    }

    /** @return the EPC of raw bytes as read by a reader. */
    public static Epc of(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return new Epc(sb.toString());
    }

    @Override
    public String toString() {
        return hex;
    }
}
