package org.storeroom.node.sensor;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.storeroom.bus.Contact;
import org.storeroom.bus.Detector;
import org.storeroom.bus.DetectorLevel;
import org.storeroom.bus.FirePanel;
import org.storeroom.bus.Relay;

/** The sensor board's I/O through Pi4J: I2C sensors, detector/contact/panel inputs, relay outputs. */
final class SensorIo {
    private final List<Sht> sensors = new ArrayList<>();
    private final Map<SensorWiring.DetectorLines, DigitalInput[]> detectors = new LinkedHashMap<>();
    private final Map<SensorWiring.ContactLine, DigitalInput> contacts = new LinkedHashMap<>();
    private final DigitalInput[] panel;
    private final Map<Relay, DigitalOutput> relays = new EnumMap<>(Relay.class);
    private final List<DigitalInput> inputs = new ArrayList<>();

    SensorIo(Context pi4j, SensorWiring wiring) {
        for (SensorWiring.ShtSensor s : wiring.sensors()) {
            I2C device = pi4j.create(I2C.newConfigBuilder(pi4j).id(s.id()).name(s.id()).bus(1).device(s.address()).build());
            sensors.add(new Sht(device, s.model()));
        }
        for (SensorWiring.DetectorLines d : wiring.detectors()) {
            detectors.put(d, new DigitalInput[] {input(pi4j, d.id() + "-alert", d.alert()), input(pi4j, d.id() + "-action", d.action()),
                    input(pi4j, d.id() + "-fire1", d.fire1()), input(pi4j, d.id() + "-fire2", d.fire2()),
                    input(pi4j, d.id() + "-healthy", d.healthy())});
        }
        for (SensorWiring.ContactLine c : wiring.contacts()) {
            contacts.put(c, input(pi4j, c.id(), c.line()));
        }
        SensorWiring.FirePanelLines p = wiring.firePanel();
        panel = p == null ? null : new DigitalInput[] {input(pi4j, "panel-fire", p.fire()), input(pi4j, "panel-healthy", p.healthy()),
                input(pi4j, "panel-pre-discharge", p.preDischarge()), input(pi4j, "panel-gas-released", p.gasReleased()),
                input(pi4j, "panel-automatic", p.automatic())};
        for (Map.Entry<Relay, Integer> r : wiring.relays().entrySet()) {
            String id = "relay-" + r.getKey().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            // Power-on and shutdown LOW: plant off and dampers closed unless the firmware says otherwise.
            relays.put(r.getKey(), pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).name(id).address(r.getValue())
                    .initial(DigitalState.LOW).shutdown(DigitalState.LOW).build()));
        }
    }

    private DigitalInput input(Context pi4j, String id, int line) {
        if (line < 0) {
            return null;
        }
        DigitalInput in = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).name(id).address(line)
                .pull(PullResistance.PULL_DOWN).build());
        inputs.add(in);
        return in;
    }

    /** Calls {@code r} whenever any input changes (on Pi4J's thread). */
    void onInputChange(Runnable r) {
        inputs.forEach(i -> i.addListener(e -> r.run()));
    }

    List<Sht> sensors() {
        return sensors;
    }

    List<Detector> detectors() {
        List<Detector> out = new ArrayList<>();
        for (Map.Entry<SensorWiring.DetectorLines, DigitalInput[]> d : detectors.entrySet()) {
            DigitalInput[] l = d.getValue();
            DetectorLevel level;
            // The highest alarm level showing wins; a fault only when no alarm shows (an alarm is never hidden).
            if (high(l[3])) {
                level = DetectorLevel.FIRE_2;
            } else if (high(l[2])) {
                level = DetectorLevel.FIRE_1;
            } else if (high(l[1])) {
                level = DetectorLevel.ACTION;
            } else if (high(l[0])) {
                level = DetectorLevel.ALERT;
            } else if (!high(l[4])) {
                level = DetectorLevel.FAULT;
            } else {
                level = DetectorLevel.NORMAL;
            }
            out.add(new Detector(d.getKey().id(), d.getKey().kind(), level));
        }
        return out;
    }

    List<Contact> contacts() {
        List<Contact> out = new ArrayList<>();
        contacts.forEach((c, in) -> out.add(new Contact(c.id(), c.kind(), !in.isHigh())));
        return out;
    }

    /** @return the panel's signals, or {@code null} when this board is not wired to it */
    FirePanel firePanel() {
        if (panel == null) {
            return null;
        }
        return new FirePanel(high(panel[0]), !high(panel[1]), high(panel[2]), high(panel[3]), high(panel[4]));
    }

    private static boolean high(DigitalInput in) {
        return in != null && in.isHigh();
    }

    Map<Relay, Boolean> relays() {
        Map<Relay, Boolean> out = new EnumMap<>(Relay.class);
        relays.forEach((r, o) -> out.put(r, o.isHigh()));
        return out;
    }

    boolean fitted(Relay r) {
        return relays.containsKey(r);
    }

    void set(Relay r, boolean on) {
        DigitalOutput o = relays.get(r);
        if (o != null) {
            o.state(on ? DigitalState.HIGH : DigitalState.LOW);
        }
    }
}
