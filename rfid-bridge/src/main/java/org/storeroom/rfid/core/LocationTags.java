package org.storeroom.rfid.core;

import java.util.Optional;
import org.storeroom.rfid.api.Epc;

/**
 * The tags fixed to the shelving that say where the inventory cart is: one on each column side at the
 * aisle's entrance. Their EPC-96 is {@code 4C4F4300} ("LOC") followed by the column as four decimal
 * digits, the side as {@code 0A} or {@code 0B}, and ten zeros: {@code 4C4F4300 0007 0A 0000000000} is
 * column 7, side A. They are fixtures, never boxes: no count, no last seen, no alarm.
 */
public final class LocationTags {
    static final String PREFIX = "4C4F4300";

    private LocationTags() {
    }

    /** @return whether the EPC is in the location tags' range (well formed or not) */
    public static boolean isLocationTag(Epc epc) {
        return epc.hex().startsWith(PREFIX);
    }

    /** @return the column side the tag marks, e.g. {@code C07-A}; empty for any other EPC or a malformed location tag */
    public static Optional<String> place(Epc epc) {
        String h = epc.hex();
        if (h.length() != 24 || !h.startsWith(PREFIX) || !h.endsWith("0000000000")) {
            return Optional.empty();
        }
        int column = 0;
        for (int i = 8; i < 12; i++) {
            char c = h.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            column = column * 10 + (c - '0');
        }
        String side = h.substring(12, 14);
        if (column < 1 || !side.equals("0A") && !side.equals("0B")) {
            return Optional.empty();
        }
        return Optional.of(String.format("C%02d-%c", column, side.charAt(1)));
    }

    /** @return the EPC of the location tag for a column side */
    public static Epc of(int column, char side) {
        if (column < 1 || column > 9999 || side != 'A' && side != 'B') {
            throw new IllegalArgumentException("no location tag for column " + column + " side " + side);
        }
        return new Epc(PREFIX + String.format("%04d", column) + "0" + side + "0000000000");
    }
}
