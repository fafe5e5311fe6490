package org.storeroom.climate.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.bus.BusCodec;
import org.storeroom.bus.BusNetwork;
import org.storeroom.bus.BusResources;
import org.storeroom.bus.ClimateReport;
import org.storeroom.bus.PayloadException;
import org.storeroom.bus.RelayCommand;
import org.storeroom.bus.RelayStates;
import org.storeroom.bus.SensorInputs;

/**
 * The gateway's CoAP client to the sensor nodes: Observe relations on every node's {@code /climate},
 * {@code /inputs} and {@code /outputs} (made anew when lost), relay commands, and the time each node was
 * last heard, so a node that falls silent is noticed — a fire panel we cannot hear is a fault, not quiet.
 */
final class SensorBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SensorBus.class);

    /** What the nodes say, on the bus's threads. */
    interface Listener {
        void climate(String node, ClimateReport report);

        void inputs(String node, SensorInputs inputs);

        void relays(String node, RelayStates states);
    }

    private final SortedMap<String, URI> nodes;
    private final Listener listener;
    private final Clock clock;
    private final CoapEndpoint endpoint;
    /** DTLS to the boards reached over coaps (secure mode), or {@code null} when none is. */
    private final CoapEndpoint secureEndpoint;
    private final ScheduledExecutorService main;
    private final ScheduledExecutorService secondary;
    private final Map<String, CoapObserveRelation> observations = new ConcurrentHashMap<>();
    private final Map<String, Long> heardAt = new ConcurrentHashMap<>();
    private final Map<String, CoapClient> clients = new ConcurrentHashMap<>();
    private final AtomicLong notifications = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    SensorBus(SortedMap<String, URI> nodes, Listener listener, Clock clock) {
        this(nodes, Map.of(), listener, clock);
    }

    /** @param keys each board's pre-shared key by node id, for the boards reached over coaps */
    SensorBus(SortedMap<String, URI> nodes, Map<String, org.storeroom.bus.BusSecurity.Psk> keys, Listener listener, Clock clock) {
        this.nodes = nodes;
        this.listener = listener;
        this.clock = clock;
        this.main = ExecutorsUtil.newScheduledThreadPool(2, r -> daemon(r, "sensor-bus"));
        this.secondary = ExecutorsUtil.newDefaultSecondaryScheduler("sensor-bus-timer#");
        this.endpoint = new CoapEndpoint.Builder().setInetSocketAddress(new InetSocketAddress(0))
                .setConfiguration(BusNetwork.lan(200, 2, 2)).build();
        endpoint.setExecutors(main, secondary);
        this.secureEndpoint = org.storeroom.bus.BusSecurity.gatewayEndpoint(nodes, node -> node, keys, BusNetwork.lan(200, 2, 2));
        if (secureEndpoint != null) {
            secureEndpoint.setExecutors(main, secondary);
        }
        try {
            endpoint.start();
            if (secureEndpoint != null) {
                secureEndpoint.start();
            }
        } catch (java.io.IOException e) {
            close();
            throw new IllegalStateException("cannot open the sensor bus endpoint: " + e.getMessage(), e);
        }
        main.scheduleWithFixedDelay(this::observeAll, 0, 2, TimeUnit.SECONDS);
        LOG.info("sensor bus: {} sensor nodes {}", nodes.size(), nodes.keySet());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void observeAll() {
        try {
            nodes.forEach((node, uri) -> {
                observe(node, uri, BusResources.INPUTS, SensorInputs.class);
                observe(node, uri, BusResources.CLIMATE, ClimateReport.class);
                observe(node, uri, BusResources.OUTPUTS, RelayStates.class);
            });
        } catch (RuntimeException e) {
            LOG.error("sensor bus: observing failed", e);
        }
    }

    private CoapClient client(URI uri, String resource) {
        return clients.computeIfAbsent(uri + "|" + resource, k -> {
            CoapClient c = new CoapClient(uri.resolve("/" + resource).toString());
            c.setEndpoint("coaps".equals(uri.getScheme()) ? secureEndpoint : endpoint);
            return c;
        });
    }

    private <T> void observe(String node, URI uri, String resource, Class<T> type) {
        String key = node + "/" + resource;
        CoapObserveRelation r = observations.get(key);
        if (r != null && !r.isCanceled()) {
            return;
        }
        observations.put(key, client(uri, resource).observe(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                if (response.getCode() != ResponseCode.CONTENT && response.getCode() != ResponseCode.CHANGED) {
                    return;
                }
                T value;
                try {
                    value = BusCodec.get().decode(response.getPayload(), response.getOptions().getContentFormat(), type);
                } catch (PayloadException e) {
                    long n = rejected.incrementAndGet();
                    if (n == 1 || n % 100 == 0) {
                        LOG.warn("sensor node {} sent an unreadable {} ({} so far): {}", node, resource, n, e.getMessage());
                    }
                    return;
                }
                heardAt.put(node, clock.millis());
                notifications.incrementAndGet();
                if (value instanceof SensorInputs in) {
                    listener.inputs(node, in);
                } else if (value instanceof ClimateReport c) {
                    listener.climate(node, c);
                } else {
                    listener.relays(node, (RelayStates) value);
                }
            }

            @Override
            public void onError() {
                CoapObserveRelation gone = observations.remove(key);
                if (gone != null) {
                    gone.proactiveCancel();
                }
            }
        }, BusCodec.CBOR));
    }

    /** Switches relays of one node. @return the node's answer: its states, or why not */
    CompletionStage<RelayStates> switchRelays(String node, RelayCommand command) {
        CompletableFuture<RelayStates> out = new CompletableFuture<>();
        URI uri = nodes.get(node);
        if (uri == null) {
            out.completeExceptionally(new IllegalArgumentException("sensor node " + node + " is not on the bus"));
            return out;
        }
        Request req = Request.newPut();
        req.getOptions().setContentFormat(BusCodec.CBOR).setAccept(BusCodec.CBOR);
        req.setPayload(BusCodec.get().encode(command, BusCodec.CBOR));
        client(uri, BusResources.OUTPUTS).advanced(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse r) {
                if (r.getCode() != ResponseCode.CHANGED) {
                    out.completeExceptionally(new IllegalStateException(node + " answered " + r.getCode() + ": " + r.getResponseText()));
                    return;
                }
                try {
                    RelayStates s = BusCodec.get().decode(r.getPayload(), r.getOptions().getContentFormat(), RelayStates.class);
                    listener.relays(node, s);
                    out.complete(s);
                } catch (PayloadException e) {
                    out.completeExceptionally(e);
                }
            }

            @Override
            public void onError() {
                out.completeExceptionally(new IllegalStateException(node + " did not answer"));
            }
        }, req);
        return out;
    }

    /** @return when each node was last heard from (epoch ms); absent when never */
    Map<String, Long> heardAt() {
        return Map.copyOf(heardAt);
    }

    SortedMap<String, URI> nodes() {
        return nodes;
    }

    Map<String, Object> counters() {
        return Map.of("notifications", notifications.get(), "rejected", rejected.get());
    }

    @Override
    public void close() {
        observations.values().forEach(CoapObserveRelation::proactiveCancel);
        if (endpoint != null) {
            endpoint.destroy();
        }
        if (secureEndpoint != null) {
            secureEndpoint.destroy();
        }
        BusNetwork.stop(main, secondary);
    }
}
