package org.storeroom.bus;

/**
 * One fire detector wired to a sensor node.
 *
 * @param id    detector id, unique in the room, e.g. {@code vesda-1} or {@code smoke-zone1-3}
 * @param kind  SMOKE, HEAT or ASPIRATING
 * @param level its current level
 */
public record Detector(String id, Kind kind, DetectorLevel level) {
    /** What a detector senses. */
    public enum Kind { SMOKE, HEAT, ASPIRATING }

    public Detector {
        Checks.text("id", id, 64);
        Checks.present("kind", kind);
        Checks.present("level", level);
        if (kind != Kind.ASPIRATING && level.preAlarm() || kind != Kind.ASPIRATING && level == DetectorLevel.FIRE_2) {
            throw new PayloadException("level", level + " is reported by aspirating detectors only, not " + kind);
        }
    }
}
