package org.storeroom.node;

import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.Resource;
import java.util.function.UnaryOperator;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.config.Configuration;
import org.storeroom.bus.BusNetwork;

/**
 * The CoAP server of one node, bound to one address. A board runs one; the simulator runs many in one
 * process, so the executors can be shared instead of each node creating its own pool.
 */
public final class NodeServer implements AutoCloseable {
    private final CoapServer server;

    /**
     * @param address   where to listen
     * @param executors shared executors, or {@code null} for the node's own
     * @param resources the node's resources
     */
    public NodeServer(InetSocketAddress address, SharedExecutors executors, Resource... resources) {
        Configuration config = BusNetwork.lan();
        this.server = new CoapServer(config);
        CoapEndpoint.Builder endpoint = new CoapEndpoint.Builder().setConfiguration(config);
        if (executors != null && executors.network() != null) {
            endpoint.setConnector(executors.network().apply(new UDPConnector(address, config)));
        } else {
            endpoint.setInetSocketAddress(address);
        }
        server.addEndpoint(endpoint.build());
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

    @Override
    public void close() {
        server.destroy();
    }

    /**
     * How a host runs many nodes in one process: shared executors, and optionally a stand-in for the
     * network each node's UDP connector is wrapped in (the simulator's packet loss and delay).
     */
    public record SharedExecutors(ScheduledExecutorService main, ScheduledExecutorService secondary,
            UnaryOperator<Connector> network) {
        public SharedExecutors(ScheduledExecutorService main, ScheduledExecutorService secondary) {
            this(main, secondary, null);
        }
    }
}
