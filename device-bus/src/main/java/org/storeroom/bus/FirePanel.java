package org.storeroom.bus;

/**
 * The fire alarm control panel's output contacts, as wired to a sensor node. The panel is the room's
 * fire authority: its fire signal confirms a fire on its own.
 *
 * @param fire         the panel is in fire alarm
 * @param fault        the panel reports a fault
 * @param preDischarge gas extinguishing countdown running (the ≤ 30 s pre-discharge delay)
 * @param gasReleased  extinguishing gas has been released
 * @param automatic    the extinguishing system's auto/manual switch is on automatic
 */
public record FirePanel(boolean fire, boolean fault, boolean preDischarge, boolean gasReleased, boolean automatic) {
    /** A panel at rest, on automatic. */
    public static final FirePanel QUIET = new FirePanel(false, false, false, false, true);
}
