package org.storeroom.shelf.internal.coordinator;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.storeroom.shelf.api.ShelfMode;

/**
 * When the shelving is spread for ventilation (e.g. at night, when nobody works in the room): a daily
 * window {@code HH:MM-HH:MM}, possibly across midnight. Pure: given the time of day and the mode, says
 * whether to start or end ventilation.
 */
record VentilationWindow(LocalTime from, LocalTime to) {

    /** What the schedule wants done now. */
    enum Action { START, END }

    VentilationWindow {
        if (from.equals(to)) {
            throw new IllegalArgumentException("ventilationWindow " + from + "-" + to + " is empty");
        }
    }

    /** @return the window, or empty when {@code spec} is blank (no ventilation schedule) */
    static Optional<VentilationWindow> parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return Optional.empty();
        }
        String[] parts = spec.trim().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("ventilationWindow '" + spec + "' is not HH:MM-HH:MM, e.g. 22:00-06:00");
        }
        try {
            return Optional.of(new VentilationWindow(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim())));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("ventilationWindow '" + spec + "' is not HH:MM-HH:MM, e.g. 22:00-06:00");
        }
    }

    boolean contains(LocalTime t) {
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }

    /**
     * Inside the window a room in normal mode starts ventilating; outside it a ventilating room returns to
     * normal. Locked, maintenance and fire modes are never touched by the schedule.
     */
    Optional<Action> decide(LocalTime now, ShelfMode mode) {
        if (contains(now) && mode == ShelfMode.NORMAL) {
            return Optional.of(Action.START);
        }
        if (!contains(now) && mode == ShelfMode.VENTILATION) {
            return Optional.of(Action.END);
        }
        return Optional.empty();
    }
}
