package org.storeroom.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.RawData;
import org.junit.jupiter.api.Test;
import org.storeroom.bus.BusNetwork;

class DatagramHubTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    /** A CoAP server on hub sockets, asked by Californium's own client over real UDP. */
    @Test
    void nodesOnOneHubAnswerConfirmableRequestsEachFromItsOwnAddress() throws Exception {
        try (DatagramHub hub = new DatagramHub("test-bus-wire")) {
            CoapServer[] servers = new CoapServer[3];
            CoapEndpoint client = new CoapEndpoint.Builder().setConfiguration(BusNetwork.lan()).build();
            try {
                for (int i = 0; i < servers.length; i++) {
                    String name = "node-" + i;
                    servers[i] = new CoapServer(BusNetwork.lan());
                    servers[i].addEndpoint(new CoapEndpoint.Builder().setConfiguration(BusNetwork.lan())
                            .setConnector(hub.connector(new InetSocketAddress("127.0.4." + (i + 1), 0))).build());
                    servers[i].add(new CoapResource("who") {
                        @Override
                        public void handleGET(CoapExchange exchange) {
                            exchange.respond(name + " via " + exchange.advanced().getRequest().getSourceContext().getPeerAddress().getAddress().getHostAddress());
                        }
                    });
                    servers[i].start();
                }
                for (int i = 0; i < servers.length; i++) {
                    InetSocketAddress a = servers[i].getEndpoints().get(0).getAddress();
                    assertThat(a.getAddress().getHostAddress()).isEqualTo("127.0.4." + (i + 1));
                    assertThat(a.getPort()).as("port 0 is resolved when the socket is bound").isPositive();
                    CoapClient c = new CoapClient("coap://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/who");
                    c.setEndpoint(client);
                    c.setTimeout(5000L);
                    CoapResponse r = c.get();
                    assertThat(r).as("node %d answers", i).isNotNull();
                    assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
                    assertThat(r.getResponseText()).isEqualTo("node-" + i + " via 127.0.0.1");
                }
            } finally {
                client.destroy();
                for (CoapServer s : servers) {
                    if (s != null) {
                        s.destroy();
                    }
                }
            }
        }
    }

    /** A board that reboots binds its address again at once: the old socket is closed when stop returns. */
    @Test
    void aStoppedSocketFreesItsAddressForTheNextStart() throws Exception {
        try (DatagramHub hub = new DatagramHub("test-bus-wire")) {
            Connector first = hub.connector(ANY_PORT);
            first.start();
            InetSocketAddress bound = first.getAddress();
            assertThat(first.isRunning()).isTrue();
            first.stop();
            assertThat(first.isRunning()).isFalse();
            Connector again = hub.connector(bound);
            again.start();
            try {
                assertThat(again.getAddress()).isEqualTo(bound);
                assertThatThrownBy(hub.connector(bound)::start).as("two nodes cannot share an address")
                        .hasMessageContaining(bound.toString());
            } finally {
                again.destroy();
            }
        }
    }

    /** Longer than Californium's 2048-byte default buffer: nothing is cut. */
    @Test
    void aLongDatagramArrivesWhole() throws Exception {
        try (DatagramHub hub = new DatagramHub("test-bus-wire"); DatagramSocket peer = new DatagramSocket(ANY_PORT)) {
            Connector node = hub.connector(ANY_PORT);
            CompletableFuture<RawData> got = new CompletableFuture<>();
            node.setRawDataReceiver(got::complete);
            node.start();
            try {
                byte[] sent = new byte[5000];
                for (int i = 0; i < sent.length; i++) {
                    sent[i] = (byte) (i * 31);
                }
                peer.send(new DatagramPacket(sent, sent.length, node.getAddress()));
                RawData raw = got.get(5, TimeUnit.SECONDS);
                assertThat(raw.getBytes()).isEqualTo(sent);
                assertThat(raw.getInetSocketAddress()).isEqualTo(peer.getLocalSocketAddress());
                assertThat(raw.getConnectorAddress()).isEqualTo(node.getAddress());
            } finally {
                node.destroy();
            }
        }
    }

    @Test
    void aClosedHubRefusesToStartASocketAndSaysWhich() {
        DatagramHub hub = new DatagramHub("test-bus-wire");
        hub.close();
        InetSocketAddress a = new InetSocketAddress("127.0.4.9", 5683);
        assertThatThrownBy(hub.connector(a)::start).hasMessageContaining("closed").hasMessageContaining(a.toString());
    }
}
