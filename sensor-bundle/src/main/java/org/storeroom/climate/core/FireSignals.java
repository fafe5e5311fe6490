package org.storeroom.climate.core;

import java.util.Set;
import java.util.TreeSet;

/**
 * The fire signals showing in the room at one moment, gathered from every sensor node.
 *
 * @param fire         detectors at a fire level (distinct detectors are independent signals)
 * @param preAlarm     detectors at a pre-alarm level
 * @param faulty       detectors reporting a fault, and inputs that cannot be read (a silent node)
 * @param panelFire    the fire panel is in fire alarm
 * @param preDischarge the gas discharge countdown is running
 * @param gasReleased  extinguishing gas has been released
 */
public record FireSignals(Set<String> fire, Set<String> preAlarm, Set<String> faulty, boolean panelFire, boolean preDischarge,
        boolean gasReleased) {
    public static final FireSignals NONE = new FireSignals(Set.of(), Set.of(), Set.of(), false, false, false);

    public FireSignals {
        fire = Set.copyOf(new TreeSet<>(fire));
        preAlarm = Set.copyOf(new TreeSet<>(preAlarm));
        faulty = Set.copyOf(new TreeSet<>(faulty));
    }

    /** @return whether any fire signal shows (a detector, the panel, the countdown or released gas) */
    public boolean anyFire() {
        return !fire.isEmpty() || panelFire || preDischarge || gasReleased;
    }

    /** @return whether the signals confirm a fire: two independent detectors, or the panel itself */
    public boolean confirmed() {
        return fire.size() >= 2 || panelFire || preDischarge || gasReleased;
    }
}
