package org.storeroom.shelf.internal.coordinator;

import java.time.Clock;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.bus.ColumnState;
import org.storeroom.bus.MotionCommand;
import org.storeroom.gateway.api.ApiRoute;
import org.storeroom.gateway.api.ApiRoutes;
import org.storeroom.gateway.api.HealthCheck;
import org.storeroom.gateway.api.LiveView;
import org.storeroom.gateway.api.SubsystemHealth;
import org.storeroom.shelf.api.DeviceBus;
import org.storeroom.shelf.api.DeviceBusListener;
import org.storeroom.shelf.api.NodeLink;
import org.storeroom.shelf.api.RequestHandle;
import org.storeroom.shelf.api.RequestOutcome;
import org.storeroom.shelf.api.RequestOutcome.Status;
import org.storeroom.shelf.api.ShelfControl;
import org.storeroom.shelf.api.ShelfMode;
import org.storeroom.shelf.api.ShelvingListener;
import org.storeroom.shelf.core.CoreSettings;
import org.storeroom.shelf.core.CoreState;
import org.storeroom.shelf.core.Input;
import org.storeroom.shelf.core.Output;
import org.storeroom.shelf.core.RoomModel;
import org.storeroom.shelf.core.ShelfCore;

/**
 * Runs the shelving's decision core against the real bus: node states and link changes go in, moves,
 * renewals, stops and resets go out over CoAP, and requests get their outcomes. Everything the core
 * sees and decides happens on one thread, {@code shelf-coordinator}, in arrival order; a tick every
 * {@value #TICK_MS} ms lets it renew leases and notice silence.
 */
@Component(name = ShelfCoordinator.PID, service = {ShelfControl.class, HealthCheck.class, ConfigurableComponent.class, ApiRoutes.class},
        immediate = true)
@Designate(ocd = CoordinatorConfig.class)
public final class ShelfCoordinator implements ShelfControl, DeviceBusListener, HealthCheck, ConfigurableComponent,
        ApiRoutes {
    static final String PID = "org.storeroom.shelf.coordinator";
    static final int TICK_MS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(ShelfCoordinator.class);

    private final DeviceBus bus;
    private final ShelfCore core;
    private final CoreSettings settings;
    /** Whether the room's fire linkage may spread the ranges in a confirmed fire (off unless configured). */
    private final boolean firePark;
    private final ScheduledExecutorService thread;
    private final Map<String, CompletableFuture<RequestOutcome>> decisions = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<RequestOutcome>> ends = new ConcurrentHashMap<>();
    private final AtomicLong requestNo = new AtomicLong();
    private final AtomicLong stopsSent = new AtomicLong();
    private volatile CoreState state;
    /** What each request asked, for the record: requestId → who, what, on what. */
    private final Map<String, Asked> asked = new ConcurrentHashMap<>();
    private volatile ShelfRecorder recorder;
    /** Live views of the room (the panel's map), told after every change the core makes. */
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private long ticks;

    private record Asked(String origin, String action, String target) { }

    @Activate
    public ShelfCoordinator(@Reference DeviceBus bus, CoordinatorConfig c) {
        this(bus, RangeSpecs.parse(c.ranges(), c.depthMm(), c.aisleMm()),
                new CoreSettings(c.leaseMs(), c.renewEveryMs(), c.freshnessMs(), c.toleranceMm(), c.speedMmPerS()),
                VentilationWindow.parse(c.ventilationWindow()), c.firePark(), Clock.systemDefaultZone());
    }

    ShelfCoordinator(DeviceBus bus, RoomModel room, CoreSettings settings) {
        this(bus, room, settings, Optional.empty(), false, Clock.systemDefaultZone());
    }

    /** A coordinator outside OSGi (benchmarks, tools): the same component with an explicit room and settings. */
    public static ShelfCoordinator start(DeviceBus bus, RoomModel room, CoreSettings settings) {
        return new ShelfCoordinator(bus, room, settings);
    }

    ShelfCoordinator(DeviceBus bus, RoomModel room, CoreSettings settings, Optional<VentilationWindow> ventilation,
            boolean firePark, Clock wallClock) {
        this.bus = bus;
        this.firePark = firePark;
        this.core = new ShelfCore(room, settings);
        this.settings = settings;
        this.state = CoreState.initial(room);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shelf-coordinator");
            t.setDaemon(true);
            return t;
        });
        bus.addListener(this);
        thread.scheduleAtFixedRate(() -> feed(new Input.Tick(now())), TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        ventilation.ifPresent(w -> thread.scheduleWithFixedDelay(() -> ventilationSchedule(w, wallClock), 1, 30,
                TimeUnit.SECONDS));
        LOG.info("shelf coordinator: {} ranges, {} columns, lease {} ms", room.ranges().size(), room.columns().size(),
                settings.leaseMs());
    }

    /** Where requests and operations are recorded (audit log, motion events); motion never waits for it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setRecorder(ShelfRecorder r) {
        recorder = r;
    }

    void unsetRecorder(ShelfRecorder r) {
        if (recorder == r) {
            recorder = null;
        }
    }

    /** Who follows up a re-homing (the warehouse's inventory). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = org.osgi.service.component.annotations.FieldOption.UPDATE)
    private final List<ShelvingListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Re-homing after a fire's all-clear, asked for by a person: only from LOCKED (where the all-clear
     * leaves the shelving); unlocks to NORMAL and brings every range to its home position (its last aisle
     * open), each move passing every interlock. Each range that arrives is reported to the
     * {@link ShelvingListener}s, so the warehouse counts it.
     *
     * @return one request per range, in rail order
     * @throws IllegalStateException when the shelving is not LOCKED
     */
    List<RequestHandle> rehome(String origin) {
        ShelfMode m = state.mode();
        if (m != ShelfMode.LOCKED) {
            throw new IllegalStateException(m.name());
        }
        recordOperation(origin, "shelves.rehome", "all ranges", Map.of());
        setMode(ShelfMode.NORMAL, origin);
        List<RequestHandle> handles = new java.util.ArrayList<>();
        for (org.storeroom.shelf.core.RangeModel r : core.room().ranges()) {
            RequestHandle h = openAisle(r.id(), r.size(), origin);
            h.end().thenAccept(o -> {
                if (o.status() == Status.FINISHED) {
                    listeners.forEach(l -> l.rehomed(r.id(), origin));
                } else {
                    LOG.warn("range {} not re-homed: {}", r.id(), o.why());
                }
            });
            handles.add(h);
        }
        return handles;
    }

    private void record(String requestId, String outcome, org.storeroom.shelf.api.Refusal why, boolean last) {
        Asked a = last ? asked.remove(requestId) : asked.get(requestId);
        ShelfRecorder r = recorder;
        if (a != null && r != null) {
            r.request(requestId, a.origin(), a.action(), a.target(), outcome, why);
        }
    }

    private void recordOperation(String origin, String action, String target, Map<String, Object> detail) {
        ShelfRecorder r = recorder;
        if (r != null) {
            r.operation(origin, action, target, detail);
        }
    }

    /** Spreads every range inside the ventilation window, parks them at its end. */
    private void ventilationSchedule(VentilationWindow w, Clock wallClock) {
        w.decide(LocalTime.now(wallClock), state.mode()).ifPresent(action -> {
            LOG.info("ventilation window {}-{}: {}", w.from(), w.to(), action);
            if (action == VentilationWindow.Action.START) {
                setMode(ShelfMode.VENTILATION, "schedule");
                core.room().ranges().forEach(r -> ventilate(r.id(), "schedule"));
            } else {
                setMode(ShelfMode.NORMAL, "schedule");
                core.room().ranges().forEach(r -> openAisle(r.id(), r.size(), "schedule"));
            }
        });
    }

    @Override
    public List<ApiRoute> routes() {
        return new ShelfRoutes(this).routes();
    }

    CoreState state() {
        return state;
    }

    org.storeroom.shelf.core.RoomModel room() {
        return core.room();
    }

    CoreSettings settings() {
        return settings;
    }

    static long now() {
        return System.nanoTime() / 1_000_000;
    }

    /**
     * Calls {@code changed} after every change of the room's state, and once a second besides, since a
     * column's report can go stale with no change at all.
     */
    LiveView.Watch watch(Runnable changed) {
        watchers.add(changed);
        return () -> watchers.remove(changed);
    }

    /** Hands an input to the coordinator thread. */
    private void feed(Input in) {
        thread.execute(() -> {
            try {
                CoreState before = state;
                ShelfCore.Result r = core.handle(before, in);
                state = r.state();
                r.outputs().forEach(this::carryOut);
                if (r.state() != before || (in instanceof Input.Tick && ++ticks % (1000 / TICK_MS) == 0)) {
                    watchers.forEach(Runnable::run);
                }
            } catch (RuntimeException e) {
                LOG.error("shelf coordinator failed on {}", in, e);
            }
        });
    }

    private void carryOut(Output o) {
        if (o instanceof Output.Move m) {
            LOG.info("column {} move to {} mm (movement {})", m.column(), m.targetMm(), m.commandId());
            bus.motion(m.column(), MotionCommand.move(m.commandId(), m.targetMm(), m.leaseMs())).thenAccept(reply -> {
                if (!reply.ok()) {
                    feed(new Input.MoveRefused(m.column(), m.commandId(), reply.code() + " " + reply.reason(), now()));
                }
            });
        } else if (o instanceof Output.Renew n) {
            bus.motion(n.column(), MotionCommand.renew(n.commandId(), n.leaseMs()));
        } else if (o instanceof Output.Stop s) {
            stopsSent.incrementAndGet();
            LOG.info("column {} stop: {}", s.column(), s.why());
            bus.motion(s.column(), MotionCommand.stop());
        } else if (o instanceof Output.Reset r) {
            bus.reset(r.column()).thenAccept(reply -> LOG.info("column {} reset: {}", r.column(),
                    reply.ok() ? "cleared" : reply.reason()));
        } else if (o instanceof Output.Accepted a) {
            LOG.info("request {} accepted", a.requestId());
            record(a.requestId(), "ACCEPTED", null, false);
            complete(decisions, a.requestId(), new RequestOutcome(a.requestId(), Status.ACCEPTED, null));
        } else if (o instanceof Output.Refused f) {
            LOG.info("request {} refused: {}", f.requestId(), f.why());
            record(f.requestId(), "REFUSED", f.why(), true);
            RequestOutcome out = new RequestOutcome(f.requestId(), Status.REFUSED, f.why());
            complete(decisions, f.requestId(), out);
            complete(ends, f.requestId(), out);
        } else if (o instanceof Output.Finished f) {
            LOG.info("request {} finished", f.requestId());
            record(f.requestId(), "FINISHED", null, true);
            complete(ends, f.requestId(), new RequestOutcome(f.requestId(), Status.FINISHED, null));
        } else if (o instanceof Output.Aborted a) {
            LOG.warn("request {} aborted: {}", a.requestId(), a.why());
            record(a.requestId(), "ABORTED", a.why(), true);
            complete(ends, a.requestId(), new RequestOutcome(a.requestId(), Status.ABORTED, a.why()));
        } else if (o instanceof Output.ModeChanged m) {
            LOG.warn("shelving mode {} -> {} by {}", m.from(), m.to(), m.origin());
            recordOperation(m.origin(), "mode.change", "shelving", Map.of("from", m.from().name(), "to", m.to().name()));
        }
    }

    private static void complete(Map<String, CompletableFuture<RequestOutcome>> m, String id, RequestOutcome o) {
        CompletableFuture<RequestOutcome> f = m.remove(id);
        if (f != null) {
            f.complete(o);
        }
    }

    private RequestHandle request(String kind, String origin, String action, String target, Function<String, Input> input) {
        String id = kind + "-" + requestNo.incrementAndGet();
        asked.put(id, new Asked(origin, action, target));
        CompletableFuture<RequestOutcome> decision = new CompletableFuture<>();
        CompletableFuture<RequestOutcome> end = new CompletableFuture<>();
        decisions.put(id, decision);
        ends.put(id, end);
        feed(input.apply(id));
        return new RequestHandle(id, decision, end);
    }

    @Override
    public RequestHandle openAisle(String range, int aisle, String origin) {
        LOG.info("open aisle {} of range {} asked by {}", aisle, range, origin);
        return request("open", origin, "aisle.open", "range " + range + " aisle " + aisle,
                id -> new Input.OpenAisle(id, range, aisle, origin, now()));
    }

    @Override
    public RequestHandle ventilate(String range, String origin) {
        return request("ventilate", origin, "range.ventilate", "range " + range,
                id -> new Input.Ventilate(id, range, origin, now()));
    }

    @Override
    public List<RequestHandle> firePark(String origin) {
        if (!firePark) {
            LOG.info("fire park asked by {}: off in the configuration, the shelving stays as it stopped", origin);
            return List.of();
        }
        LOG.warn("fire park asked by {}: spreading every range whose aisles are all clear", origin);
        return core.room().ranges().stream().map(r -> request("firepark", origin, "range.fire-park", "range " + r.id(),
                id -> new Input.FirePark(id, r.id(), origin, now()))).toList();
    }

    @Override
    public RequestHandle jog(int column, int targetMm, String origin) {
        return request("jog", origin, "column.jog", "column " + column + " to " + targetMm + " mm",
                id -> new Input.Jog(id, column, targetMm, origin, now()));
    }

    @Override
    public void setMode(ShelfMode mode, String origin) {
        feed(new Input.SetMode(mode, origin, now()));
    }

    @Override
    public void resetColumn(int column, String origin) {
        LOG.info("reset of column {} asked by {}", column, origin);
        recordOperation(origin, "column.reset", "column " + column, Map.of());
        feed(new Input.ResetColumn(column, origin, now()));
    }

    @Override
    public void stopAll(String origin) {
        recordOperation(origin, "shelves.stop", "all columns", Map.of());
        feed(new Input.StopAll(origin, now()));
    }

    @Override
    public ShelfMode mode() {
        return state.mode();
    }

    @Override
    public void onState(int column, ColumnState s) {
        feed(new Input.Report(column, s, now()));
    }

    @Override
    public void onLink(NodeLink link) {
        feed(new Input.Link(link.column(), link.status() == NodeLink.Status.ONLINE, now()));
    }

    @Override
    public String subsystem() {
        return "shelving";
    }

    @Override
    public SubsystemHealth check() {
        CoreState s = state;
        long latched = s.columns().values().stream().filter(v -> v.state() != null && v.state().latchedStop() != null).count();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", s.mode().name());
        details.put("columnsHeard", s.columns().values().stream().filter(v -> v.state() != null).count());
        long now = now();
        details.put("columnsReady", s.columns().values().stream().filter(v -> v.state() != null && v.linkUp()
                && now - v.receivedAt() <= core.settings().freshnessMs()).count());
        details.put("moving", List.copyOf(s.activity().keySet()));
        details.put("latchedColumns", latched);
        details.put("stopsSent", stopsSent.get());
        ShelfRecorder r = recorder;
        if (r != null) {
            details.putAll(r.counters());
        }
        String summary = "mode " + s.mode() + ", " + s.activity().size() + " ranges moving, " + latched + " columns latched";
        return s.mode() == ShelfMode.FIRE || latched > 0 ? SubsystemHealth.degraded(summary, details) : SubsystemHealth.up(summary, details);
    }

    @Deactivate
    public void close() {
        bus.removeListener(this);
        thread.shutdownNow();
        decisions.values().forEach(f -> f.cancel(false));
        ends.values().forEach(f -> f.cancel(false));
    }
}
