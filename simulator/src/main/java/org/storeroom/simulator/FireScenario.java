package org.storeroom.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.storeroom.bus.DetectorLevel;

/**
 * The fire scenarios of the simulated room, played on its sensor boards' detector and fire panel inputs:
 * what the gateway's fire linkage must tell apart. Each sets every fire input, so one scenario after
 * another never leaves a signal of the last one behind.
 */
public enum FireScenario {
    /** Dust in the aspirating detector's pipes: an alert level only, to be recorded, never suppressed. */
    DUST_PRE_ALARM(false, false, DetectorLevel.ALERT, false, false),
    /** One point detector at fire: the first alarm (shelving held), not yet confirmed. */
    SINGLE_DETECTOR(true, false, DetectorLevel.NORMAL, false, false),
    /** Two independent detectors and the fire panel: confirmed (plant off, dampers closed). */
    CONFIRMED_FIRE(true, true, DetectorLevel.FIRE_1, true, false),
    /** The panel has released extinguishing gas: everything inhibited until the key reset. */
    GAS_RELEASE(true, true, DetectorLevel.FIRE_2, true, true),
    /** Every signal gone; the all-clear itself is a person's decision, on the panel. */
    ALL_CLEAR(false, false, DetectorLevel.NORMAL, false, false);

    private final boolean smoke1;
    private final boolean smoke2;
    private final DetectorLevel aspirating;
    private final boolean panelFire;
    private final boolean gasReleased;

    FireScenario(boolean smoke1, boolean smoke2, DetectorLevel aspirating, boolean panelFire, boolean gasReleased) {
        this.smoke1 = smoke1;
        this.smoke2 = smoke2;
        this.aspirating = aspirating;
        this.panelFire = panelFire;
        this.gasReleased = gasReleased;
    }

    /** @return the name as typed on the command line, e.g. {@code confirmed-fire} */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public void play(SimulatedClimate climate) {
        climate.smoke(1, smoke1);
        climate.smoke(2, smoke2);
        climate.smoke(3, false);
        climate.aspirating(aspirating);
        climate.firePanel(panelFire, gasReleased, gasReleased);
    }

    /** One scenario and when to play it, in seconds after the room is ready. */
    public record Step(FireScenario scenario, int afterSeconds) {
    }

    /**
     * @param spec {@code NAME@SECONDS}, e.g. {@code single-detector@30}
     * @throws IllegalArgumentException naming the spec and what is wrong, with the names there are
     */
    public static Step parse(String spec) {
        int at = spec == null ? -1 : spec.lastIndexOf('@');
        if (at < 1) {
            throw new IllegalArgumentException("fire scenario '" + spec + "' is not NAME@SECONDS, e.g. single-detector@30");
        }
        String name = spec.substring(0, at);
        FireScenario s = Arrays.stream(values()).filter(v -> v.id().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("fire scenario '" + name + "' is not one of "
                        + Arrays.stream(values()).map(FireScenario::id).collect(Collectors.joining(", "))));
        int seconds;
        try {
            seconds = Integer.parseInt(spec.substring(at + 1));
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 0 || seconds > 86_400) {
            throw new IllegalArgumentException("fire scenario '" + spec + "': '" + spec.substring(at + 1)
                    + "' is not a number of seconds in 0..86400");
        }
        return new Step(s, seconds);
    }
}
