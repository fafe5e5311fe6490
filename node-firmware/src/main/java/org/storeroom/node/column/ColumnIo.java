package org.storeroom.node.column;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;

/** The column board's pins through Pi4J: safety inputs in, motor drive out. */
public final class ColumnIo {
    private final DigitalInput obstructionFront;
    private final DigitalInput obstructionRear;
    private final DigitalInput emergencyStop;
    private final DigitalInput aislePresence;
    private final DigitalInput aisleBeam;
    private final DigitalInput buttonFront;
    private final DigitalInput buttonRear;
    private final java.util.concurrent.atomic.AtomicLong pressesFront = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong pressesRear = new java.util.concurrent.atomic.AtomicLong();
    private final DigitalOutput motorEnable;
    private final DigitalOutput motorForward;
    /**
     * The guide indicator strip's enable (GPIO 24 on the reference board, free of the safety and motor
     * lines): lit while a bay/layer is being shown. Which LED of the strip is the bay/layer is the strip
     * controller's business.
     */
    static final int GUIDE_LINE = 24;
    private final DigitalOutput guide;
    private final java.util.Map<String, DigitalInput> safetyInputs;

    public ColumnIo(Context pi4j, ColumnPins pins) {
        obstructionFront = input(pi4j, "obstruction-front", pins.obstructionFront());
        obstructionRear = input(pi4j, "obstruction-rear", pins.obstructionRear());
        emergencyStop = input(pi4j, "emergency-stop", pins.emergencyStop());
        aislePresence = input(pi4j, "aisle-presence", pins.aislePresence());
        aisleBeam = input(pi4j, "aisle-beam", pins.aisleBeam());
        buttonFront = input(pi4j, "button-front", pins.buttonFront());
        buttonRear = input(pi4j, "button-rear", pins.buttonRear());
        buttonFront.addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                pressesFront.incrementAndGet();
            }
        });
        buttonRear.addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                pressesRear.incrementAndGet();
            }
        });
        motorEnable = output(pi4j, "motor-enable", pins.motorEnable());
        motorForward = output(pi4j, "motor-forward", pins.motorForward());
        if (java.util.stream.IntStream.of(pins.obstructionFront(), pins.obstructionRear(), pins.emergencyStop(), pins.motorEnable(),
                pins.motorForward(), pins.buttonFront(), pins.buttonRear(), pins.aislePresence(), pins.aisleBeam()).anyMatch(l -> l == GUIDE_LINE)) {
            throw new IllegalArgumentException("GPIO line " + GUIDE_LINE + " is the guide indicator's; wire the other input elsewhere");
        }
        guide = output(pi4j, "guide", GUIDE_LINE);
        safetyInputs = java.util.Map.of("obstruction-front", obstructionFront, "obstruction-rear", obstructionRear,
                "emergency-stop", emergencyStop, "aisle-presence", aislePresence, "aisle-beam", aisleBeam);
    }

    private static DigitalInput input(Context pi4j, String id, int line) {
        return pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                .id(id).name(id).address(line).pull(PullResistance.PULL_DOWN).build());
    }

    private static DigitalOutput output(Context pi4j, String id, int line) {
        // Power-on and shutdown state LOW: the motor is never driven unless the firmware says so.
        return pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                .id(id).name(id).address(line).initial(DigitalState.LOW).shutdown(DigitalState.LOW).build());
    }

    /** @return whether the front contact strip or light beam chain is open. */
    public boolean obstructionFront() {
        return !obstructionFront.isHigh();
    }

    /** @return whether the rear contact strip or light beam chain is open. */
    public boolean obstructionRear() {
        return !obstructionRear.isHigh();
    }

    /** @return whether the emergency stop chain is open. */
    public boolean emergencyStop() {
        return !emergencyStop.isHigh();
    }

    /** @return whether the presence sensor of the aisle in front sees someone (or is cut off). */
    public boolean aisleOccupied() {
        return !aislePresence.isHigh();
    }

    /** @return whether the entry light beam of the aisle in front is interrupted (or cut off). */
    public boolean aisleBeamBroken() {
        return !aisleBeam.isHigh();
    }

    /** @return whether the motor is driven. */
    public boolean motorEnabled() {
        return motorEnable.isHigh();
    }

    /** Cuts motor power. */
    /** Lights or darkens the guide indicator. */
    void guide(boolean on) {
        guide.state(on ? DigitalState.HIGH : DigitalState.LOW);
    }

    /** @return whether the guide indicator is lit */
    public boolean guideLit() {
        return guide.isHigh();
    }

    public void motorOff() {
        motorEnable.low();
        motorForward.low();
    }

    /** Drives the motor: direction first, then enable, so it never starts the wrong way. */
    public void drive(ColumnMotion.Drive d) {
        if (d == ColumnMotion.Drive.OFF) {
            motorOff();
            return;
        }
        boolean forward = d == ColumnMotion.Drive.FORWARD;
        if (motorEnable.isHigh() && motorForward.isHigh() != forward) {
            motorEnable.low(); // never reverse under power
        }
        if (forward) {
            motorForward.high();
        } else {
            motorForward.low();
        }
        motorEnable.high();
    }

    /** @return whether the motor is driven forward (meaningful while enabled). */
    public boolean motorForward() {
        return motorForward.isHigh();
    }

    /** @return the safety inputs as the motion rules see them. */
    public ColumnMotion.Inputs inputs() {
        return new ColumnMotion.Inputs(obstructionFront(), obstructionRear(), emergencyStop(), aisleOccupied() || aisleBeamBroken());
    }

    /** @return the fail-safe inputs by id (safety chains and aisle sensors), for the simulator to drive on the mock platform. */
    public java.util.Map<String, DigitalInput> safetyInputs() {
        return safetyInputs; // the simulator's physics asks 45 boards for it every 5 ms
    }

    /** @return the aisle buttons by id, for the simulator to press on the mock platform. */
    public java.util.Map<String, DigitalInput> buttons() {
        return java.util.Map.of("button-front", buttonFront, "button-rear", buttonRear);
    }

    /** @return presses of the front face's aisle button since start. */
    public long pressesFront() {
        return pressesFront.get();
    }

    /** @return presses of the rear face's aisle button since start. */
    public long pressesRear() {
        return pressesRear.get();
    }

    /** Calls {@code onChange} whenever a safety input or an aisle button changes. */
    public void onSafetyInputChange(Runnable onChange) {
        for (DigitalInput in : new DigitalInput[] {obstructionFront, obstructionRear, emergencyStop, aislePresence, aisleBeam, buttonFront, buttonRear}) {
            in.addListener(event -> onChange.run());
        }
    }
}
