package org.storeroom.node.column;

/**
 * GPIO lines (BCM numbering) of a column controller board.
 *
 * <p>The safety inputs are wired fail-safe: a closed, healthy chain reads HIGH, so a broken wire reads
 * as an obstruction or a pressed emergency stop, never as "all clear".
 */
public record ColumnPins(int obstructionFront, int obstructionRear, int emergencyStop,
        int motorEnable, int motorForward, int buttonFront, int buttonRear, int aislePresence, int aisleBeam) {

    /** The wiring of the reference board. */
    public static final ColumnPins REFERENCE = new ColumnPins(5, 6, 13, 20, 21, 19, 26, 16, 12);

    public ColumnPins {
        int[] all = {obstructionFront, obstructionRear, emergencyStop, motorEnable, motorForward, buttonFront, buttonRear,
                aislePresence, aisleBeam};
        for (int i = 0; i < all.length; i++) {
            if (all[i] < 0 || all[i] > 27) {
                throw new IllegalArgumentException("GPIO line " + all[i] + " is outside 0..27");
            }
            for (int j = 0; j < i; j++) {
                if (all[i] == all[j]) {
                    throw new IllegalArgumentException("GPIO line " + all[i] + " is assigned twice");
                }
            }
        }
    }

    /** @return every line the board's I/O takes (the compact constructor checks the same list, before the fields exist) */
    public int[] lines() {
        return new int[] {obstructionFront, obstructionRear, emergencyStop, motorEnable, motorForward, buttonFront, buttonRear,
                aislePresence, aisleBeam};
    }
}
