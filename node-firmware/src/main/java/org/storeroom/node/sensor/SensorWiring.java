package org.storeroom.node.sensor;

import java.util.List;
import java.util.Map;
import org.storeroom.bus.Contact;
import org.storeroom.bus.Detector;
import org.storeroom.bus.Relay;

/**
 * How a sensor board is wired: its I2C sensors, detector and contact inputs, the fire panel's contacts
 * and its relays. Inputs are fail-safe: a healthy loop reads HIGH, so a cut wire reads as a fault, a
 * leak or an open door, never as "all quiet". Alarm contacts of detectors and the panel close (HIGH) on
 * alarm.
 *
 * @param sensors   temperature/humidity sensors on I2C bus 1
 * @param detectors fire detectors
 * @param contacts  water and door contacts
 * @param firePanel the fire panel's contacts, or {@code null} when this board is not wired to it
 * @param relays    each relay fitted and its output line
 */
public record SensorWiring(List<ShtSensor> sensors, List<DetectorLines> detectors, List<ContactLine> contacts,
        FirePanelLines firePanel, Map<Relay, Integer> relays) {

    /** An SHT sensor: family and I2C address (0x44 or 0x45). */
    public record ShtSensor(Sht.Model model, int address) {
        public ShtSensor {
            if (model == null) {
                throw new IllegalArgumentException("sensor model is missing");
            }
            if (address != 0x44 && address != 0x45 && address != 0x46) {
                throw new IllegalArgumentException(String.format("SHT address 0x%02X is not 0x44, 0x45 or 0x46", address));
            }
        }

        /** @return the sensor id reported on the bus */
        public String id() {
            return String.format("sht-0x%02x", address);
        }
    }

    /**
     * A detector's lines. A point detector has {@code fire1} and {@code fault}; an aspirating detector
     * also {@code alert}, {@code action} and {@code fire2}. Absent lines are -1.
     */
    public record DetectorLines(String id, Detector.Kind kind, int alert, int action, int fire1, int fire2, int healthy) {
        public DetectorLines {
            if (kind == null) {
                throw new IllegalArgumentException("detector " + id + ": kind is missing");
            }
            if (fire1 < 0 || healthy < 0) {
                throw new IllegalArgumentException("detector " + id + ": needs a fire line and a healthy (fault) line");
            }
            if (kind == Detector.Kind.ASPIRATING && (alert < 0 || action < 0 || fire2 < 0)) {
                throw new IllegalArgumentException("aspirating detector " + id + ": needs alert, action, fire 1, fire 2 and fault lines");
            }
        }

        /** A point smoke or heat detector. */
        public static DetectorLines point(String id, Detector.Kind kind, int fire, int healthy) {
            return new DetectorLines(id, kind, -1, -1, fire, -1, healthy);
        }
    }

    /** A water or door contact: HIGH while dry / closed. */
    public record ContactLine(String id, Contact.Kind kind, int line) { }

    /** The fire panel's output contacts. */
    public record FirePanelLines(int fire, int healthy, int preDischarge, int gasReleased, int automatic) { }

    public SensorWiring {
        sensors = List.copyOf(sensors);
        detectors = List.copyOf(detectors);
        contacts = List.copyOf(contacts);
        relays = Map.copyOf(relays);
        if (sensors.isEmpty()) {
            throw new IllegalArgumentException("a sensor board needs at least one temperature/humidity sensor");
        }
        java.util.Set<Integer> lines = new java.util.HashSet<>();
        java.util.function.IntConsumer claim = l -> {
            if (l >= 0 && !lines.add(l)) {
                throw new IllegalArgumentException("line " + l + " is wired twice");
            }
        };
        for (DetectorLines d : detectors) {
            java.util.stream.IntStream.of(d.alert(), d.action(), d.fire1(), d.fire2(), d.healthy()).forEach(claim);
        }
        contacts.forEach(c -> claim.accept(c.line()));
        if (firePanel != null) {
            java.util.stream.IntStream.of(firePanel.fire(), firePanel.healthy(), firePanel.preDischarge(),
                    firePanel.gasReleased(), firePanel.automatic()).forEach(claim);
        }
        relays.values().forEach(claim::accept);
    }

    /**
     * The reference board: one SHT3x at 0x44, a point smoke detector (lines 4, 5), a water sensor (6), the
     * door contact (7) and all five relays (20..24). The panel board adds an aspirating detector and the
     * fire panel.
     */
    public static SensorWiring reference(String zone, boolean panelBoard) {
        List<DetectorLines> detectors = new java.util.ArrayList<>(List.of(DetectorLines.point("smoke-" + zone, Detector.Kind.SMOKE, 4, 5)));
        FirePanelLines panel = null;
        if (panelBoard) {
            detectors.add(new DetectorLines("vesda-" + zone, Detector.Kind.ASPIRATING, 8, 9, 10, 11, 12));
            panel = new FirePanelLines(13, 14, 15, 16, 17);
        }
        return new SensorWiring(List.of(new ShtSensor(Sht.Model.SHT3X, 0x44)), detectors,
                List.of(new ContactLine("water-" + zone, Contact.Kind.WATER, 6), new ContactLine("door-" + zone, Contact.Kind.DOOR, 7)),
                panel, Map.of(Relay.AIR_CONDITIONER, 20, Relay.DEHUMIDIFIER, 21, Relay.HUMIDIFIER, 22, Relay.VENTILATION, 23,
                        Relay.DAMPERS, 24));
    }
}
