package org.storeroom.bus;

import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * Californium configuration for the store room's wired bus.
 *
 * <p>Californium's defaults are made for lossy radio networks (ACK timeout 2 s, four retransmissions,
 * so a dead node shows after about 93 s, and exchanges remembered for 247 s). On a LAN a node answers in
 * milliseconds: short timeouts let the gateway notice loss quickly, and a short exchange lifetime keeps
 * the deduplication store small. Loss of a node is detected by its lease and freshness limits, not by
 * retransmission. Thread counts are explicit because many endpoints may share one small board or one
 * simulator process.
 */
public final class BusNetwork {
    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    private BusNetwork() {
    }

    /**
     * @param ackTimeoutMs  first retransmission timeout, e.g. 200 on a LAN
     * @param maxRetransmit retransmissions before a request fails
     * @return a fresh configuration for one endpoint
     */
    public static Configuration lan(int ackTimeoutMs, int maxRetransmit) {
        return lan(ackTimeoutMs, maxRetransmit, 1);
    }

    /**
     * @param protocolThreads threads of the endpoint's protocol stage: 1 for a node, the cores of the
     *                        gateway for its one endpoint to the whole bus (a stop-all fans out to every node)
     */
    public static Configuration lan(int ackTimeoutMs, int maxRetransmit, int protocolThreads) {
        if (ackTimeoutMs < 10 || ackTimeoutMs > 10_000) {
            throw new IllegalArgumentException("ackTimeoutMs " + ackTimeoutMs + " is outside 10..10000");
        }
        if (maxRetransmit < 0 || maxRetransmit > 8) {
            throw new IllegalArgumentException("maxRetransmit " + maxRetransmit + " is outside 0..8");
        }
        Configuration c = Configuration.createStandardWithoutFile();
        c.set(CoapConfig.ACK_TIMEOUT, ackTimeoutMs, TimeUnit.MILLISECONDS);
        c.set(CoapConfig.MAX_ACK_TIMEOUT, Math.max(ackTimeoutMs * 4, 1000), TimeUnit.MILLISECONDS);
        c.set(CoapConfig.ACK_TIMEOUT_SCALE, 2f);
        c.set(CoapConfig.MAX_RETRANSMIT, maxRetransmit);
        c.set(CoapConfig.EXCHANGE_LIFETIME, 10, TimeUnit.SECONDS);
        c.set(CoapConfig.NON_LIFETIME, 5, TimeUnit.SECONDS);
        c.set(CoapConfig.MAX_LATENCY, 1, TimeUnit.SECONDS);
        c.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        c.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, Math.max(1, Math.min(8, protocolThreads)));
        c.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
        c.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
        return c;
    }

    /** @return the configuration used by default: 200 ms ACK timeout, two retransmissions. */
    public static Configuration lan() {
        return lan(200, 2);
    }

    /**
     * Stops an endpoint's executors: the protocol executor first, and its timer only once the protocol
     * executor's last task has ended. A task still running may start a retransmission timer, on the
     * protocol executor itself or on the timer; once they are stopping, such work is dropped quietly
     * (Californium logs a refusal as an error) since the endpoint it served is gone.
     *
     * @return whether the protocol executor ended within 2 s (the timer is stopped either way)
     */
    public static boolean stop(java.util.concurrent.ExecutorService protocol, java.util.concurrent.ExecutorService timer) {
        for (java.util.concurrent.ExecutorService e : new java.util.concurrent.ExecutorService[] {protocol, timer}) {
            if (e instanceof java.util.concurrent.ThreadPoolExecutor pool) {
                pool.setRejectedExecutionHandler(new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy());
            }
        }
        protocol.shutdownNow();
        boolean ended = false;
        try {
            ended = protocol.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        return ended;
    }
}
