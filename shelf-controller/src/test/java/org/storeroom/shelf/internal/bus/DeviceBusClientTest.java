package org.storeroom.shelf.internal.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storeroom.testing.Await.until;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.storeroom.gateway.api.SubsystemHealth.Status;
import org.storeroom.node.Boards;
import org.storeroom.node.column.ColumnNode;
import org.storeroom.node.column.ColumnNodeConfig;
import org.storeroom.shelf.api.NodeLink;

/** The gateway's bus client against real column node firmware over real CoAP on loopback. */
class DeviceBusClientTest {
    private final List<ColumnNode> nodes = new ArrayList<>();
    private final List<Context> contexts = new ArrayList<>();
    private DeviceBusClient client;

    private URI startNode(int column) {
        Context pi4j = Boards.mock();
        contexts.add(pi4j);
        ColumnNode node = new ColumnNode(new ColumnNodeConfig(column, new InetSocketAddress("127.0.0.1", 0), 0, null), pi4j, () -> 0, null);
        node.io().safetyInputs().values().forEach(in -> ((MockDigitalInput) in).mockState(DigitalState.HIGH));
        node.start();
        nodes.add(node);
        return URI.create("coap://127.0.0.1:" + node.server().boundAddress().getPort());
    }

    private DeviceBusClient client(TreeMap<Integer, URI> map) {
        client = new DeviceBusClient(new DeviceBusSettings(map, Duration.ofMillis(100), Duration.ofMillis(600), 50, 1),
                Clock.systemUTC());
        return client;
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        nodes.forEach(ColumnNode::close);
        contexts.forEach(Context::shutdown);
    }

    @Test
    void shouldSeeEveryNodeOnlineThroughARealCoapRoundTrip() {
        TreeMap<Integer, URI> map = new TreeMap<>();
        for (int c = 1; c <= 3; c++) {
            map.put(c, startNode(c));
        }
        DeviceBusClient bus = client(map);
        until("all online", 10000, () -> bus.check().status() == Status.UP);
        assertThat(bus.links()).extracting(NodeLink::column).containsExactly(1, 2, 3);
        assertThat(bus.links()).allSatisfy(l -> {
            assertThat(l.health().node()).isEqualTo("column-" + l.column());
            assertThat(l.health().firmware()).startsWith("column-node ");
        });
        assertThat(bus.check().summary()).isEqualTo("3 of 3 column nodes answer");
    }

    @Test
    void shouldMarkAStoppedNodeOfflineAndReportTheBusDegraded() {
        TreeMap<Integer, URI> map = new TreeMap<>();
        map.put(1, startNode(1));
        map.put(2, startNode(2));
        DeviceBusClient bus = client(map);
        until("all online", 10000, () -> bus.check().status() == Status.UP);

        nodes.get(1).close();
        until("column 2 offline", 10000, () -> bus.links().get(1).status() == NodeLink.Status.OFFLINE);
        assertThat(bus.check().status()).isEqualTo(Status.DEGRADED);
        assertThat(bus.check().summary()).isEqualTo("1 of 2 column nodes answer");
        assertThat(bus.links().get(1).reason()).isNotBlank();
    }

    @Test
    void shouldReportDownWhenNoNodeIsConfigured() {
        DeviceBusClient bus = client(new TreeMap<>());
        assertThat(bus.check().status()).isEqualTo(Status.DOWN);
        assertThat(bus.check().summary()).isEqualTo("no column nodes are configured");
    }

    @Test
    void shouldNameAFreshnessLimitShorterThanThePollInterval() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DeviceBusSettings(new TreeMap<>(),
                        Duration.ofMillis(1000), Duration.ofMillis(500), 200, 2))
                .hasMessage("freshnessMs 500 must be longer than pollIntervalMs 1000");
    }

    @Test
    void shouldLightAColumnsGuideAndSayWhenAColumnIsNotOnTheBus() throws Exception {
        TreeMap<Integer, URI> map = new TreeMap<>();
        map.put(1, startNode(1));
        DeviceBusClient bus = client(map);
        org.storeroom.shelf.api.BusReply lit = bus.guide(1, new org.storeroom.bus.GuideCommand("B", 4, 5, 60))
                .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(lit.ok()).as(lit.toString()).isTrue();
        assertThat(nodes.get(0).guide().layer()).isEqualTo(5);
        org.storeroom.shelf.api.BusReply none = bus.guide(9, new org.storeroom.bus.GuideCommand("B", 4, 5, 60))
                .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(none.ok()).isFalse();
        assertThat(none.reason()).isEqualTo("column 9 is not on the bus");
    }

    /** A node given by its address is resolved once; one given by a host name is looked up per request. */
    @Test
    void shouldStopANodeGivenByAddressAndOneGivenByHostName() throws Exception {
        TreeMap<Integer, URI> map = new TreeMap<>();
        map.put(1, startNode(1));
        URI second = startNode(2);
        map.put(2, URI.create("coap://localhost:" + second.getPort()));
        DeviceBusClient bus = client(map);
        for (int c = 1; c <= 2; c++) {
            org.storeroom.shelf.api.BusReply stopped = bus.motion(c, org.storeroom.bus.MotionCommand.stop())
                    .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(stopped.ok()).as(stopped.toString()).isTrue();
            assertThat(stopped.state().column()).as("the answer is the column's own state").isEqualTo(c);
            org.storeroom.shelf.api.BusReply reset = bus.reset(c).toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(reset.ok()).as(reset.toString()).isTrue();
        }
        org.storeroom.shelf.api.BusReply refused = bus.motion(1, org.storeroom.bus.MotionCommand.renew(7, 300))
                .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.code()).isEqualTo("4.03");
        assertThat(refused.reason()).as("the node's own words reach the coordinator").isEqualTo("movement 7 is not running");
    }
}
