package org.storeroom.rfid.api;

import java.util.Locale;

/**
 * The Electronic Product Code read from a tag, kept as opaque upper-case hex: the room's tags follow no
 * single GS1 scheme, so nothing is inferred from the bits unless a scheme is configured.
 *
 * <p>EPC memory is read in 16-bit words, so the hex has a multiple of 4 digits: 4 to 124 (up to 496 bits).
 */
public record Epc(String hex) {
    public Epc {
        if (hex == null) {
            throw new IllegalArgumentException("EPC is missing");
        }
        String h = hex.trim();
        if (h.length() < 4 || h.length() > 124 || h.length() % 4 != 0) {
            throw new IllegalArgumentException("EPC '" + hex + "' has " + h.length()
                    + " hex digits; expected a multiple of 4 from 4 to 124");
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            // Character.digit would also take full-width and other Unicode digits: only ASCII hex is an EPC.
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                throw new IllegalArgumentException("EPC '" + hex + "' has a non-hex character '" + h.charAt(i)
                        + "' at position " + (i + 1));
            }
        }
        hex = h.toUpperCase(Locale.ROOT);
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
