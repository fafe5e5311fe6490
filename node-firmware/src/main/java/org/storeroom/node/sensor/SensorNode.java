package org.storeroom.node.sensor;

import com.pi4j.context.Context;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.bus.BusResources;
import org.storeroom.bus.ClimateReport;
import org.storeroom.bus.FirePanel;
import org.storeroom.bus.NodeHealth;
import org.storeroom.bus.NodeKind;
import org.storeroom.bus.Relay;
import org.storeroom.bus.RelayCommand;
import org.storeroom.bus.RelayStates;
import org.storeroom.bus.SensorInputs;
import org.storeroom.bus.SensorReading;
import org.storeroom.node.Firmware;
import org.storeroom.node.HealthResource;
import org.storeroom.node.NodeServer;

/**
 * The firmware of one sensor board: reads its temperature/humidity sensors every few seconds (each read
 * judged by {@link ReadingCheck}), watches its detector, water, door and fire panel inputs (at once, from
 * the inputs' listeners), switches its relays when the gateway asks, and serves {@code /climate},
 * {@code /inputs}, {@code /outputs} and {@code /health} on the device bus.
 *
 * <p>Like a column that stops by itself, the board holds its plant off by itself: while the fire panel
 * it is wired to shows fire, a gas discharge countdown or released gas, every relay is released (air
 * handling off, dampers closed) and a request to switch one on is refused, whatever the gateway does.
 */
public final class SensorNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SensorNode.class);
    private static final String PROGRAM = "sensor-node";
    /** A silent observer re-registers after this; notifications come at least every read. */
    private static final int MAX_AGE_S = 10;
    /** After this many failed reads in a row a sensor gets a soft reset. */
    static final int RESET_AFTER = 3;

    private final SensorNodeConfig config;
    private final SensorIo io;
    private final List<ReadingCheck> checks = new ArrayList<>();
    private final NodeServer server;
    private final Observed climateResource;
    private final Observed inputsResource;
    private final OutputsResource outputsResource;
    private final ScheduledExecutorService loopExecutor;
    private final boolean ownExecutor;
    private final long boot = new SecureRandom().nextLong() & Long.MAX_VALUE;
    private final long startedNanos = System.nanoTime();

    private ScheduledFuture<?> loop;
    private long climateSeq;
    private ClimateReport climate;
    private long[] readAt;
    private long inputsSeq;
    private SensorInputs inputs;
    private long relaySeq;
    private RelayStates relays;

    /**
     * @param config    which node, zone, wiring, where to serve
     * @param pi4j      the board's Pi4J context (closed by the caller)
     * @param executors shared executors, or {@code null} for the node's own
     */
    public SensorNode(SensorNodeConfig config, Context pi4j, NodeServer.SharedExecutors executors) {
        this(config, pi4j, executors, null);
    }

    /** @param psk the board's pre-shared key for secure mode (DTLS; relay commands only over it), or {@code null} */
    public SensorNode(SensorNodeConfig config, Context pi4j, NodeServer.SharedExecutors executors, org.storeroom.bus.BusSecurity.Psk psk) {
        this.config = config;
        this.io = new SensorIo(pi4j, config.wiring());
        for (SensorWiring.ShtSensor s : config.wiring().sensors()) {
            checks.add(new ReadingCheck(s.id(), s.model().name()));
        }
        this.readAt = new long[checks.size()];
        this.climateResource = new Observed(BusResources.CLIMATE, "storeroom.sensor.climate", MAX_AGE_S, this::climate);
        this.inputsResource = new Observed(BusResources.INPUTS, "storeroom.sensor.inputs", MAX_AGE_S, this::inputs);
        this.outputsResource = new OutputsResource(this, MAX_AGE_S);
        this.server = new NodeServer(config.bind(), executors, psk, climateResource, inputsResource, outputsResource,
                new HealthResource(this::health));
        this.ownExecutor = executors == null;
        this.loopExecutor = ownExecutor ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, config.node() + "-read");
            t.setDaemon(true);
            return t;
        }) : executors.control();
    }

    /** Reads every input and sensor once, then serves the bus and reads on a schedule. */
    public void start() {
        inputsChanged();
        readSensors();
        io.onInputChange(this::inputsChanged);
        server.start();
        loop = loopExecutor.scheduleWithFixedDelay(this::cycle, config.readEveryMs(), config.readEveryMs(), TimeUnit.MILLISECONDS);
        LOG.info("sensor node {} (zone {}) serving on {} (firmware {}, boot {})", config.node(), config.zone(),
                server.boundAddress(), Firmware.VERSION, boot);
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }

    private void cycle() {
        try {
            readSensors();
            // The inputs are watched by listeners; this re-reads them as a backstop and is the heartbeat.
            inputsChanged();
            inputsResource.changed();
            outputsResource.changed();
        } catch (RuntimeException e) {
            LOG.error("sensor node {} read cycle failed", config.node(), e);
        }
    }

    /** Reads each sensor (outside the lock: a read blocks 10–16 ms) and publishes the report. */
    private void readSensors() {
        List<Object> results = new ArrayList<>();
        for (Sht sensor : io.sensors()) {
            try {
                results.add(sensor.measure());
            } catch (Sht.ReadFailure f) {
                results.add(f);
            }
        }
        synchronized (this) {
            List<SensorReading> readings = new ArrayList<>();
            long now = now();
            for (int i = 0; i < results.size(); i++) {
                ReadingCheck check = checks.get(i);
                SensorReading r = results.get(i) instanceof Sht.Measurement m ? check.measured(m) : check.failed((Sht.ReadFailure) results.get(i));
                readAt[i] = now;
                if (r.failures() == 1) {
                    LOG.warn("sensor node {}: {} {}: {}", config.node(), r.sensor(), r.quality(), r.problem());
                }
                if (r.failures() > 0 && r.failures() % RESET_AFTER == 0) {
                    io.sensors().get(i).softReset();
                }
                readings.add(r);
            }
            climate = new ClimateReport(config.node(), config.zone(), boot, climateSeq++, readings);
        }
        climateResource.changed();
    }

    /** Re-reads the inputs; on a change counts it, applies the fire interlock and tells observers. */
    private void inputsChanged() {
        boolean changed;
        boolean relaysChanged;
        synchronized (this) {
            SensorInputs next = new SensorInputs(config.node(), config.zone(), boot, inputsSeq, io.detectors(), io.contacts(), io.firePanel());
            changed = inputs == null || !next.detectors().equals(inputs.detectors()) || !next.contacts().equals(inputs.contacts())
                    || !java.util.Objects.equals(next.firePanel(), inputs.firePanel());
            if (changed) {
                next = new SensorInputs(config.node(), config.zone(), boot, ++inputsSeq, next.detectors(), next.contacts(), next.firePanel());
                if (inputs != null) {
                    LOG.info("sensor node {} inputs: {}", config.node(), next);
                }
                inputs = next;
            }
            relaysChanged = applyInterlock();
        }
        if (changed) {
            inputsResource.changed();
        }
        if (relaysChanged) {
            outputsResource.changed();
        }
    }

    /** What the fire interlock holds off given the panel's signals, and why (pure). */
    static Optional<String> interlock(FirePanel panel) {
        if (panel == null) {
            return Optional.empty();
        }
        if (panel.gasReleased()) {
            return Optional.of("extinguishing gas released: air handling off and dampers closed until the panel is reset");
        }
        if (panel.preDischarge()) {
            return Optional.of("gas discharge countdown running: air handling off and dampers closed");
        }
        if (panel.fire()) {
            return Optional.of("fire panel in alarm: air handling off and dampers closed");
        }
        return Optional.empty();
    }

    /** Releases every relay while the interlock holds. @return whether the relay states changed */
    private boolean applyInterlock() {
        Optional<String> hold = interlock(inputs.firePanel());
        if (hold.isPresent()) {
            for (Relay r : Relay.values()) {
                io.set(r, false);
            }
        }
        return snapshotRelays(hold);
    }

    private boolean snapshotRelays(Optional<String> hold) {
        Map<Relay, Boolean> now = io.relays();
        List<Relay> heldOff = hold.isPresent() ? List.copyOf(now.keySet()) : List.of();
        if (relays != null && relays.relays().equals(now) && relays.heldOff().equals(heldOff)) {
            return false;
        }
        if (hold.isPresent() && (relays == null || relays.heldOff().isEmpty())) {
            LOG.warn("sensor node {}: {}", config.node(), hold.get());
        }
        relays = new RelayStates(config.node(), boot, relaySeq++, now, heldOff, hold.orElse(null));
        return true;
    }

    /**
     * Handles a {@code PUT /outputs}: all of it or nothing.
     *
     * @return why it is refused, or empty
     */
    Optional<String> switchRelays(RelayCommand c) {
        boolean changed;
        synchronized (this) {
            Set<Relay> missing = EnumSet.noneOf(Relay.class);
            c.relays().keySet().stream().filter(r -> !io.fitted(r)).forEach(missing::add);
            if (!missing.isEmpty()) {
                return Optional.of("relay " + missing + " is not fitted on " + config.node());
            }
            Optional<String> hold = interlock(inputs.firePanel());
            if (hold.isPresent() && c.relays().containsValue(Boolean.TRUE)) {
                return Optional.of(hold.get());
            }
            c.relays().forEach(io::set);
            changed = snapshotRelays(hold);
            if (changed) {
                LOG.info("sensor node {} relays {} by {}", config.node(), c.relays(), c.origin());
            }
        }
        if (changed) {
            outputsResource.changed();
        }
        return Optional.empty();
    }

    /** @return the latest climate report, each reading's age brought up to date */
    public synchronized ClimateReport climate() {
        long now = now();
        List<SensorReading> aged = new ArrayList<>();
        for (int i = 0; i < climate.sensors().size(); i++) {
            SensorReading r = climate.sensors().get(i);
            aged.add(new SensorReading(r.sensor(), r.model(), r.temperatureC(), r.humidityPct(), r.quality(), r.problem(),
                    Math.max(0, now - readAt[i]), r.failures()));
        }
        return new ClimateReport(climate.node(), climate.zone(), climate.boot(), climate.seq(), aged);
    }

    /** @return the inputs as last read */
    public synchronized SensorInputs inputs() {
        return inputs;
    }

    /** @return the relay states */
    public synchronized RelayStates relays() {
        return relays;
    }

    /** @return the node's health: a failing sensor or a detector fault is a fault */
    public NodeHealth health() {
        List<String> faults = new ArrayList<>();
        synchronized (this) {
            climate.sensors().stream().filter(r -> !r.quality().usable())
                    .forEach(r -> faults.add(r.sensor() + " " + r.quality() + ": " + r.problem()));
            inputs.detectors().stream().filter(d -> d.level() == org.storeroom.bus.DetectorLevel.FAULT)
                    .forEach(d -> faults.add("detector " + d.id() + " reports a fault"));
            if (inputs.firePanel() != null && inputs.firePanel().fault()) {
                faults.add("fire panel reports a fault");
            }
        }
        return new NodeHealth(config.node(), NodeKind.SENSOR, Firmware.label(PROGRAM), boot,
                (System.nanoTime() - startedNanos) / 1_000_000, faults.size() > 32 ? faults.subList(0, 32) : faults);
    }

    /** @return where the node serves */
    public NodeServer server() {
        return server;
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.cancel(false);
        }
        server.close();
        if (ownExecutor) {
            loopExecutor.shutdownNow();
        }
    }
}
