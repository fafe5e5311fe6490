package org.storeroom.bus;

/** The relay outputs of a sensor node that drive the room's climate and air handling plant. */
public enum Relay {
    AIR_CONDITIONER,
    DEHUMIDIFIER,
    HUMIDIFIER,
    VENTILATION,
    /** Energised = fire dampers open; released = closed (they close on power loss). */
    DAMPERS
}
