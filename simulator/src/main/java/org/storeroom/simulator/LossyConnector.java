package org.storeroom.simulator;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.RawDataChannel;

/**
 * A simulated node's network: the real UDP connector, with outgoing datagrams lost or delayed as the
 * room's bus conditions say. A lost datagram counts as sent, as on a real wire, so CoAP's own
 * retransmissions and the leases have to cope.
 */
final class LossyConnector implements Connector {
    private final Connector wire;
    private final BusConditions conditions;
    private final ScheduledExecutorService timer;

    LossyConnector(Connector wire, BusConditions conditions, ScheduledExecutorService timer) {
        this.wire = wire;
        this.conditions = conditions;
        this.timer = timer;
    }

    @Override
    public void send(RawData msg) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (rnd.nextDouble() * 100 < conditions.lossPercent()) {
            msg.onSent();
            return;
        }
        int delay = conditions.maxDelayMs() == 0 ? 0 : rnd.nextInt(conditions.maxDelayMs() + 1);
        if (delay == 0) {
            wire.send(msg);
        } else {
            timer.schedule(() -> wire.send(msg), delay, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void start() throws IOException {
        wire.start();
    }

    @Override
    public void stop() {
        wire.stop();
    }

    @Override
    public void destroy() {
        wire.destroy();
    }

    @Override
    public void setRawDataReceiver(RawDataChannel receiver) {
        wire.setRawDataReceiver(receiver);
    }

    @Override
    public void setEndpointContextMatcher(EndpointContextMatcher matcher) {
        wire.setEndpointContextMatcher(matcher);
    }

    @Override
    public InetSocketAddress getAddress() {
        return wire.getAddress();
    }

    @Override
    public String getProtocol() {
        return wire.getProtocol();
    }

    @Override
    public boolean isRunning() {
        return wire.isRunning();
    }

    @Override
    public void processDatagram(DatagramPacket datagram) {
        wire.processDatagram(datagram);
    }
}
