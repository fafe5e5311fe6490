package org.storeroom.simulator;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.RawDataChannel;
import org.eclipse.californium.elements.UdpEndpointContext;
import org.eclipse.californium.elements.exception.EndpointMismatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP sockets of every node the simulator hosts, served by one thread.
 *
 * <p>A board has a CPU of its own, and Californium's UDP connector gives each node a receiving and a
 * sending thread. Forty-five columns and the sensor boards in one process would be a hundred threads
 * taking turns on the host's cores: every stop-all would wake ninety of them, and the gateway's fan-out
 * would be measured against the host's scheduler rather than the bus. Here one selector thread receives
 * for every node and hands each datagram to the node's CoAP endpoint as the connector would; a node
 * sends from the thread that made its answer. Each node still has its own socket on its own address.
 */
final class DatagramHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatagramHub.class);
    /** Any UDP datagram fits: a shorter buffer would cut a long one silently. */
    private static final int MAX_DATAGRAM = 65_535;

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Used by the hub's thread only. */
    private final ByteBuffer received = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private volatile boolean open = true;

    DatagramHub(String name) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the simulated bus's selector: " + e.getMessage(), e);
        }
        this.thread = new Thread(this::serve, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** @return a node's connector, bound to {@code address} (port 0: any) once its endpoint starts it */
    Connector connector(InetSocketAddress address) {
        return new Port(address);
    }

    private void serve() {
        while (open) {
            try {
                selector.select();
                for (Runnable t; (t = tasks.poll()) != null;) {
                    t.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid()) {
                        ((Port) key.attachment()).drain(key);
                    }
                }
                selector.selectedKeys().clear();
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // The room's whole bus hangs on this thread: log and go on serving the other nodes.
                LOG.error("simulated bus: serving the node sockets failed", e);
            }
        }
    }

    /**
     * Runs a change to the set of sockets on the hub's thread (a selector's keys are its own) and waits
     * for it, so a socket closed here is closed when this returns and its address may be bound again.
     */
    private void onHub(Runnable task) throws IOException {
        if (!open || Thread.currentThread() == thread) {
            task.run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        selector.wakeup();
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the simulated bus changed its sockets", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the simulated bus's thread did not answer within 5 s", e);
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException e) {
            LOG.warn("simulated bus: closing the node sockets failed: {}", e.getMessage());
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One node's socket. */
    private final class Port implements Connector {
        private final InetSocketAddress asked;
        private volatile DatagramChannel channel;
        private volatile InetSocketAddress bound;
        private volatile RawDataChannel receiver;
        private volatile EndpointContextMatcher matcher;

        Port(InetSocketAddress asked) {
            this.asked = asked;
        }

        @Override
        public synchronized void start() throws IOException {
            if (channel != null) {
                return;
            }
            if (!open) {
                throw new IOException("the simulated bus is closed; " + asked + " cannot start");
            }
            DatagramChannel c = DatagramChannel.open();
            try {
                c.bind(asked);
                c.configureBlocking(false);
                onHub(() -> {
                    try {
                        c.register(selector, SelectionKey.OP_READ, this);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } catch (IOException | RuntimeException e) {
                c.close();
                throw new IOException("cannot open the simulated node socket " + asked + ": " + e.getMessage(), e);
            }
            bound = (InetSocketAddress) c.getLocalAddress();
            channel = c;
        }

        @Override
        public synchronized void stop() {
            DatagramChannel c = channel;
            if (c == null) {
                return;
            }
            channel = null;
            try {
                onHub(() -> {
                    SelectionKey key = c.keyFor(selector);
                    if (key != null) {
                        key.cancel();
                    }
                    try {
                        selector.selectNow(); // deregisters the key, so closing frees the address now
                    } catch (IOException | ClosedSelectorException e) {
                        // closed with the hub: the socket goes with it
                    }
                });
                c.close();
            } catch (IOException e) {
                LOG.warn("simulated bus: closing {} failed: {}", bound, e.getMessage());
            }
        }

        @Override
        public void destroy() {
            stop();
        }

        @Override
        public void send(RawData raw) {
            DatagramChannel c = channel;
            if (c == null) {
                raw.onError(new IOException("node socket " + asked + " is not running"));
                return;
            }
            InetSocketAddress to = raw.getInetSocketAddress();
            EndpointContext connection = new UdpEndpointContext(to);
            EndpointContextMatcher m = matcher;
            if (m != null && !m.isToBeSent(raw.getEndpointContext(), connection)) {
                raw.onError(new EndpointMismatchException());
                return;
            }
            try {
                raw.onContextEstablished(connection);
                if (c.send(ByteBuffer.wrap(raw.getBytes()), to) == 0) {
                    raw.onError(new IOException("send buffer of " + bound + " is full: datagram to " + to + " dropped"));
                } else {
                    raw.onSent();
                }
            } catch (IOException e) {
                raw.onError(e);
            }
        }

        /** Hands every datagram waiting on this socket to the node's endpoint. */
        void drain(SelectionKey key) {
            DatagramChannel c = (DatagramChannel) key.channel();
            for (;;) {
                SocketAddress from;
                received.clear();
                try {
                    from = c.receive(received);
                } catch (IOException e) {
                    LOG.warn("simulated bus: receiving on {} failed: {}", bound, e.getMessage());
                    return;
                }
                if (from == null) {
                    return;
                }
                received.flip();
                byte[] bytes = new byte[received.remaining()];
                received.get(bytes);
                deliver(bytes, (InetSocketAddress) from);
            }
        }

        private void deliver(byte[] bytes, InetSocketAddress from) {
            RawDataChannel r = receiver;
            if (r != null && bytes.length > 0) {
                r.receiveData(RawData.inbound(bytes, new UdpEndpointContext(from), false, System.nanoTime(), bound));
            }
        }

        @Override
        public void processDatagram(DatagramPacket datagram) {
            byte[] bytes = java.util.Arrays.copyOfRange(datagram.getData(), datagram.getOffset(),
                    datagram.getOffset() + datagram.getLength());
            deliver(bytes, (InetSocketAddress) datagram.getSocketAddress());
        }

        @Override
        public void setRawDataReceiver(RawDataChannel receiver) {
            this.receiver = receiver;
        }

        @Override
        public void setEndpointContextMatcher(EndpointContextMatcher matcher) {
            this.matcher = matcher;
        }

        @Override
        public InetSocketAddress getAddress() {
            InetSocketAddress b = bound;
            return b != null ? b : asked;
        }

        @Override
        public String getProtocol() {
            return "UDP";
        }

        @Override
        public boolean isRunning() {
            return channel != null;
        }

        @Override
        public String toString() {
            return "UDP-" + getAddress();
        }
    }
}
