package org.storeroom.shelf.internal.bus;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.eclipse.californium.elements.util.StringUtil;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.bus.BusCodec;
import org.storeroom.bus.BusNetwork;
import org.storeroom.bus.BusResources;
import org.storeroom.bus.ColumnState;
import org.storeroom.bus.MotionCommand;
import org.storeroom.bus.NodeHealth;
import org.storeroom.bus.PayloadException;
import org.storeroom.gateway.api.HealthCheck;
import org.storeroom.gateway.api.SubsystemHealth;
import org.storeroom.shelf.api.BusReply;
import org.storeroom.shelf.api.DeviceBus;
import org.storeroom.shelf.api.DeviceBusListener;
import org.storeroom.shelf.api.NodeLink;
import org.storeroom.shelf.api.NodeLink.Status;

/**
 * The gateway's CoAP client to the column nodes: one endpoint for the whole bus, a health poll of every
 * node, an Observe relation on every node's {@code /state} (re-established when lost), motion and reset
 * commands, and link states that the coordinator and the health report read.
 */
@Component(name = DeviceBusClient.PID, service = {DeviceBus.class, HealthCheck.class, ConfigurableComponent.class}, immediate = true)
@Designate(ocd = DeviceBusConfig.class)
public final class DeviceBusClient implements DeviceBus, HealthCheck, ConfigurableComponent {
    static final String PID = "org.storeroom.shelf.bus";
    private static final Logger LOG = LoggerFactory.getLogger(DeviceBusClient.class);
    /** The command a stop-all sends to every node at once, encoded once. */
    private static final MotionCommand STOP = MotionCommand.stop();
    private static final byte[] STOP_CBOR = BusCodec.get().encode(STOP, BusCodec.CBOR);

    private final SortedMap<Integer, URI> nodes;
    private final Map<Integer, Peer> peers = new java.util.TreeMap<>();
    private final LinkTracker tracker;
    private final Clock clock;
    private final CoapEndpoint endpoint;
    /** The DTLS endpoint to nodes reached over coaps, or {@code null} when none is. */
    private final CoapEndpoint secureEndpoint;
    private final ScheduledExecutorService main;
    private final ScheduledExecutorService secondary;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong notifications = new AtomicLong();
    private final List<DeviceBusListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Integer, CoapObserveRelation> observations = new ConcurrentHashMap<>();
    private final Map<URI, CoapClient> stateClients = new ConcurrentHashMap<>();
    private final Map<Integer, Decoded> lastStates = new ConcurrentHashMap<>();

    @Activate
    public DeviceBusClient(DeviceBusConfig config) {
        this(DeviceBusSettings.from(config), Clock.systemUTC());
    }

    /**
     * A bus client outside OSGi (benchmarks, tools): the same component with explicit settings.
     *
     * @param nodes         column number to node URI
     * @param pollInterval  health poll period
     * @param freshness     silence after which a node is offline
     * @param ackTimeoutMs  first CoAP retransmission timeout
     * @param maxRetransmit retransmissions before a request fails
     */
    public static DeviceBusClient connect(SortedMap<Integer, URI> nodes, java.time.Duration pollInterval,
            java.time.Duration freshness, int ackTimeoutMs, int maxRetransmit) {
        return new DeviceBusClient(new DeviceBusSettings(nodes, pollInterval, freshness, ackTimeoutMs, maxRetransmit),
                Clock.systemUTC());
    }

    DeviceBusClient(DeviceBusSettings config, Clock clock) {
        this.nodes = config.nodes();
        this.clock = clock;
        this.tracker = new LinkTracker(nodes, config.freshness());
        int threads = Math.min(4, Runtime.getRuntime().availableProcessors());
        this.main = ExecutorsUtil.newScheduledThreadPool(threads, new NamedThreads("device-bus"));
        this.secondary = ExecutorsUtil.newDefaultSecondaryScheduler("device-bus-timer#");
        this.endpoint = new CoapEndpoint.Builder()
                .setInetSocketAddress(new InetSocketAddress(0))
                .setConfiguration(BusNetwork.lan(config.ackTimeoutMs(), config.maxRetransmit(), threads))
                .build();
        endpoint.setExecutors(main, secondary);
        this.secureEndpoint = org.storeroom.bus.BusSecurity.gatewayEndpoint(nodes, column -> "column-" + column, config.keys(),
                BusNetwork.lan(config.ackTimeoutMs(), config.maxRetransmit(), threads));
        if (secureEndpoint != null) {
            secureEndpoint.setExecutors(main, secondary);
        }
        nodes.forEach((column, uri) -> peers.put(column, Peer.of(uri, endpointFor(uri))));
        try {
            endpoint.start();
            if (secureEndpoint != null) {
                secureEndpoint.start();
            }
        } catch (java.io.IOException e) {
            shutdownExecutors();
            throw new IllegalStateException("cannot open the device bus endpoint: " + e.getMessage(), e);
        }
        main.scheduleWithFixedDelay(this::pollAll, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("device bus: {} column nodes ({} over DTLS), poll every {} ms, freshness {} ms", nodes.size(),
                nodes.values().stream().filter(u -> "coaps".equals(u.getScheme())).count(),
                config.pollInterval().toMillis(), config.freshness().toMillis());
    }

    private void pollAll() {
        try {
            tracker.expire(clock.instant()).forEach(this::changed);
            peers.forEach(this::poll);
            nodes.forEach(this::observe);
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep polling.
            LOG.error("device bus poll failed", e);
        }
    }

    /** The client that keeps a node's Observe relation, made once per node. */
    private CoapClient stateClient(URI uri) {
        return stateClients.computeIfAbsent(uri, k -> {
            CoapClient c = new CoapClient(uri.resolve("/" + BusResources.STATE).toString());
            c.setEndpoint(endpointFor(uri));
            return c;
        });
    }

    /** Keeps an Observe relation on the node's state; a relation that failed is made anew. */
    private void observe(int column, URI uri) {
        CoapObserveRelation r = observations.get(column);
        if (r != null && !r.isCanceled()) {
            return;
        }
        CoapObserveRelation relation = stateClient(uri).observe(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                if (response.getCode() == ResponseCode.CONTENT) {
                    try {
                        state(column, decodeState(column, response.advanced()));
                    } catch (PayloadException e) {
                        failed(column, "unreadable state: " + e.getMessage());
                    }
                }
            }

            @Override
            public void onError() {
                CoapObserveRelation gone = observations.remove(column);
                if (gone != null) {
                    gone.proactiveCancel();
                }
            }
        }, BusCodec.CBOR);
        observations.put(column, relation);
    }

    /**
     * Decodes a node's state, or reuses what its last state decoded to when the bytes are the same: a
     * standing column answers every STOP and heartbeat alike, and a stop-all hears 45 answers at once.
     */
    private ColumnState decodeState(int column, Response r) throws PayloadException {
        byte[] payload = r.getPayload();
        int format = r.getOptions().getContentFormat();
        Decoded last = lastStates.get(column);
        if (last != null && last.format() == format && java.util.Arrays.equals(last.payload(), payload)) {
            return last.state();
        }
        ColumnState s = BusCodec.get().decode(payload, format, ColumnState.class);
        lastStates.put(column, new Decoded(payload, format, s));
        return s;
    }

    private record Decoded(byte[] payload, int format, ColumnState state) { }

    private void state(int column, ColumnState s) {
        if (s.column() != column) {
            failed(column, "reports itself as column " + s.column());
            return;
        }
        notifications.incrementAndGet();
        for (DeviceBusListener l : listeners) {
            l.onState(column, s);
        }
    }

    @Override
    public void addListener(DeviceBusListener l) {
        listeners.add(l);
        links().forEach(l::onLink);
    }

    @Override
    public void removeListener(DeviceBusListener l) {
        listeners.remove(l);
    }

    @Override
    public CompletionStage<BusReply> motion(int column, MotionCommand command) {
        return post(column, BusResources.MOTION, command.equals(STOP) ? STOP_CBOR : BusCodec.get().encode(command, BusCodec.CBOR), true);
    }

    @Override
    public CompletionStage<BusReply> reset(int column) {
        return post(column, BusResources.RESET, new byte[0], true);
    }

    @Override
    public CompletionStage<BusReply> guide(int column, org.storeroom.bus.GuideCommand command) {
        return post(column, BusResources.GUIDE, BusCodec.get().encode(command, BusCodec.CBOR), false);
    }

    /**
     * A confirmable POST of CBOR to a node's resource.
     *
     * @param answersState whether a 2.04 carries the column's state (motion and reset do; the guide's
     *                     answer is its indicator, which the reply does not need)
     */
    private CompletionStage<BusReply> post(int column, String resource, byte[] payload, boolean answersState) {
        Peer peer = peers.get(column);
        CompletableFuture<BusReply> reply = new CompletableFuture<>();
        if (peer == null) {
            reply.complete(new BusReply(false, "unknown", "column " + column + " is not on the bus", null));
            return reply;
        }
        Request req = peer.address(Request.newPost(), resource);
        req.getOptions().setContentFormat(BusCodec.CBOR).setAccept(BusCodec.CBOR);
        req.setPayload(payload);
        req.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response r) {
                reply.complete(answer(column, r, answersState));
            }

            @Override
            public void onCancel() {
                failed(); // the bus is closing
            }

            @Override
            protected void failed() {
                reply.complete(new BusReply(false, "timeout", "column " + column + " did not answer", null));
            }
        });
        peer.endpoint().sendRequest(req);
        return reply;
    }

    private BusReply answer(int column, Response r, boolean answersState) {
        boolean ok = r.getCode() == ResponseCode.CHANGED;
        if (!ok) {
            return new BusReply(false, r.getCode().text, r.getPayloadString(), null);
        }
        if (!answersState) {
            return new BusReply(true, r.getCode().text, "", null);
        }
        try {
            ColumnState s = decodeState(column, r);
            state(column, s);
            return new BusReply(true, r.getCode().text, "", s);
        } catch (PayloadException e) {
            return new BusReply(false, r.getCode().text, "unreadable answer: " + e.getMessage(), null);
        }
    }

    private void poll(int column, Peer peer) {
        Request req = peer.address(Request.newGet(), BusResources.HEALTH);
        req.getOptions().setAccept(BusCodec.CBOR);
        req.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                answered(column, response);
            }

            @Override
            public void onTimeout() {
                DeviceBusClient.this.failed(column, "no answer (timeout)");
            }

            @Override
            protected void failed() {
                DeviceBusClient.this.failed(column, "request rejected or cancelled");
            }

            @Override
            public void onSendError(Throwable error) {
                DeviceBusClient.this.failed(column, "cannot send: " + error.getMessage());
            }
        });
        polls.incrementAndGet();
        peer.endpoint().sendRequest(req);
    }

    private CoapEndpoint endpointFor(URI uri) {
        return "coaps".equals(uri.getScheme()) ? secureEndpoint : endpoint;
    }

    /**
     * A node as the bus reaches it. A node given by its IP address is resolved once, so a stop-all sends
     * 45 requests without parsing 45 URIs; one given by a host name is looked up for every request, as
     * Californium does, so a changed name is followed.
     */
    private record Peer(URI uri, CoapEndpoint endpoint, EndpointContext resolved) {
        static Peer of(URI uri, CoapEndpoint endpoint) {
            EndpointContext resolved = null;
            if (StringUtil.isLiteralIpAddress(uri.getHost())) {
                resolved = Request.newGet().setURI(uri).getDestinationContext();
            }
            return new Peer(uri, endpoint, resolved);
        }

        /** @return the request, addressed to {@code resource} of this node */
        Request address(Request req, String resource) {
            if (resolved == null) {
                return req.setURI(uri.resolve("/" + resource));
            }
            req.setDestinationContext(resolved);
            req.getOptions().setUriPath(resource);
            req.setScheme(uri.getScheme().toLowerCase(java.util.Locale.ROOT));
            req.setUriIsApplied();
            return req;
        }
    }

    private void answered(int column, Response response) {
        if (response.getCode() != ResponseCode.CONTENT) {
            failed(column, "answered " + response.getCode());
            return;
        }
        try {
            NodeHealth health = BusCodec.get().decode(response.getPayload(),
                    response.getOptions().getContentFormat(), NodeHealth.class);
            tracker.answered(column, health, clock.instant()).ifPresent(this::changed);
        } catch (PayloadException e) {
            failed(column, "unreadable health: " + e.getMessage());
        }
    }

    private void failed(int column, String reason) {
        failures.incrementAndGet();
        tracker.failed(column, reason, clock.instant()).ifPresent(this::changed);
    }

    private void changed(NodeLink link) {
        logChange(link);
        for (DeviceBusListener l : listeners) {
            l.onLink(link);
        }
    }

    private void logChange(NodeLink link) {
        if (link.status() == Status.ONLINE) {
            LOG.info("column {} online ({})", link.column(), link.health().firmware());
        } else {
            LOG.warn("column {} {}: {}", link.column(), link.status().name().toLowerCase(), link.reason());
        }
    }

    @Override
    public List<NodeLink> links() {
        return tracker.links();
    }

    @Override
    public String subsystem() {
        return "device-bus";
    }

    @Override
    public SubsystemHealth check() {
        List<NodeLink> links = links();
        long online = links.stream().filter(l -> l.status() == Status.ONLINE).count();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("configured", links.size());
        details.put("online", online);
        details.put("polls", polls.get());
        details.put("failures", failures.get());
        details.put("stateNotifications", notifications.get());
        details.put("offline", links.stream().filter(l -> l.status() != Status.ONLINE)
                .map(l -> l.column() + ": " + l.reason()).limit(10).toList());
        String summary = online + " of " + links.size() + " column nodes answer";
        if (links.isEmpty()) {
            return SubsystemHealth.down("no column nodes are configured", details);
        }
        if (online == links.size()) {
            return SubsystemHealth.up(summary, details);
        }
        return online == 0 ? SubsystemHealth.down(summary, details) : SubsystemHealth.degraded(summary, details);
    }

    @Deactivate
    public void close() {
        observations.values().forEach(CoapObserveRelation::proactiveCancel);
        endpoint.destroy();
        if (secureEndpoint != null) {
            secureEndpoint.destroy();
        }
        shutdownExecutors();
    }

    private void shutdownExecutors() {
        if (!org.storeroom.bus.BusNetwork.stop(main, secondary)) {
            LOG.warn("device bus: a CoAP task still ran 2 s after close");
        }
    }

    /** Named daemon threads, so a thread dump shows whose they are. */
    private static final class NamedThreads implements java.util.concurrent.ThreadFactory {
        private final String name;
        private final AtomicLong n = new AtomicLong();

        NamedThreads(String name) {
            this.name = name;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
