package org.storeroom.rfid.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One physical place a box can stand: column (列), side (面, A or B of a double-sided column), bay (节),
 * layer (层, counted from the floor) and slot (position along the layer). Columns are numbered through
 * the whole room, so the range (区) follows from the room model.
 *
 * <p>Its code, e.g. {@code C07-A-B03-L2-S05}, is what labels, exports and the API use.
 */
public record StoragePoint(int column, Side side, int bay, int layer, int slot) implements Comparable<StoragePoint> {

    /** The two faces of a double-sided column. */
    public enum Side { A, B }

    private static final Pattern CODE = Pattern.compile(
            "C(\\d{1,3})-([AB])-B(\\d{1,2})-L(\\d{1,2})-S(\\d{1,3})", Pattern.CASE_INSENSITIVE);

    public StoragePoint {
        check("column", column, 999);
        if (side == null) {
            throw new IllegalArgumentException("side is missing");
        }
        check("bay", bay, 99);
        check("layer", layer, 99);
        check("slot", slot, 999);
    }

    private static void check(String field, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(field + " " + value + " is outside 1.." + max);
        }
    }

    /**
     * @param code e.g. {@code C07-A-B03-L2-S05}, case-insensitive
     * @throws IllegalArgumentException naming the code when it is not a storage point
     */
    public static StoragePoint parse(String code) {
        if (code == null) {
            throw new IllegalArgumentException("storage point code is missing");
        }
        Matcher m = CODE.matcher(code.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("storage point '" + code + "' is not of the form C07-A-B03-L2-S05");
        }
        try {
            return new StoragePoint(Integer.parseInt(m.group(1)), Side.valueOf(m.group(2).toUpperCase()),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("storage point '" + code + "': " + e.getMessage(), e);
        }
    }

    /** @return the canonical code, e.g. {@code C07-A-B03-L2-S05} */
    public String code() {
        return String.format("C%02d-%s-B%02d-L%d-S%02d", column, side, bay, layer, slot);
    }

    /** @return how staff say it, e.g. {@code 07列 A面 03节 2层 05号} */
    public String label() {
        return String.format("%02d列 %s面 %02d节 %d层 %02d号", column, side, bay, layer, slot);
    }

    @Override
    public int compareTo(StoragePoint o) {
        int c = Integer.compare(column, o.column);
        c = c != 0 ? c : side.compareTo(o.side);
        c = c != 0 ? c : Integer.compare(bay, o.bay);
        c = c != 0 ? c : Integer.compare(layer, o.layer);
        return c != 0 ? c : Integer.compare(slot, o.slot);
    }

    @Override
    public String toString() {
        return code();
    }
}
