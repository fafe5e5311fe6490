package org.storeroom.climate.internal;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.bus.ClimateReport;
import org.storeroom.bus.Contact;
import org.storeroom.bus.Detector;
import org.storeroom.bus.DetectorLevel;
import org.storeroom.bus.FirePanel;
import org.storeroom.bus.Relay;
import org.storeroom.bus.RelayCommand;
import org.storeroom.bus.RelayStates;
import org.storeroom.bus.SensorInputs;
import org.storeroom.bus.SensorReading;
import org.storeroom.climate.api.ClimateBand;
import org.storeroom.climate.api.Holdings;
import org.storeroom.climate.core.ExcursionCause;
import org.storeroom.climate.core.FireLinkage;
import org.storeroom.climate.core.FireSignals;
import org.storeroom.climate.core.FireStage;
import org.storeroom.climate.core.Protections;
import org.storeroom.climate.core.Psychrometrics;
import org.storeroom.climate.core.ZoneControl;
import org.storeroom.gateway.api.ApiRoute;
import org.storeroom.gateway.api.ApiRoutes;
import org.storeroom.gateway.api.AuditLog;
import org.storeroom.gateway.api.HealthCheck;
import org.storeroom.gateway.api.LiveView;
import org.storeroom.gateway.api.Outbox;
import org.storeroom.gateway.api.Store;
import org.storeroom.gateway.api.StoreException;
import org.storeroom.gateway.api.SubsystemHealth;
import org.storeroom.shelf.api.RequestHandle;
import org.storeroom.shelf.api.RequestOutcome;
import org.storeroom.shelf.api.ShelfControl;
import org.storeroom.shelf.api.ShelfMode;

/**
 * The room's environment at the gateway: hears every sensor node, runs the fire linkage and the zones'
 * climate control, keeps the climate history and serves it. All decisions are taken on one thread, in
 * the order the signals arrived; a fire signal is acted on as soon as it is heard (shelves first, then
 * the plant, then the records), never at the next control period.
 */
@Component(name = EnvironmentComponent.PID, service = {ApiRoutes.class, HealthCheck.class, ConfigurableComponent.class}, immediate = true)
@Designate(ocd = EnvironmentConfig.class)
public final class EnvironmentComponent implements ApiRoutes, HealthCheck, ConfigurableComponent, SensorBus.Listener {
    static final String PID = "org.storeroom.climate";
    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentComponent.class);
    /** A zone reading older than this is not used for control. */
    private static final long READING_FRESH_MS = 30_000;
    /** Local hours of the twice-daily records. */
    private static final int[] RECORD_HOURS = {9, 15};

    private final Store store;
    private final Outbox outbox;
    private final AuditLog audit;
    private final EnvironmentSettings settings;
    private final Clock clock;
    private final ZoneId local;
    private final ScheduledExecutorService thread;
    private final SensorBus bus;
    private final FireLinkage linkage = new FireLinkage();
    private final Map<String, ZoneControl> zones = new LinkedHashMap<>();
    private final Map<String, SensorInputs> inputs = new HashMap<>();
    private final Map<String, ClimateReport> climate = new HashMap<>();
    private final Map<String, Long> climateAt = new HashMap<>();
    private final Map<String, RelayStates> relays = new HashMap<>();
    private final Map<String, double[]> zoneNow = new HashMap<>();
    private final Set<String> outOfBand = new HashSet<>();
    private final AtomicLong recordFailures = new AtomicLong();
    private final AtomicLong alarms = new AtomicLong();
    private final EnvironmentRoutes routes;
    private final long startedAt;
    private long lastMinute;
    private long lastTickAt;
    private long lastHour;
    private volatile ShelfControl shelves;
    private volatile String lastAlarm = "";
    /** The linkage's stage as last decided, for readers off the environment thread (health). */
    private volatile FireStage stageNow = FireStage.QUIET;
    /** Live views of the fire linkage (the panel's alarm banner), told whenever the signals have been decided on. */
    private final List<Runnable> fireWatchers = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The last acknowledgement of an alarm: who, when, and the alarm as it showed; environment thread only. */
    private Map<String, Object> acknowledged;

    @Activate
    public EnvironmentComponent(@Reference Store store, @Reference Outbox outbox, @Reference AuditLog audit, EnvironmentConfig config)
            throws StoreException {
        this(store, outbox, audit, EnvironmentSettings.from(config), Clock.systemUTC(), ZoneId.systemDefault());
    }

    EnvironmentComponent(Store store, Outbox outbox, AuditLog audit, EnvironmentSettings settings, Clock clock, ZoneId local)
            throws StoreException {
        this.store = store;
        this.outbox = outbox;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.local = local;
        store.migrate("climate", ClimateHistory.SCHEMA);
        long now = clock.millis();
        this.startedAt = now;
        Map<String, ClimateBand> saved = store.read(ClimateHistory::bands);
        settings.zones().forEach((z, h) -> {
            ClimateBand b = saved.getOrDefault(z, h.band());
            if (!within(b, h.band())) {
                LOG.warn("zone {}: the band kept ({}) is wider than the standard for {}; the standard applies", z, b, h);
                b = h.band();
            }
            zones.put(z, new ZoneControl(b, ZoneControl.Settings.DEFAULT, now));
        });
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "environment");
            t.setDaemon(true);
            return t;
        });
        this.routes = new EnvironmentRoutes(this);
        this.bus = new SensorBus(settings.nodes(), settings.keys(), this, clock);
        thread.scheduleWithFixedDelay(this::guarded, settings.controlEveryMs(), settings.controlEveryMs(), TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::checkSilent, settings.silentMs(), Math.max(1000, settings.silentMs() / 3), TimeUnit.MILLISECONDS);
        LOG.info("environment: zones {}, {} sensor nodes, control {}", settings.zones(), settings.nodes().size(),
                settings.control() ? "on" : "off");
    }

    /**
     * The environment outside OSGi (benchmarks, tools): the same component, paper zone {@code zone-1}.
     *
     * @param nodes sensor node id to its CoAP URI
     */
    public static EnvironmentComponent start(Store store, Outbox outbox, AuditLog audit, java.util.SortedMap<String, java.net.URI> nodes,
            ShelfControl shelves) throws StoreException {
        EnvironmentComponent e = new EnvironmentComponent(store, outbox, audit,
                new EnvironmentSettings(nodes, Map.of("zone-1", Holdings.PAPER), 15_000, true, 60_000), Clock.systemUTC(), ZoneId.systemDefault());
        e.setShelves(shelves);
        return e;
    }

    /** A person's all-clear, for tools. @throws FireLinkage.Refused as the panel's all-clear would be */
    public FireStage allClear(String by) throws FireLinkage.Refused {
        return personClears(false, by).stage();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setShelves(ShelfControl s) {
        shelves = s;
        thread.execute(() -> {
            // A fire that came before the shelving did still holds it.
            if (linkage.stage().shelvesHeld()) {
                holdShelves("fire linkage: " + linkage.stage());
            }
        });
    }

    void unsetShelves(ShelfControl s) {
        if (shelves == s) {
            shelves = null;
        }
    }

    // --- what the nodes say (bus threads): handed to the environment thread ---

    @Override
    public void inputs(String node, SensorInputs in) {
        thread.execute(() -> {
            inputs.put(node, in);
            fire();
        });
    }

    @Override
    public void climate(String node, ClimateReport report) {
        thread.execute(() -> {
            climate.put(node, report);
            climateAt.put(node, clock.millis());
        });
    }

    @Override
    public void relays(String node, RelayStates states) {
        thread.execute(() -> relays.put(node, states));
    }

    // --- fire ---

    private void checkSilent() {
        try {
            fire();
        } catch (RuntimeException e) {
            LOG.error("environment: fire check failed", e);
        }
    }

    /** @return the nodes not heard within the silent limit */
    private Set<String> silentNodes() {
        long now = clock.millis();
        Map<String, Long> heard = bus.heardAt();
        Set<String> silent = new java.util.TreeSet<>();
        for (String node : settings.nodes().keySet()) {
            Long at = heard.get(node);
            if (at == null ? now - startedAt > settings.silentMs() : now - at > settings.silentMs()) {
                silent.add(node);
            }
        }
        return silent;
    }

    /** The signals from every node's latest inputs, and silent nodes as faults. */
    FireSignals signals() {
        Set<String> fire = new HashSet<>();
        Set<String> pre = new HashSet<>();
        Set<String> faulty = new HashSet<>();
        boolean panelFire = false;
        boolean pre30 = false;
        boolean gas = false;
        for (SensorInputs in : inputs.values()) {
            for (Detector d : in.detectors()) {
                if (d.level().fire()) {
                    fire.add(d.id());
                } else if (d.level().preAlarm()) {
                    pre.add(d.id());
                } else if (d.level() == DetectorLevel.FAULT) {
                    faulty.add("detector " + d.id());
                }
            }
            FirePanel p = in.firePanel();
            if (p != null) {
                panelFire |= p.fire();
                pre30 |= p.preDischarge();
                gas |= p.gasReleased();
                if (p.fault()) {
                    faulty.add("fire panel");
                }
            }
        }
        for (String n : silentNodes()) {
            faulty.add("sensor node " + n + " silent");
        }
        return new FireSignals(fire, pre, faulty, panelFire, pre30, gas);
    }

    private void fire() {
        FireLinkage.Step step = linkage.signals(signals());
        apply(step.effects());
    }

    private void apply(List<FireLinkage.Effect> effects) {
        stageNow = linkage.stage();
        for (FireLinkage.Effect e : effects) {
            if (e instanceof FireLinkage.Effect.HoldShelves h) {
                holdShelves("fire linkage: " + h.cause());
            } else if (e instanceof FireLinkage.Effect.PlantOff p) {
                plantOff(p.cause());
            } else if (e instanceof FireLinkage.Effect.ParkShelves p) {
                parkShelves("fire linkage: " + p.cause());
            } else if (e instanceof FireLinkage.Effect.StopShelves st) {
                ShelfControl sh = shelves;
                if (sh != null) {
                    sh.stopAll("fire linkage: " + st.cause());
                }
            } else if (e instanceof FireLinkage.Effect.Alarm a) {
                alarm(a.code(), "fire", a.cause(), fireText(a.stage(), a.cause()));
            } else if (e instanceof FireLinkage.Effect.Notice n) {
                alarm(n.code(), "notice", n.subject(), n.code().equals("pre-alarm")
                        ? new String[] {"预警：" + n.subject() + "（已记录，请现场查看）", "pre-alarm: " + n.subject() + " (recorded; check on site)"}
                        : new String[] {"故障：" + n.subject(), "fault: " + n.subject()});
            } else if (e instanceof FireLinkage.Effect.Recover r) {
                recover(r.by());
            }
        }
        fireWatchers.forEach(Runnable::run);
    }

    /** Calls {@code changed} whenever the fire linkage has looked at the signals, changed or not. */
    LiveView.Watch watchFire(Runnable changed) {
        fireWatchers.add(changed);
        return () -> fireWatchers.remove(changed);
    }

    private static String[] fireText(FireStage stage, String cause) {
        return switch (stage) {
            case FIRST_ALARM -> new String[] {"火警：" + cause + "。密集架已全部停止并锁定，请核实火情。",
                    "fire alarm: " + cause + ". All shelving stopped and held; verify the fire."};
            case CONFIRMED -> new String[] {"火警确认：" + cause + "。空调、新风已关闭，防火阀已关闭。",
                    "fire confirmed: " + cause + ". Air handling off, dampers closed."};
            case GAS_RELEASED -> new String[] {"气体灭火已释放：" + cause + "。一切动作禁止，须钥匙复位。",
                    "extinguishing gas released: " + cause + ". Everything inhibited until the key reset."};
            default -> new String[] {cause, cause};
        };
    }

    private void holdShelves(String cause) {
        ShelfControl s = shelves;
        if (s == null) {
            LOG.error("environment: FIRE, but the shelving is not running here to be held ({})", cause);
            return;
        }
        if (s.mode() != ShelfMode.FIRE) {
            s.setMode(ShelfMode.FIRE, cause);
        }
    }

    /** Asks for the fire park; each range's outcome (spread, or why not) is logged and sent as a notice. */
    private void parkShelves(String cause) {
        ShelfControl s = shelves;
        if (s == null) {
            return;
        }
        for (RequestHandle h : s.firePark(cause)) {
            h.end().whenComplete((outcome, err) -> {
                if (outcome == null) {
                    return;
                }
                String what = outcome.status() == RequestOutcome.Status.FINISHED ? "spread to even gaps"
                        : "not spread: " + outcome.why().reason().en() + " (" + outcome.why().detail() + ")";
                String zh = outcome.status() == RequestOutcome.Status.FINISHED ? "已散架（等间距）"
                        : "未散架：" + outcome.why().reason().zh() + "（" + outcome.why().detail() + "）";
                thread.execute(() -> alarm("fire-park", "notice", h.requestId(), new String[] {"消防散架 " + h.requestId() + "：" + zh,
                        "fire park " + h.requestId() + ": " + what}));
            });
        }
    }

    private void plantOff(String cause) {
        for (String node : settings.nodes().keySet()) {
            Map<Relay, Boolean> off = new EnumMap<>(Relay.class);
            RelayStates known = relays.get(node);
            for (Relay r : known == null ? List.of(Relay.values()) : known.relays().keySet()) {
                off.put(r, false);
            }
            if (off.isEmpty()) {
                continue;
            }
            bus.switchRelays(node, new RelayCommand(off, "fire-linkage")).whenComplete((s, err) -> {
                if (err != null) {
                    LOG.error("environment: FIRE: plant of {} not confirmed off: {}", node, err.getMessage());
                }
            });
        }
        LOG.warn("environment: plant off ({})", cause);
    }

    private void recover(String by) {
        ShelfControl s = shelves;
        if (s != null && s.mode() == ShelfMode.FIRE) {
            // Held, not free: the columns are re-homed by staff before anyone opens an aisle.
            s.setMode(ShelfMode.LOCKED, by);
        }
        alarm("fire-all-clear", "notice", by, new String[] {"火警解除（" + by + "）。密集架保持锁定：请复位各列后解锁，并安排RFID盘点。",
                "fire all-clear (" + by + "). Shelving stays locked: re-home the columns, then unlock, and run an RFID inventory."});
    }

    private void alarm(String code, String severity, String subject, String[] text) {
        alarms.incrementAndGet();
        lastAlarm = text[1];
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("code", code);
        data.put("severity", severity);
        data.put("subject", subject);
        data.put("stage", linkage.stage().name());
        data.put("zh", text[0]);
        data.put("en", text[1]);
        if (severity.equals("fire")) {
            LOG.error("environment: {}", text[1]);
        } else {
            LOG.warn("environment: {}", text[1]);
        }
        try {
            store.write(c -> {
                audit.append(c, "system:environment", "environment." + code, subject, Map.of("severity", severity));
                return outbox.event(c, "alarm", data);
            });
        } catch (StoreException e) {
            recordFailures.incrementAndGet();
            LOG.error("environment: alarm {} could not be recorded: {}", code, e.getMessage());
        }
    }

    /**
     * A person at the panel acknowledges the alarm showing now: recorded in the audit log and shown with the
     * alarm until its stage or its signals change (a new alarm needs its own acknowledgement). It silences
     * panels; it changes nothing the linkage does.
     *
     * @return what was acknowledged: stage, detectors, pre-alarms and faults; empty when nothing is showing
     */
    java.util.Optional<Map<String, Object>> acknowledge(String by) throws StoreException {
        Map<String, Object> what = read(() -> {
            FireSignals s = linkage.signals();
            if (linkage.stage() == FireStage.QUIET && s.preAlarm().isEmpty() && s.faulty().isEmpty()) {
                return null;
            }
            return alarmShowing();
        });
        if (what == null) {
            return java.util.Optional.empty();
        }
        store.write(c -> audit.append(c, by, "alarm.acknowledge", "fire linkage", what));
        thread.execute(() -> {
            if (alarmShowing().equals(what)) {
                acknowledged = Map.of("by", by, "at", clock.instant().toString(), "alarm", what);
                fireWatchers.forEach(Runnable::run);
            }
        });
        return java.util.Optional.of(what);
    }

    /** @return the alarm as a person sees it (stage and the signals showing); environment thread only */
    private Map<String, Object> alarmShowing() {
        FireSignals s = linkage.signals();
        return Map.of("stage", linkage.stage().name(), "fireDetectors", new java.util.TreeSet<>(s.fire()),
                "preAlarms", new java.util.TreeSet<>(s.preAlarm()), "faults", new java.util.TreeSet<>(s.faulty()));
    }

    /** The all-clear or key reset from a person. @return what happened, or why not */
    FireLinkage.Step personClears(boolean key, String by) throws FireLinkage.Refused {
        Callable<FireLinkage.Step> act = () -> {
            FireLinkage.Step s = key ? linkage.keyReset(by) : linkage.allClear(by);
            apply(s.effects());
            store.write(c -> audit.append(c, by, key ? "fire.key-reset" : "fire.all-clear", "fire linkage", Map.of("stage", s.stage().name())));
            return s;
        };
        try {
            return thread.submit(act).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FireLinkage.Refused r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (TimeoutException e) {
            throw new IllegalStateException("the environment did not answer within 10 s");
        }
    }

    // --- climate ---

    private void guarded() {
        try {
            control();
        } catch (RuntimeException | StoreException e) {
            LOG.error("environment: control period failed", e);
        }
    }

    /** @return the zone's mean of usable, fresh readings: {celsius, humidity, sensors}, or null */
    private double[] zoneAir(String zone, long now) {
        double t = 0;
        double h = 0;
        int n = 0;
        for (Map.Entry<String, ClimateReport> e : climate.entrySet()) {
            if (!e.getValue().zone().equals(zone) || now - climateAt.getOrDefault(e.getKey(), 0L) > READING_FRESH_MS) {
                continue;
            }
            for (SensorReading r : e.getValue().sensors()) {
                if (r.quality().usable()) {
                    t += r.temperatureC();
                    h += r.humidityPct();
                    n++;
                }
            }
        }
        return n == 0 ? null : new double[] {t / n, h / n, n};
    }

    private void control() throws StoreException {
        long now = clock.millis();
        boolean plantOff = linkage.stage().plantOff();
        Map<String, double[]> air = new HashMap<>();
        Map<String, Integer> causes = new HashMap<>();
        for (Map.Entry<String, ZoneControl> z : zones.entrySet()) {
            double[] a = zoneAir(z.getKey(), now);
            causes.put(z.getKey(), causes(z.getKey(), z.getValue(), a, plantOff, now));
            air.put(z.getKey(), a);
            if (a == null) {
                zoneNow.remove(z.getKey());
            } else {
                zoneNow.put(z.getKey(), a);
            }
            if (!settings.control()) {
                continue;
            }
            ZoneControl.Decision d = z.getValue().tick(now, a == null ? Double.NaN : a[0], a == null ? Double.NaN : a[1], plantOff,
                    freshAirWindow(z.getKey(), now), outside(now));
            d.changes().forEach(c -> LOG.info("zone {}: {}", z.getKey(), c));
            drive(z.getKey(), d.plant());
        }
        recordMinute(now, air, causes);
    }

    /** @return whether one of the zone's fresh-air windows is open now (local time) */
    private boolean freshAirWindow(String zone, long now) {
        return settings.freshAir().open(zone, java.time.LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(now), local));
    }

    /** @return the outside air as its boards measure it, or unknown */
    private ZoneControl.Outside outside(long now) {
        double[] o = settings.outsideZone().isEmpty() ? null : zoneAir(settings.outsideZone(), now);
        return o == null ? ZoneControl.Outside.UNKNOWN : new ZoneControl.Outside(o[0], o[1]);
    }

    /** What is going on in a zone this minute, kept with its history to explain an excursion later. */
    private int causes(String zone, ZoneControl control, double[] air, boolean plantOff, long now) {
        java.util.Set<ExcursionCause> c = java.util.EnumSet.noneOf(ExcursionCause.class);
        if (plantOff) {
            c.add(ExcursionCause.FIRE_PLANT_OFF);
        }
        if (!settings.control()) {
            c.add(ExcursionCause.CONTROL_OFF);
        }
        if (!control.overrides().isEmpty()) {
            c.add(ExcursionCause.MANUAL_OVERRIDE);
        }
        int sensors = 0;
        for (Map.Entry<String, ClimateReport> e : climate.entrySet()) {
            if (!e.getValue().zone().equals(zone)) {
                continue;
            }
            sensors += e.getValue().sensors().size();
            SensorInputs in = inputs.get(e.getKey());
            if (in != null && in.contacts().stream().anyMatch(k -> k.active() && k.kind() == Contact.Kind.DOOR)) {
                c.add(ExcursionCause.DOOR_OPEN);
            }
            RelayStates r = relays.get(e.getKey());
            if (r != null) { // what actually ran, as the board reports it
                if (Boolean.TRUE.equals(r.relays().get(Relay.AIR_CONDITIONER))) {
                    c.add(ExcursionCause.COOLING_RAN);
                }
                if (Boolean.TRUE.equals(r.relays().get(Relay.DEHUMIDIFIER))) {
                    c.add(ExcursionCause.DEHUMIDIFIER_RAN);
                }
                if (Boolean.TRUE.equals(r.relays().get(Relay.HUMIDIFIER))) {
                    c.add(ExcursionCause.HUMIDIFIER_RAN);
                }
                if (Boolean.TRUE.equals(r.relays().get(Relay.DAMPERS)) || Boolean.TRUE.equals(r.relays().get(Relay.VENTILATION))) {
                    c.add(ExcursionCause.FRESH_AIR_RAN);
                }
            }
        }
        if (air == null || air[2] < sensors || !silentNodes().isEmpty()) {
            c.add(ExcursionCause.SENSORS_MISSING);
        }
        return ExcursionCause.bits(c);
    }

    /** Sends the zone's nodes the relay states wanted, where they differ from what the node reports. */
    private void drive(String zone, Map<ZoneControl.Plant, Boolean> plant) {
        boolean freshAir = plant.get(ZoneControl.Plant.FRESH_AIR);
        Map<Relay, Boolean> wanted = Map.of(Relay.AIR_CONDITIONER, plant.get(ZoneControl.Plant.COOLING),
                Relay.DEHUMIDIFIER, plant.get(ZoneControl.Plant.DEHUMIDIFIER), Relay.HUMIDIFIER, plant.get(ZoneControl.Plant.HUMIDIFIER),
                Relay.VENTILATION, freshAir, Relay.DAMPERS, freshAir);
        for (Map.Entry<String, ClimateReport> e : climate.entrySet()) {
            if (!e.getValue().zone().equals(zone)) {
                continue;
            }
            RelayStates s = relays.get(e.getKey());
            if (s == null) {
                continue;
            }
            Map<Relay, Boolean> change = new EnumMap<>(Relay.class);
            wanted.forEach((r, on) -> {
                if (s.relays().containsKey(r) && !s.relays().get(r).equals(on) && !(on && s.heldOff().contains(r))) {
                    change.put(r, on);
                }
            });
            if (!change.isEmpty()) {
                bus.switchRelays(e.getKey(), new RelayCommand(change, "climate-control")).whenComplete((x, err) -> {
                    if (err != null) {
                        LOG.warn("zone {}: relays of {} not switched: {}", zone, e.getKey(), err.getMessage());
                    }
                });
            }
        }
    }

    private void recordMinute(long now, Map<String, double[]> air, Map<String, Integer> causes) throws StoreException {
        long minute = now / ClimateHistory.MINUTE;
        boolean newHour = lastHour != 0 && now / ClimateHistory.HOUR != lastHour;
        // A record is due when this period crossed 09:00 or 15:00 local time (periods drift; a minute
        // check could step over the hour).
        boolean recordDue = lastTickAt != 0 && recordCrossed(lastTickAt, now, local);
        List<Map<String, Object>> excursions = new ArrayList<>();
        for (Map.Entry<String, double[]> a : air.entrySet()) {
            if (a.getValue() == null) {
                continue;
            }
            ClimateBand band = zones.get(a.getKey()).band();
            boolean out = !band.contains(a.getValue()[0], a.getValue()[1]);
            if (out != outOfBand.contains(a.getKey())) {
                if (out) {
                    outOfBand.add(a.getKey());
                } else {
                    outOfBand.remove(a.getKey());
                }
                excursions.add(Map.of("zone", a.getKey(), "state", out ? "out-of-band" : "in-band",
                        "celsius", a.getValue()[0], "humidity", a.getValue()[1], "band", band));
            }
        }
        store.write(c -> {
            for (Map.Entry<String, double[]> a : air.entrySet()) {
                if (a.getValue() != null) {
                    ClimateHistory.minute(c, a.getKey(), now, a.getValue()[0], a.getValue()[1], causes.getOrDefault(a.getKey(), 0));
                    if (recordDue) {
                        ClimateHistory.record(c, a.getKey(), now, a.getValue()[0], a.getValue()[1]);
                    }
                }
            }
            if (newHour) {
                ClimateHistory.roll(c, now);
            }
            for (Map<String, Object> x : excursions) {
                outbox.event(c, "climate", x);
            }
            return null;
        });
        lastMinute = minute;
        lastTickAt = now;
        lastHour = now / ClimateHistory.HOUR;
    }

    /** @return whether a twice-daily record time (local) lies in {@code (from, to]} */
    static boolean recordCrossed(long from, long to, ZoneId zone) {
        ZonedDateTime day = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(to), zone).toLocalDate().atStartOfDay(zone);
        for (ZonedDateTime d : List.of(day.minusDays(1), day)) {
            for (int h : RECORD_HOURS) {
                long at = d.plusHours(h).toInstant().toEpochMilli();
                if (from < at && at <= to) {
                    return true;
                }
            }
        }
        return false;
    }

    // --- what the API reads (on the environment thread, so it sees one consistent moment) ---

    <T> T read(Callable<T> what) {
        try {
            return thread.submit(what).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (TimeoutException e) {
            throw new IllegalStateException("the environment did not answer within 10 s");
        }
    }

    /** @return every zone now: band, air, dew point, plant, sensors */
    List<Map<String, Object>> zonesNow() {
        return read(() -> {
            long now = clock.millis();
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map.Entry<String, ZoneControl> z : zones.entrySet()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("zone", z.getKey());
                m.put("holdings", settings.zones().get(z.getKey()).name());
                m.put("band", z.getValue().band());
                double[] a = zoneAir(z.getKey(), now);
                m.put("celsius", a == null ? null : Math.round(a[0] * 100) / 100.0);
                m.put("humidity", a == null ? null : Math.round(a[1] * 10) / 10.0);
                m.put("dewPoint", a == null ? null : Math.round(Psychrometrics.dewPoint(a[0], a[1]) * 10) / 10.0);
                m.put("inBand", a == null ? null : z.getValue().band().contains(a[0], a[1]));
                m.put("setCelsius", z.getValue().setCelsius());
                m.put("setHumidity", z.getValue().setHumidity());
                List<Map<String, Object>> sensors = new ArrayList<>();
                Map<String, Object> plant = new LinkedHashMap<>();
                climate.forEach((node, r) -> {
                    if (r.zone().equals(z.getKey())) {
                        r.sensors().forEach(s -> {
                            Map<String, Object> one = new LinkedHashMap<>();
                            one.put("node", node);
                            one.put("sensor", s.sensor());
                            one.put("quality", s.quality().name());
                            one.put("celsius", s.temperatureC());
                            one.put("humidity", s.humidityPct());
                            one.put("problem", s.problem());
                            one.put("ageMs", now - climateAt.getOrDefault(node, now) + s.readAgoMs());
                            sensors.add(one);
                        });
                        RelayStates rs = relays.get(node);
                        if (rs != null) {
                            rs.relays().forEach((k, v) -> plant.put(k.name(), v));
                            if (!rs.heldOff().isEmpty()) {
                                plant.put("heldOff", rs.reason());
                            }
                        }
                    }
                });
                m.put("sensors", sensors);
                m.put("plant", plant);
                m.put("overrides", z.getValue().overrides().values());
                Map<String, Object> fresh = new LinkedHashMap<>();
                // Days as ISO numbers (1 = Monday) so the panel can name them in either language.
                fresh.put("windows", settings.freshAir().windows(z.getKey()).stream().map(w -> Map.of(
                        "days", w.days().stream().map(java.time.DayOfWeek::getValue).toList(),
                        "from", w.from().toString(), "to", w.to().toString(), "text", w.toString())).toList());
                fresh.put("windowOpen", freshAirWindow(z.getKey(), now));
                ZoneControl.Outside o = outside(now);
                fresh.put("outside", o.known() ? Map.of("celsius", Math.round(o.celsius() * 10) / 10.0, "humidity", Math.round(o.humidity()),
                        "dewPoint", Math.round(Psychrometrics.dewPoint(o.celsius(), o.humidity()) * 10) / 10.0) : null);
                m.put("freshAir", fresh);
                out.add(m);
            }
            return out;
        });
    }

    /** @return each of the eight protections and how it stands */
    List<Protections.Standing> protections() throws StoreException {
        Map<String, Protections.Inspection> last = store.read(ClimateHistory::lastInspections);
        Protections.RoomState room = read(() -> {
            List<String> wet = new ArrayList<>();
            List<String> open = new ArrayList<>();
            inputs.values().forEach(in -> in.contacts().stream().filter(Contact::active)
                    .forEach(c -> (c.kind() == Contact.Kind.WATER ? wet : open).add(c.id())));
            List<String> unread = zones.keySet().stream().filter(z -> !zoneNow.containsKey(z)).sorted().toList();
            return new Protections.RoomState(linkage.stage(), !linkage.signals().faulty().isEmpty(), wet, open,
                    outOfBand.stream().sorted().toList(), unread);
        });
        return Protections.evaluate(settings.protections(), room, last, clock.instant());
    }

    /** Records a person's inspection of one protection. */
    void inspect(Protections.Inspection i) throws StoreException {
        store.write(c -> {
            ClimateHistory.inspection(c, i);
            audit.append(c, i.by(), "protection.inspection", "protection " + i.item(), Map.of("ok", i.ok(), "note", i.note()));
            return null;
        });
    }

    List<Protections.Item> protectionItems() {
        return settings.protections();
    }

    /** @return the fire linkage now: stage and the signals showing */
    Map<String, Object> fireNow() {
        return read(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            FireSignals s = linkage.signals();
            m.put("stage", linkage.stage().name());
            m.put("shelvesHeld", linkage.stage().shelvesHeld());
            m.put("plantOff", linkage.stage().plantOff());
            m.put("fireDetectors", new java.util.TreeSet<>(s.fire()));
            m.put("preAlarms", new java.util.TreeSet<>(s.preAlarm()));
            m.put("faults", new java.util.TreeSet<>(s.faulty()));
            m.put("panelFire", s.panelFire());
            m.put("preDischarge", s.preDischarge());
            m.put("gasReleased", s.gasReleased());
            List<Map<String, Object>> contacts = new ArrayList<>();
            inputs.values().forEach(in -> in.contacts().stream().filter(Contact::active)
                    .forEach(c -> contacts.add(Map.of("id", c.id(), "kind", c.kind().name()))));
            m.put("activeContacts", contacts);
            Map<String, Object> ack = acknowledged;
            // An acknowledgement holds for the alarm it saw; any change of stage or signals is news again.
            m.put("acknowledged", ack != null && ack.get("alarm").equals(alarmShowing()) ? Map.of("by", ack.get("by"), "at", ack.get("at")) : null);
            return m;
        });
    }

    ZoneControl zone(String zone) {
        return zones.get(zone);
    }

    /** @return whether {@code b} lies within {@code standard} */
    static boolean within(ClimateBand b, ClimateBand standard) {
        return b.minCelsius() >= standard.minCelsius() && b.maxCelsius() <= standard.maxCelsius()
                && b.minHumidity() >= standard.minHumidity() && b.maxHumidity() <= standard.maxHumidity();
    }

    /** Sets and keeps a zone's band, with its audit entry. */
    void band(String zone, ClimateBand b, String by) throws StoreException {
        ClimateBand before = read(() -> zones.get(zone).band());
        store.write(c -> {
            ClimateHistory.band(c, zone, b, by, clock.millis());
            audit.append(c, by, "climate.band", "zone " + zone, Map.of("from", before.toString(), "to", b.toString()));
            return null;
        });
        read(() -> {
            zones.get(zone).band(b);
            return null;
        });
    }

    /** @return what a zone holds, which sets the widest band it may have */
    Holdings holdings(String zone) {
        return settings.zones().get(zone);
    }

    Set<String> zoneNames() {
        return zones.keySet();
    }

    Store store() {
        return store;
    }

    AuditLog audit() {
        return audit;
    }

    Clock clock() {
        return clock;
    }

    ScheduledExecutorService thread() {
        return thread;
    }

    @Override
    public List<ApiRoute> routes() {
        return routes.routes();
    }

    @Override
    public String subsystem() {
        return "environment";
    }

    @Override
    public SubsystemHealth check() {
        FireStage stage = stageNow;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("fireStage", stage.name());
        details.put("zones", zones.keySet());
        details.put("sensorNodes", settings.nodes().size());
        Set<String> silent = silentNodes();
        details.put("silentNodes", silent);
        details.put("alarms", alarms.get());
        details.put("lastAlarm", lastAlarm);
        details.put("recordFailures", recordFailures.get());
        details.putAll(bus.counters());
        if (stage.shelvesHeld()) {
            return SubsystemHealth.down("FIRE: " + stage, details);
        }
        if (settings.nodes().isEmpty()) {
            return SubsystemHealth.degraded("no sensor nodes are configured: the room is not watched", details);
        }
        if (!silent.isEmpty()) {
            return SubsystemHealth.degraded(silent.size() + " of " + settings.nodes().size() + " sensor nodes silent", details);
        }
        return SubsystemHealth.up(settings.nodes().size() + " sensor nodes heard, fire linkage " + stage, details);
    }

    @Deactivate
    public void close() {
        bus.close();
        thread.shutdownNow();
    }
}
