package org.storeroom.bus;

/**
 * A water leak sensor or a door contact on a sensor node.
 *
 * @param id     contact id, unique in the room, e.g. {@code water-ac-1} or {@code door-main}
 * @param kind   WATER or DOOR
 * @param active water sensed, or the door open (a broken wire reads active: fail-safe)
 */
public record Contact(String id, Kind kind, boolean active) {
    /** What a contact watches. */
    public enum Kind { WATER, DOOR }

    public Contact {
        Checks.text("id", id, 64);
        Checks.present("kind", kind);
    }
}
