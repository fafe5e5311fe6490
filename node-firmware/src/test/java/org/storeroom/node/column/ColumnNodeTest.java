package org.storeroom.node.column;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.storeroom.bus.BusCodec;
import org.storeroom.bus.BusNetwork;
import org.storeroom.bus.ColumnState;
import org.storeroom.bus.Motion;
import org.storeroom.bus.NodeHealth;
import org.storeroom.bus.NodeKind;
import org.storeroom.node.Boards;

/** A column node served over real CoAP on loopback, asked by a real Californium client. */
class ColumnNodeTest {
    private Context pi4j;
    private ColumnNode node;
    private CoapEndpoint clientEndpoint;
    private String base;

    @BeforeEach
    void start() {
        pi4j = Boards.mock();
        node = new ColumnNode(new ColumnNodeConfig(7, new InetSocketAddress("127.0.0.1", 0), 1800, null), pi4j, () -> 1800, null);
        setAllSafetyChains(DigitalState.HIGH);
        node.start();
        clientEndpoint = new CoapEndpoint.Builder().setConfiguration(BusNetwork.lan()).build();
        base = "coap://127.0.0.1:" + node.server().boundAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        clientEndpoint.destroy();
        node.close();
        pi4j.shutdown();
    }

    private void setAllSafetyChains(DigitalState state) {
        node.io().safetyInputs().values().forEach(in -> ((MockDigitalInput) in).mockState(state));
    }

    private CoapClient client(String path) {
        CoapClient c = new CoapClient(base + path);
        c.setEndpoint(clientEndpoint);
        c.setTimeout(5000L);
        return c;
    }

    @Test
    void shouldListItsResourcesThroughWellKnownCore() throws Exception {
        CoapResponse r = client(".well-known/core").get();
        assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(r.getResponseText()).contains("</state>", "obs", "rt=\"storeroom.column.state\"", "</health>");
    }

    @Test
    void shouldServeStateInJsonAndCbor() throws Exception {
        CoapResponse json = client("state").get(MediaTypeRegistry.APPLICATION_JSON);
        CoapResponse cbor = client("state").get(MediaTypeRegistry.APPLICATION_CBOR);
        assertThat(json.getOptions().getContentFormat()).isEqualTo(BusCodec.JSON);
        assertThat(cbor.getOptions().getContentFormat()).isEqualTo(BusCodec.CBOR);
        ColumnState a = BusCodec.get().decode(json.getPayload(), BusCodec.JSON, ColumnState.class);
        ColumnState b = BusCodec.get().decode(cbor.getPayload(), BusCodec.CBOR, ColumnState.class);
        assertThat(a).isEqualTo(b);
        assertThat(a.column()).isEqualTo(7);
        assertThat(a.positionMm()).isEqualTo(1800);
        assertThat(a.motion()).isEqualTo(Motion.STOPPED);
        assertThat(a.latchedStop()).isNull();
    }

    /** A standing column's answers reuse one encoding; a change of any input is in the very next answer. */
    @Test
    void shouldAnswerEveryStopWithTheStateAsItIsNow() throws Exception {
        byte[] stop = BusCodec.get().encode(org.storeroom.bus.MotionCommand.stop(), BusCodec.CBOR);
        CoapClient motion = client("motion");
        CoapResponse first = motion.post(stop, BusCodec.CBOR, BusCodec.CBOR);
        CoapResponse again = motion.post(stop, BusCodec.CBOR, BusCodec.CBOR);
        assertThat(first.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(again.getPayload()).as("nothing changed between the two").isEqualTo(first.getPayload());
        ColumnState before = BusCodec.get().decode(first.getPayload(), BusCodec.CBOR, ColumnState.class);
        assertThat(before.obstructionFront()).isFalse();

        ((MockDigitalInput) node.io().safetyInputs().get("obstruction-front")).mockState(DigitalState.LOW);
        CoapResponse after = motion.post(stop, BusCodec.CBOR, BusCodec.CBOR);
        ColumnState now = BusCodec.get().decode(after.getPayload(), BusCodec.CBOR, ColumnState.class);
        assertThat(now.obstructionFront()).isTrue();
        assertThat(now.latchedStop()).isNotNull();
        assertThat(now.seq()).isGreaterThan(before.seq());
        ColumnState json = BusCodec.get().decode(client("state").get(MediaTypeRegistry.APPLICATION_JSON).getPayload(),
                BusCodec.JSON, ColumnState.class);
        assertThat(json).as("the same state in the other format").isEqualTo(now);
    }

    @Test
    void shouldRefuseAnUnofferedContentFormatNamingTheChoices() throws Exception {
        CoapResponse r = client("state").get(MediaTypeRegistry.APPLICATION_XML);
        assertThat(r.getCode()).isEqualTo(ResponseCode.NOT_ACCEPTABLE);
        assertThat(r.getResponseText()).contains("50 (JSON)", "60 (CBOR)");
    }

    @Test
    void shouldReportHealth() throws Exception {
        CoapResponse r = client("health").get();
        NodeHealth h = BusCodec.get().decode(r.getPayload(), BusCodec.JSON, NodeHealth.class);
        assertThat(h.node()).isEqualTo("column-7");
        assertThat(h.kind()).isEqualTo(NodeKind.COLUMN);
        assertThat(h.healthy()).isTrue();
        assertThat(h.boot()).isEqualTo(node.state().boot());
    }

    @Test
    void shouldLatchAnEmergencyStopAndNotifyObserversAndKeepTheLatchWhenReleased() throws Exception {
        BlockingQueue<ColumnState> notifications = new LinkedBlockingQueue<>();
        CoapObserveRelation relation = client("state").observe(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                notifications.add(BusCodec.get().decode(response.getPayload(), BusCodec.JSON, ColumnState.class));
            }

            @Override
            public void onError() {
            }
        });
        ColumnState first = notifications.poll(5, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(first.latchedStop()).isNull();

        ((MockDigitalInput) node.io().safetyInputs().get("emergency-stop")).mockState(DigitalState.LOW);
        ColumnState pressed = awaitState(notifications, s -> s.emergencyStop());
        assertThat(pressed.latchedStop()).isEqualTo("emergency stop");
        assertThat(pressed.seq()).isGreaterThan(first.seq());
        assertThat(node.io().motorEnabled()).isFalse();

        ((MockDigitalInput) node.io().safetyInputs().get("emergency-stop")).mockState(DigitalState.HIGH);
        ColumnState released = awaitState(notifications, s -> !s.emergencyStop());
        assertThat(released.latchedStop()).as("a released emergency stop stays latched until reset").isEqualTo("emergency stop");
        relation.proactiveCancel();
    }

    private static ColumnState awaitState(BlockingQueue<ColumnState> q, java.util.function.Predicate<ColumnState> p)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            ColumnState s = q.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (s != null && p.test(s)) {
                return s;
            }
        }
        throw new AssertionError("no matching state notification within 5 s");
    }

    @Test
    void shouldLatchAtStartWhenASafetyChainIsOpen() {
        Context other = Boards.mock();
        ColumnNode broken = new ColumnNode(new ColumnNodeConfig(8, new InetSocketAddress("127.0.0.1", 0), 0, null), other, null);
        try {
            // Inputs left LOW: an open chain, as with a broken wire.
            broken.start();
            assertThat(broken.state().latchedStop()).isEqualTo("emergency stop");
        } finally {
            broken.close();
            other.shutdown();
        }
    }

    @Test
    void shouldLightTheGuideForAWhileAndNeverMove() throws Exception {
        CoapResponse lit = client("guide").post("{\"side\":\"A\",\"bay\":3,\"layer\":2,\"seconds\":1}", MediaTypeRegistry.APPLICATION_JSON);
        assertThat(lit.getCode()).isEqualTo(ResponseCode.CHANGED);
        org.storeroom.bus.GuideState g = BusCodec.get().decode(lit.getPayload(), lit.getOptions().getContentFormat(), org.storeroom.bus.GuideState.class);
        assertThat(g.lit()).isTrue();
        assertThat(g.bay()).isEqualTo(3);
        assertThat(g.remainingMs()).isBetween(1L, 1000L);
        assertThat(node.io().guideLit()).isTrue();
        assertThat(node.state().motion()).isEqualTo(Motion.STOPPED);
        org.storeroom.testing.Await.until("the guide goes out by itself", 5000, () -> !node.io().guideLit());
        assertThat(node.guide().lit()).isFalse();
        CoapResponse bad = client("guide").post("{\"side\":\"C\",\"bay\":3,\"layer\":2,\"seconds\":10}", MediaTypeRegistry.APPLICATION_JSON);
        assertThat(bad.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(bad.getResponseText()).isEqualTo("side: 'C' is not A or B");
    }
}
