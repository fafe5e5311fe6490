package org.storeroom.rfid.internal.warehouse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.gateway.api.ApiRoute;
import org.storeroom.gateway.api.ApiRoutes;
import org.storeroom.gateway.api.AuditLog;
import org.storeroom.gateway.api.HealthCheck;
import org.storeroom.gateway.api.IndexMirror;
import org.storeroom.gateway.api.Outbox;
import org.storeroom.gateway.api.Store;
import org.storeroom.gateway.api.StoreException;
import org.storeroom.gateway.api.SubsystemHealth;
import org.storeroom.bus.ColumnState;
import org.storeroom.bus.Motion;
import org.storeroom.rfid.core.Antennas;
import org.storeroom.rfid.internal.llrp.LlrpReader;
import org.storeroom.rfid.core.Catalogue;
import org.storeroom.rfid.core.DemoCatalogue;
import org.storeroom.rfid.core.ShelvingLayout;
import org.storeroom.shelf.api.DeviceBus;
import org.storeroom.shelf.api.DeviceBusListener;
import org.storeroom.shelf.api.NodeLink;
import org.storeroom.shelf.api.RangeSpec;
import org.storeroom.shelf.api.ShelvingListener;

/**
 * The virtual warehouse as a gateway component: its API, its health, catalogue imports running in the
 * background with progress, and (for the simulated room) the demo catalogue.
 */
@Component(name = WarehouseConfig.PID,
        service = {WarehouseComponent.class, ApiRoutes.class, HealthCheck.class, ConfigurableComponent.class, ShelvingListener.class},
        configurationPid = WarehouseConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = WarehouseConfig.class)
public final class WarehouseComponent implements ApiRoutes, HealthCheck, ConfigurableComponent, ShelvingListener {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseComponent.class);
    /** Checked catalogues kept for applying; older ones are dropped (they hold the whole catalogue in memory). */
    static final int KEEP_IMPORTS = 4;

    /** A checked catalogue and, once applied, how far it came. */
    public static final class Import {
        final long id;
        final Catalogue.Result catalogue;
        final String checkedBy;
        volatile String state = "checked";
        volatile int done;
        volatile String error = "";

        Import(long id, Catalogue.Result catalogue, String checkedBy) {
            this.id = id;
            this.catalogue = catalogue;
            this.checkedBy = checkedBy;
        }

        public Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("state", state);
            m.put("ok", catalogue.ok());
            m.put("rows", catalogue.rows());
            m.put("boxes", catalogue.boxes().size());
            m.put("files", catalogue.files().size());
            m.put("done", done);
            m.put("total", catalogue.boxes().size() + catalogue.files().size());
            m.put("problemCount", catalogue.problemCount());
            m.put("problems", catalogue.problems().stream().limit(100).map(p -> Map.of("line", p.line(), "column", p.column(),
                    "value", p.value(), "message", p.message())).toList());
            m.put("checkedBy", checkedBy);
            m.put("error", error);
            return m;
        }
    }

    private final Warehouse warehouse;
    private final Inventories inventories;
    private final ReadIngest ingest;
    private final String antennaProblem;
    private final WarehouseRoutes routes;
    private final Map<Long, Import> imports = new ConcurrentHashMap<>();
    private final AtomicLong importIds = new AtomicLong();
    private volatile Thread importer;
    private volatile MqttReaders readers;
    private final List<LlrpReader> llrp = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<HttpStreamReader> streams = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Activate
    public WarehouseComponent(@Reference Store store, @Reference Outbox outbox, @Reference IndexMirror index,
                              @Reference AuditLog audit, WarehouseConfig config) throws StoreException {
        this(new Warehouse(store, outbox, index, audit, Clock.systemUTC(), layout(config), Duration.ofDays(config.loanDays())),
                config.antennas(), Duration.ofMinutes(config.departAfterMinutes()));
        for (String entry : config.llrpReaders()) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            try {
                llrp.add(llrpReader(entry.trim()));
            } catch (IllegalArgumentException e) {
                LOG.error("warehouse: {}", e.getMessage());
            }
        }
        for (String entry : config.httpStreamReaders()) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            try {
                readHttpStream(entry.trim(), config.httpStreamUser().trim(), config.httpStreamPassword(), config.httpStreamSilenceMs());
            } catch (IllegalArgumentException e) {
                LOG.error("warehouse: {}", e.getMessage());
            }
        }
        if (!config.readerBroker().isBlank()) {
            try {
                readers = new MqttReaders(config.readerBroker().trim(), config.readerTopics(), ingest);
            } catch (org.eclipse.paho.client.mqttv3.MqttException | IllegalArgumentException e) {
                LOG.error("warehouse: readers' broker {} cannot be used: {}", config.readerBroker(), e.getMessage());
            }
        }
        if (config.demoCatalogue() && warehouse.counts()[0] == 0) {
            String csv = DemoCatalogue.csv(warehouse.layout(), DemoCatalogue.BOXES, DemoCatalogue.FILES, 2012);
            Import demo = check(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "system");
            LOG.info("the warehouse is empty: loading the demo catalogue ({} boxes, {} files) in the background",
                    demo.catalogue.boxes().size(), demo.catalogue.files().size());
            apply(demo.id, "system");
        }
    }

    /** A warehouse component outside OSGi (tools, tests), with no reader antennas. */
    public WarehouseComponent(Warehouse warehouse) throws StoreException {
        this(warehouse, new String[0]);
    }

    /** @param antennas READER:PORT=PLACE entries (see {@link Antennas}) */
    public WarehouseComponent(Warehouse warehouse, String[] antennas) throws StoreException {
        this(warehouse, antennas, Duration.ofMillis(org.storeroom.rfid.core.TagTracker.Settings.DEFAULT.departAfterMs()));
    }

    /**
     * @param antennas    READER:PORT=PLACE entries (see {@link Antennas})
     * @param departAfter how long a box on a shelf antenna's face may go unread, while the face reads others, before it has departed
     */
    public WarehouseComponent(Warehouse warehouse, String[] antennas, Duration departAfter) throws StoreException {
        this.warehouse = warehouse;
        this.inventories = new Inventories(warehouse);
        Antennas places;
        String problem = "";
        try {
            places = new Antennas(antennas, warehouse.layout());
        } catch (IllegalArgumentException e) {
            // A typo in one antenna must not take locate, loans and inventory down with it.
            places = new Antennas(new String[0], warehouse.layout());
            problem = e.getMessage() + "; every read is ignored until the antennas configuration is corrected";
            LOG.error("warehouse: {}", problem);
        }
        this.antennaProblem = problem;
        this.ingest = new ReadIngest(warehouse, inventories, places, departAfter.toMillis());
        this.routes = new WarehouseRoutes(this);
        long[] counts = warehouse.counts();
        LOG.info("virtual warehouse: {} storage points, {} boxes, {} files", warehouse.layout().pointCount(), counts[0], counts[1]);
    }

    static ShelvingLayout layout(WarehouseConfig c) {
        return new ShelvingLayout(RangeSpec.parse(c.ranges()), c.bays(), c.layers(), c.slots(), c.fixedSingleSided());
    }

    /** A reader from {@code NAME=HOST[:PORT]}, feeding the ingest. */
    LlrpReader llrpReader(String entry) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z0-9._-]{1,64})=([A-Za-z0-9.-]{1,253})(?::(\\d{1,5}))?").matcher(entry);
        if (!m.matches()) {
            throw new IllegalArgumentException("llrpReaders entry '" + entry + "' is not NAME=HOST[:PORT], e.g. shelf-7=192.168.10.17:5084");
        }
        int port = m.group(3) == null ? 5084 : Integer.parseInt(m.group(3));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("llrpReaders entry '" + entry + "': port " + port + " is outside 1..65535");
        }
        return new LlrpReader(m.group(1), java.net.InetSocketAddress.createUnresolved(m.group(2), port), reads -> {
            try {
                ingest.ingest(reads);
            } catch (StoreException | RuntimeException e) {
                LOG.error("reads of LLRP reader {} could not be recorded: {}", m.group(1), e.getMessage());
            }
        });
    }

    /** Shelf motion pauses location updates in the moving range (see {@link ReadIngest#columnMotion}). */
    private final DeviceBusListener motion = new DeviceBusListener() {
        @Override
        public void onState(int column, ColumnState state) {
            ingest.columnMotion(column, state.boot(), state.seq(), state.motion() != Motion.STOPPED);
        }

        @Override
        public void onLink(NodeLink link) {
            // a lost column stops by itself; its last state says whether it was moving
        }
    };

    private volatile DeviceBus deviceBus;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setDeviceBus(DeviceBus bus) {
        deviceBus = bus;
        bus.addListener(motion);
    }

    void unsetDeviceBus(DeviceBus bus) {
        bus.removeListener(motion);
        if (deviceBus == bus) {
            deviceBus = null;
        }
    }

    /** @return the bus to the column nodes, when the shelving runs here */
    java.util.Optional<DeviceBus> deviceBus() {
        return java.util.Optional.ofNullable(deviceBus);
    }

    /**
     * A range is home again after a fire: boxes may have been moved in the emergency, so an inventory of
     * the range opens at once (the cart or the fixed antennas then count it), asked for by whoever re-homed.
     */
    @Override
    public void rehomed(String range, String origin) {
        try {
            java.util.List<Integer> columns = warehouse().layout().columnsOf(range).orElse(java.util.List.of());
            if (columns.isEmpty()) {
                LOG.warn("range {} re-homed but the warehouse does not know it: no inventory opened", range);
                return;
            }
            var s = inventories().start("range " + range + " after re-homing", columns, origin);
            LOG.info("range {} re-homed: inventory {} opened for {} boxes", range, s.id(), s.expected());
        } catch (IllegalStateException | IllegalArgumentException | StoreException e) {
            LOG.warn("range {} re-homed, but its inventory could not be opened: {}", range, e.getMessage());
        }
    }

    /**
     * Starts reading a reader's HTTP event stream from {@code NAME=URL} (also for tools and tests).
     *
     * @param user empty for no credentials
     */
    public void readHttpStream(String entry, String user, String password, long silenceMs) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z0-9._-]{1,64})=(\\S+)").matcher(entry);
        if (!m.matches()) {
            throw new IllegalArgumentException("httpStreamReaders entry '" + entry + "' is not NAME=URL, e.g. door=https://192.168.10.20/api/v1/data/stream");
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(m.group(2));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("httpStreamReaders entry '" + entry + "': '" + m.group(2) + "' is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("httpStreamReaders entry '" + entry + "': '" + m.group(2) + "' is not an http:// or https:// URL");
        }
        if (uri.getUserInfo() != null) {
            // The entry would show the password wherever the configuration is shown.
            throw new IllegalArgumentException("httpStreamReaders entry for " + m.group(1) + ": put the credentials in httpStreamUser and httpStreamPassword, not in the URL");
        }
        String name = m.group(1);
        streams.add(new HttpStreamReader(name, uri, user, password, silenceMs, reads -> {
            try {
                ingest.ingest(reads);
            } catch (StoreException | RuntimeException e) {
                LOG.error("reads of reader {} could not be recorded: {}", name, e.getMessage());
            }
        }));
    }

    /** Starts reading from an LLRP reader (tools, tests). */
    public void readLlrp(String entry) {
        llrp.add(llrpReader(entry));
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        llrp.forEach(LlrpReader::close);
        llrp.clear();
        streams.forEach(HttpStreamReader::close);
        streams.clear();
        MqttReaders r = readers;
        if (r != null) {
            r.close();
        }
        try {
            ingest.flush();
        } catch (StoreException e) {
            LOG.warn("warehouse: the last seen of some tags could not be written on stopping: {}", e.getMessage());
        }
        Thread t = importer;
        if (t != null) {
            t.interrupt();
            t.join(10_000);
        }
    }

    public Warehouse warehouse() {
        return warehouse;
    }

    public Inventories inventories() {
        return inventories;
    }

    public ReadIngest ingest() {
        return ingest;
    }

    /** Starts taking tag events from readers on an MQTT broker (also for tests and tools). */
    public synchronized void readFrom(String brokerUrl, String[] topics) throws org.eclipse.paho.client.mqttv3.MqttException {
        MqttReaders before = readers;
        if (before != null) {
            before.close();
        }
        readers = new MqttReaders(brokerUrl, topics, ingest);
    }

    MqttReaders readers() {
        return readers;
    }

    /** Checks a catalogue, keeping it for {@link #apply} when it has no problems. */
    public Import check(java.io.InputStream csv, String actor) throws StoreException {
        Import i = new Import(importIds.incrementAndGet(), warehouse.check(csv), actor);
        imports.put(i.id, i);
        imports.keySet().removeIf(id -> id <= i.id - KEEP_IMPORTS && !"applying".equals(imports.get(id).state));
        return i;
    }

    public Import importJob(long id) {
        Import i = imports.get(id);
        if (i == null) {
            throw new IllegalArgumentException("catalogue check " + id + " does not exist (checks are kept until "
                    + KEEP_IMPORTS + " newer ones or a restart); check the file again");
        }
        return i;
    }

    /** Applies a checked catalogue on a background thread; one at a time. */
    public synchronized Import apply(long id, String actor) {
        Import i = importJob(id);
        if (!i.catalogue.ok()) {
            throw new IllegalStateException("catalogue check " + id + " found " + i.catalogue.problemCount()
                    + " problems; correct the file and check it again");
        }
        if (!"checked".equals(i.state)) {
            throw new IllegalStateException("catalogue check " + id + " is already " + i.state);
        }
        Thread running = importer;
        if (running != null && running.isAlive()) {
            throw new IllegalStateException("another catalogue is being imported; wait for it to finish");
        }
        i.state = "applying";
        Thread t = new Thread(() -> {
            try {
                warehouse.apply(i.catalogue, actor, (done, total) -> i.done = done);
                i.state = "done";
                LOG.info("catalogue {} imported: {} boxes, {} files", i.id, i.catalogue.boxes().size(), i.catalogue.files().size());
            } catch (StoreException | RuntimeException e) {
                i.state = "failed";
                i.error = e.getMessage();
                LOG.error("catalogue {} failed after {} items; applying it again completes it", i.id, i.done, e);
            }
        }, "warehouse-import-" + id);
        t.setDaemon(true);
        importer = t;
        t.start();
        return i;
    }

    @Override
    public List<ApiRoute> routes() {
        return routes.routes();
    }

    @Override
    public String subsystem() {
        return "warehouse";
    }

    @Override
    public SubsystemHealth check() {
        try {
            long[] counts = warehouse.counts();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("points", warehouse.layout().pointCount());
            details.put("boxes", counts[0]);
            details.put("files", counts[1]);
            Thread t = importer;
            details.put("importing", t != null && t.isAlive());
            details.put("rfid", ingest.stats());
            details.put("pausedRanges", ingest.pausedRanges());
            MqttReaders r = readers;
            if (r != null) {
                details.put("readerBroker", r.stats());
            }
            Map<String, Object> readersNow = new LinkedHashMap<>();
            llrp.forEach(l -> readersNow.put(l.name(), l.stats()));
            if (!readersNow.isEmpty()) {
                details.put("llrpReaders", readersNow);
            }
            Map<String, Object> streamsNow = new LinkedHashMap<>();
            streams.forEach(h -> streamsNow.put(h.name(), h.stats()));
            if (!streamsNow.isEmpty()) {
                details.put("httpStreamReaders", streamsNow);
            }
            List<String> silent = new java.util.ArrayList<>(llrp.stream().filter(l -> !l.reading()).map(LlrpReader::name).toList());
            streams.stream().filter(h -> !h.streaming()).map(HttpStreamReader::name).forEach(silent::add);
            if (!antennaProblem.isEmpty()) {
                return SubsystemHealth.degraded(antennaProblem, details);
            }
            if (!silent.isEmpty()) {
                return SubsystemHealth.degraded("readers not reading: " + String.join(", ", silent), details);
            }
            if (r != null && !r.connected()) {
                return SubsystemHealth.degraded("the readers' broker does not answer: tag events are not received", details);
            }
            return SubsystemHealth.up(counts[0] + " boxes, " + counts[1] + " files", details);
        } catch (StoreException e) {
            return SubsystemHealth.down("the warehouse cannot be read: " + e.getMessage(), Map.of());
        }
    }
}
