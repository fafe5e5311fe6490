package org.storeroom.climate.core;

/**
 * Where the room stands in the fire sequence (GB 50116 / GB 50370 as ROOM.md reads them). The stage
 * only rises on its own; it falls only by a person's deliberate act: an all-clear at the panel, or the
 * key reset after a gas discharge.
 */
public enum FireStage {
    /** No fire signal. */
    QUIET(false, false),
    /** A pre-alarm (aspirating alert/action) showing: recorded and shown, nothing stopped. */
    PRE_ALARM(false, false),
    /** One fire signal: every column stopped, new moves refused, alarm on the panel and the uplink. */
    FIRST_ALARM(true, false),
    /** Two independent fire signals or the fire panel's own: also air handling off, dampers closed. */
    CONFIRMED(true, true),
    /** Extinguishing gas released: everything inhibited until the key reset. */
    GAS_RELEASED(true, true);

    private final boolean shelvesHeld;
    private final boolean plantOff;

    FireStage(boolean shelvesHeld, boolean plantOff) {
        this.shelvesHeld = shelvesHeld;
        this.plantOff = plantOff;
    }

    /** @return whether the shelving must be in fire mode: stopped, refusing every move */
    public boolean shelvesHeld() {
        return shelvesHeld;
    }

    /** @return whether air conditioning, dehumidifiers, humidifiers and ventilation must be off, dampers closed */
    public boolean plantOff() {
        return plantOff;
    }
}
