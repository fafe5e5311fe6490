package org.storeroom.node;

import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.Resource;
import java.util.function.Function;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.config.Configuration;
import org.storeroom.bus.BusNetwork;
import org.storeroom.bus.BusSecurity;

/**
 * The CoAP server of one node, bound to one address. A board runs one; the simulator runs many in one
 * process, so the executors can be shared instead of each node creating its own pool.
 */
public final class NodeServer implements AutoCloseable {
    private final CoapServer server;
    private final boolean secure;

    /**
     * @param address   where to listen
     * @param executors shared executors, or {@code null} for the node's own
     * @param resources the node's resources
     */
    public NodeServer(InetSocketAddress address, SharedExecutors executors, Resource... resources) {
        this(address, executors, null, resources);
    }

    /**
     * @param psk the node's pre-shared key: also serve DTLS (coaps) on the next port (5684 next to 5683),
     *            and take commands only from there; {@code null} for plain CoAP only
     */
    public NodeServer(InetSocketAddress address, SharedExecutors executors, BusSecurity.Psk psk, Resource... resources) {
        this.secure = psk != null;
        Configuration config = BusNetwork.lan();
        this.server = new CoapServer(config);
        CoapEndpoint.Builder endpoint = new CoapEndpoint.Builder().setConfiguration(config);
        if (executors != null && executors.network() != null) {
            endpoint.setConnector(executors.network().apply(address));
        } else {
            endpoint.setInetSocketAddress(address);
        }
        server.addEndpoint(endpoint.build());
        if (psk != null) {
            int port = address.getPort() == 0 ? 0 : address.getPort() == org.storeroom.bus.BusResources.DEFAULT_PORT ? BusSecurity.SECURE_PORT : address.getPort() + 1;
            server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(config)
                    .setConnector(BusSecurity.nodeConnector(new InetSocketAddress(address.getAddress(), port), psk, config)).build());
        }
        if (executors != null) {
            server.setExecutors(executors.main(), executors.secondary(), true);
        }
        server.add(resources);
    }

    /** Binds the socket and starts serving. */
    public void start() {
        server.start();
    }

    /** @return the address actually bound (the port is resolved when 0 was asked). */
    public InetSocketAddress boundAddress() {
        return server.getEndpoints().get(0).getAddress();
    }

    /** @return where DTLS is served, or {@code null} when the node is not in secure mode */
    public InetSocketAddress secureAddress() {
        return secure ? server.getEndpoints().get(1).getAddress() : null;
    }

    /**
     * @return why a command that arrived this way is refused in secure mode, or {@code null} when it may be
     *         carried out (not secure, or it came over DTLS from a peer that proved the key)
     */
    public String refusePlain(org.eclipse.californium.core.server.resources.CoapExchange exchange) {
        if (!secure || BusSecurity.authenticated(exchange.advanced().getRequest().getSourceContext())) {
            return null;
        }
        return "secure mode: commands are taken only over DTLS (coaps, port " + secureAddress().getPort() + ")";
    }

    @Override
    public void close() {
        server.destroy();
    }

    /**
     * How a host runs many nodes in one process: shared executors, and optionally the connector each node
     * is given for its address instead of Californium's UDP connector (the simulator serves every node's
     * socket from one thread, and adds packet loss and delay).
     */
    public record SharedExecutors(ScheduledExecutorService main, ScheduledExecutorService secondary,
            ScheduledExecutorService control, Function<InetSocketAddress, Connector> network) {
        /**
         * @param control runs the boards' control loops. A board's loop has a thread of its own, so give many
         *                boards one apart from {@code main}: there a request would wait behind every other
         *                board's control cycle, which no real board does
         */
        public SharedExecutors {
            java.util.Objects.requireNonNull(main, "main");
            java.util.Objects.requireNonNull(secondary, "secondary");
            java.util.Objects.requireNonNull(control, "control");
        }

        /** Loops and requests on {@code main}, each node on its own UDP socket. */
        public SharedExecutors(ScheduledExecutorService main, ScheduledExecutorService secondary) {
            this(main, secondary, main, null);
        }
    }
}
