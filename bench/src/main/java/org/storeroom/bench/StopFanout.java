package org.storeroom.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.storeroom.bus.BusCodec;
import org.storeroom.bus.BusNetwork;
import org.storeroom.bus.MotionCommand;
import org.storeroom.shelf.internal.bus.DeviceBusClient;
import org.storeroom.simulator.RoomLayout;
import org.storeroom.simulator.SimulatedRoom;

/**
 * Stop-all fan-out: the gateway's bus client sends STOP to all 45 column nodes of the simulated room at
 * once and waits for every confirmation (the path the coordinator's stop-all takes), next to one raw
 * Californium confirmable POST of the same STOP to one node. Alternated per iteration, so both see the
 * same machine. Figures are p99 in milliseconds; the target is fan-out p99 at most 3 times single p99.
 *
 * <p>A third figure, not part of the ratio: the same 45 STOPs sent by a raw Californium endpoint, which
 * tells our bus client's own cost apart from the cost of 90 exchanges on the machine's cores (the 45
 * simulated boards run on the same cores as the gateway).
 */
final class StopFanout implements Benchmark {
    @Override
    public String name() {
        return "stop-fanout";
    }

    @Override
    public String description() {
        return "STOP to all 45 column nodes and every confirmation, vs one raw Californium CON round trip (p99, ms)";
    }

    @Override
    public Result run(boolean quick) throws Exception {
        int iterations = quick ? 400 : 4000;
        // Until the JIT has settled: compilation goes on for about 16 s of this exchange rate (with a burst
        // when the first exchanges' 10 s lifetime ends), and would be measured as bus latency.
        long warmupNs = TimeUnit.SECONDS.toNanos(quick ? 3 : 20);
        byte[] stop = BusCodec.get().encode(MotionCommand.stop(), BusCodec.CBOR);
        try (SimulatedRoom room = SimulatedRoom.start(new RoomLayout(45, 0))) {
            TreeMap<Integer, URI> nodes = new TreeMap<>();
            for (String e : room.columnNodesConfig()) {
                nodes.put(Integer.parseInt(e.substring(0, e.indexOf('='))), URI.create(e.substring(e.indexOf('=') + 1)));
            }
            DeviceBusClient bus = DeviceBusClient.connect(nodes, Duration.ofSeconds(1), Duration.ofSeconds(3), 200, 2);
            CoapEndpoint raw = new CoapEndpoint.Builder().setConfiguration(BusNetwork.lan()).build();
            raw.start();
            CoapClient single = new CoapClient(nodes.get(1).resolve("/motion").toString());
            single.setEndpoint(raw);
            single.setTimeout(2000L);
            try {
                double[] fan = new double[iterations];
                double[] one = new double[iterations];
                double[] rawFan = new double[iterations];
                List<InetSocketAddress> addresses = nodes.values().stream()
                        .map(u -> new InetSocketAddress(u.getHost(), u.getPort())).toList();
                long warmupEnds = System.nanoTime() + warmupNs;
                while (System.nanoTime() < warmupEnds) {
                    round(single, stop, bus, nodes, new double[1], new double[1], 0);
                    rawFanOut(raw, addresses, stop);
                }
                for (int i = 0; i < iterations; i++) {
                    round(single, stop, bus, nodes, one, fan, i);
                    rawFan[i] = rawFanOut(raw, addresses, stop);
                }
                Stats f = new Stats(fan);
                Stats o = new Stats(one);
                return new Result(f.percentile(99), o.percentile(99), "ms", List.of(
                        f.describe("fan-out to 45 nodes (ours)", "ms"),
                        o.describe("single CON round trip (raw Californium)", "ms"),
                        new Stats(rawFan).describe("fan-out to 45 nodes (raw Californium endpoint, not in the ratio)", "ms"),
                        String.format("p50 ratio %.2f, p99 ratio %.2f (target p99 ratio <= 3)",
                                f.percentile(50) / o.percentile(50), f.percentile(99) / o.percentile(99))));
            } finally {
                raw.destroy();
                bus.close();
            }
        }
    }

    /**
     * The same STOP to every node from a raw Californium endpoint, addresses resolved beforehand.
     *
     * @return ms until every node answered 2.04
     */
    private static double rawFanOut(CoapEndpoint raw, List<InetSocketAddress> nodes, byte[] stop) throws Exception {
        CountDownLatch answered = new CountDownLatch(nodes.size());
        AtomicReference<String> wrong = new AtomicReference<>();
        long t0 = System.nanoTime();
        for (InetSocketAddress node : nodes) {
            Request r = Request.newPost();
            r.setDestinationContext(new AddressEndpointContext(node));
            r.getOptions().setUriPath("motion").setContentFormat(BusCodec.CBOR);
            r.setPayload(stop);
            r.addMessageObserver(new MessageObserverAdapter() {
                @Override
                public void onResponse(Response response) {
                    if (response.getCode() != ResponseCode.CHANGED) {
                        wrong.compareAndSet(null, node + " answered " + response.getCode());
                    }
                    answered.countDown();
                }

                @Override
                protected void failed() {
                    wrong.compareAndSet(null, node + " did not answer");
                    answered.countDown();
                }
            });
            raw.sendRequest(r);
        }
        if (!answered.await(10, TimeUnit.SECONDS) || wrong.get() != null) {
            throw new IllegalStateException("raw fan-out failed: " + (wrong.get() == null ? "no answer in 10 s" : wrong.get()));
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    /** One raw round trip, then one fan-out; their times in ms go to {@code one[i]} and {@code fan[i]}. */
    private static void round(CoapClient single, byte[] stop, DeviceBusClient bus, TreeMap<Integer, URI> nodes,
            double[] one, double[] fan, int i) throws Exception {
        long t0 = System.nanoTime();
        CoapResponse r = single.post(stop, BusCodec.CBOR);
        long t1 = System.nanoTime();
        if (r == null || r.getCode() != ResponseCode.CHANGED) {
            throw new IllegalStateException("raw STOP failed: " + (r == null ? "no answer" : r.getCode()));
        }
        CompletableFuture<?>[] all = new CompletableFuture<?>[nodes.size()];
        int k = 0;
        long t2 = System.nanoTime();
        for (int c : nodes.keySet()) {
            all[k++] = bus.motion(c, MotionCommand.stop()).toCompletableFuture();
        }
        CompletableFuture.allOf(all).get(10, TimeUnit.SECONDS);
        long t3 = System.nanoTime();
        for (CompletableFuture<?> f : all) {
            if (!((org.storeroom.shelf.api.BusReply) f.get()).ok()) {
                throw new IllegalStateException("a node did not confirm STOP: " + f.get());
            }
        }
        one[i] = (t1 - t0) / 1e6;
        fan[i] = (t3 - t2) / 1e6;
    }
}
