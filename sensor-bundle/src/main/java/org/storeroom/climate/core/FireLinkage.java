package org.storeroom.climate.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fire linkage's decisions (pure: no I/O, no clock of its own). Fed the signals as they change and
 * the people's acts, it says what stage the room is in and what must happen now:
 * <ul>
 *   <li>a first fire signal → stop every column and refuse moves (shelf fire mode), alarm at once;</li>
 *   <li>a second independent signal, or the fire panel → also air handling off and dampers closed, and
 *       the shelving asked to park at even gaps so the gas reaches every face (the shelving does so only
 *       where it is configured to and every aisle is clear);</li>
 *   <li>gas released → every column stopped again, everything inhibited until the key reset;</li>
 *   <li>pre-alarms and faults are recorded every time, never folded away;</li>
 *   <li>after the signals are gone, only an all-clear by a person ends fire mode, and then the columns
 *       are re-homed and an inventory is asked for (boxes may have been moved in the emergency).</li>
 * </ul>
 * The stage never falls while a fire signal shows.
 */
public final class FireLinkage {
    /** What the adapters must do, in order. */
    public sealed interface Effect {
        /** Stop every column and refuse every move (shelf fire mode). */
        record HoldShelves(String cause) implements Effect { }
        /** Air conditioning, dehumidifiers, humidifiers and ventilation off; dampers closed. */
        record PlantOff(String cause) implements Effect { }
        /** Ask the shelving for its fire park (even gaps, only if every aisle is clear; off unless configured). */
        record ParkShelves(String cause) implements Effect { }
        /** Stop every column now, a fire park included: the gas is out and nothing may move any more. */
        record StopShelves(String cause) implements Effect { }
        /** Raise an alarm on the panel and the uplink. */
        record Alarm(FireStage stage, String code, String cause) implements Effect { }
        /** Record a pre-alarm or a fault (also sent as an alarm event of lower severity). */
        record Notice(String code, String subject) implements Effect { }
        /** Fire mode over: the plant may run again, the columns are re-homed, then an inventory is asked for. */
        record Recover(String by) implements Effect { }
    }

    /** The outcome of one step: the new stage and what to do. */
    public record Step(FireStage stage, List<Effect> effects) { }

    /** A person's act the linkage does not accept, with the reason in words. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String zh;

        Refused(String reason, String zh) {
            super(reason);
            this.zh = zh;
        }

        /** @return the reason in Chinese, for the person at the panel */
        public String zh() {
            return zh;
        }
    }

    private FireStage stage = FireStage.QUIET;
    private FireSignals signals = FireSignals.NONE;

    public FireStage stage() {
        return stage;
    }

    public FireSignals signals() {
        return signals;
    }

    /** Takes the signals as they now stand. */
    public Step signals(FireSignals now) {
        List<Effect> out = new ArrayList<>();
        FireSignals before = signals;
        signals = now;
        for (String d : added(before.preAlarm(), now.preAlarm())) {
            out.add(new Effect.Notice("pre-alarm", d));
        }
        for (String d : added(before.faulty(), now.faulty())) {
            out.add(new Effect.Notice("fault", d));
        }
        FireStage wanted = wanted(now);
        if (wanted.ordinal() > stage.ordinal()) {
            FireStage was = stage;
            stage = wanted;
            String cause = cause(now);
            if (stage.shelvesHeld() && !was.shelvesHeld()) {
                out.add(new Effect.HoldShelves(cause));
            }
            if (stage.plantOff() && !was.plantOff()) {
                out.add(new Effect.PlantOff(cause));
            }
            if (stage == FireStage.CONFIRMED) {
                out.add(new Effect.ParkShelves(cause));
            } else if (stage == FireStage.GAS_RELEASED) {
                out.add(new Effect.StopShelves(cause));
            }
            if (stage.shelvesHeld()) {
                out.add(new Effect.Alarm(stage, code(stage), cause));
            }
        } else if (stage.shelvesHeld()) {
            // Already held: a further detector going off is still news for the people outside.
            for (String d : added(before.fire(), now.fire())) {
                out.add(new Effect.Alarm(stage, "fire-signal", "detector " + d));
            }
        }
        if (stage == FireStage.PRE_ALARM && wanted == FireStage.QUIET) {
            stage = FireStage.QUIET; // a pre-alarm that went away needs nobody's all-clear
        }
        return new Step(stage, out);
    }

    /**
     * A person at the panel declares the fire over.
     *
     * @throws Refused while there is nothing to clear, gas was released, or a fire signal still shows
     */
    public Step allClear(String by) throws Refused {
        if (!stage.shelvesHeld()) {
            throw new Refused("there is no fire alarm to clear", "当前没有需要解除的火警");
        }
        if (stage == FireStage.GAS_RELEASED) {
            throw new Refused("extinguishing gas was released: only the key reset at the fire panel ends this",
                    "灭火气体已释放：只有在消防控制盘上用钥匙复位才能解除");
        }
        return recover(by);
    }

    /**
     * The key reset after a gas discharge (the fire panel's key switch, confirmed at our panel).
     *
     * @throws Refused when no gas was released, or the panel still signals
     */
    public Step keyReset(String by) throws Refused {
        if (stage != FireStage.GAS_RELEASED) {
            throw new Refused("no gas discharge to reset; use the all-clear", "没有气体释放需要复位；请用解除火警");
        }
        return recover(by);
    }

    private Step recover(String by) throws Refused {
        if (signals.anyFire()) {
            throw new Refused("a fire signal still shows (" + cause(signals) + "); clear it at its source first",
                    "仍有火警信号（" + cause(signals) + "）：请先在现场排除");
        }
        stage = signals.preAlarm().isEmpty() ? FireStage.QUIET : FireStage.PRE_ALARM;
        return new Step(stage, List.of(new Effect.Recover(by)));
    }

    static FireStage wanted(FireSignals s) {
        if (s.gasReleased()) {
            return FireStage.GAS_RELEASED;
        }
        if (s.confirmed()) {
            return FireStage.CONFIRMED;
        }
        if (s.anyFire()) {
            return FireStage.FIRST_ALARM;
        }
        return s.preAlarm().isEmpty() ? FireStage.QUIET : FireStage.PRE_ALARM;
    }

    private static String code(FireStage s) {
        return switch (s) {
            case FIRST_ALARM -> "fire-first-alarm";
            case CONFIRMED -> "fire-confirmed";
            case GAS_RELEASED -> "fire-gas-released";
            default -> throw new IllegalArgumentException(s.name());
        };
    }

    /** The signals in words, for the alarm and the refusal. */
    static String cause(FireSignals s) {
        List<String> parts = new ArrayList<>();
        if (s.gasReleased()) {
            parts.add("gas released");
        }
        if (s.preDischarge()) {
            parts.add("gas discharge countdown");
        }
        if (s.panelFire()) {
            parts.add("fire panel in alarm");
        }
        if (!s.fire().isEmpty()) {
            parts.add("detector " + String.join(", ", new TreeSet<>(s.fire())));
        }
        return parts.isEmpty() ? "no fire signal" : String.join("; ", parts);
    }

    private static List<String> added(Set<String> before, Set<String> now) {
        List<String> out = new ArrayList<>();
        for (String s : new TreeSet<>(now)) {
            if (!before.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
