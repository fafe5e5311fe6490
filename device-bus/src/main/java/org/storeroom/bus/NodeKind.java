package org.storeroom.bus;

/** What a node on the bus is. */
public enum NodeKind {
    /** The controller board of one motorised shelf column. */
    COLUMN,
    /** A temperature/humidity, detector and relay board. */
    SENSOR
}
