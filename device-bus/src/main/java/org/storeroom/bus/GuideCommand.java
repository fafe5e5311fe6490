package org.storeroom.bus;

/**
 * A {@code POST /guide} to a column node: light the indicator of one bay and layer on one side of the
 * column for a while, so a person walking into the aisle finds the box. {@code seconds} 0 puts it out.
 *
 * @param side    {@code A} or {@code B}, the column's face
 * @param bay     bay (节) 1..99
 * @param layer   layer (层) 1..99
 * @param seconds how long it stays lit, 0..600
 */
public record GuideCommand(String side, int bay, int layer, int seconds) {
    public GuideCommand {
        Checks.present("side", side);
        if (!side.equals("A") && !side.equals("B")) {
            throw new PayloadException("side", "'" + side + "' is not A or B");
        }
        Checks.range("bay", bay, 1, 99);
        Checks.range("layer", layer, 1, 99);
        Checks.range("seconds", seconds, 0, 600);
    }
}
