package org.storeroom.node.column;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storeroom.testing.Await.until;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.CoapClient;
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
import org.storeroom.bus.MotionCommand;
import org.storeroom.bus.Motion;
import org.storeroom.node.Boards;

/** /motion and /reset of a real column node over real CoAP; the encoder is held by the test. */
class ColumnMotionOverCoapTest {
    private Context pi4j;
    private ColumnNode node;
    private CoapEndpoint ep;
    private String base;
    private final AtomicInteger encoder = new AtomicInteger(1200);

    @BeforeEach
    void start() {
        pi4j = Boards.mock();
        node = new ColumnNode(new ColumnNodeConfig(3, new InetSocketAddress("127.0.0.1", 0), 0, 1200, 2100, null), pi4j, encoder::get, null);
        node.io().safetyInputs().values().forEach(in -> ((MockDigitalInput) in).mockState(DigitalState.HIGH));
        node.start();
        ep = new CoapEndpoint.Builder().setConfiguration(BusNetwork.lan()).build();
        base = "coap://127.0.0.1:" + node.server().boundAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        ep.destroy();
        node.close();
        pi4j.shutdown();
    }

    private CoapResponse post(String path, Object body) throws Exception {
        CoapClient c = new CoapClient(base + path);
        c.setEndpoint(ep);
        c.setTimeout(5000L);
        byte[] payload = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : BusCodec.get().encode(body, BusCodec.JSON);
        return c.post(payload, MediaTypeRegistry.APPLICATION_JSON);
    }

    @Test
    void aMoveDrivesTheMotorUntilTheLeaseRunsOutWithoutRenewal() throws Exception {
        CoapResponse r = post("motion", MotionCommand.move(1, 2100, 200));
        assertThat(r.getCode()).isEqualTo(ResponseCode.CHANGED);
        ColumnState s = BusCodec.get().decode(r.getPayload(), BusCodec.JSON, ColumnState.class);
        assertThat(s.motion()).isEqualTo(Motion.MOVING_FORWARD);
        assertThat(s.targetMm()).isEqualTo(2100);
        assertThat(node.io().motorEnabled()).isTrue();
        long sent = System.nanoTime();
        until("the motor stops by itself", 5000, () -> !node.io().motorEnabled());
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertThat(ms).as("stopped when the 200 ms lease ran out, not before").isGreaterThanOrEqualTo(150);
        assertThat(node.state().motion()).isEqualTo(Motion.STOPPED);
        assertThat(post("motion", MotionCommand.renew(1, 200)).getCode()).as("a late renewal never restarts")
                .isEqualTo(ResponseCode.FORBIDDEN);
        assertThat(node.io().motorEnabled()).isFalse();
    }

    /** A board with its encoder on GPIO: the carriage's edges move it; a missed edge stops it for good. */
    @Test
    void aMissedEncoderEdgeStopsTheCarriageAndRefusesMovesUntilARestart() throws Exception {
        Context board = Boards.mock();
        QuadratureEncoder encoderOnPins = new QuadratureEncoder(board, "column-4", new QuadratureEncoder.Wiring(17, 27, 1.0), 1200);
        ColumnNode geared = gearedNode(board, encoderOnPins);
        try {
            assertThat(post("motion", MotionCommand.move(1, 2100, 2000)).getCode()).isEqualTo(ResponseCode.CHANGED);
            MockDigitalInput a = board.registry().get("column-4-encoder-a", MockDigitalInput.class);
            MockDigitalInput b = board.registry().get("column-4-encoder-b", MockDigitalInput.class);
            a.mockState(DigitalState.HIGH); // A leads: away from the fixed column
            b.mockState(DigitalState.HIGH);
            until("the carriage's two edges counted", 5000, () -> geared.state().positionMm() == 1202);
            assertThat(geared.io().motorEnabled()).isTrue();
            encoderOnPins.edge(false, true); // B's level again: an edge pair went by unseen (the mock dispatches only changes)
            until("the board stops by itself", 5000, () -> !geared.io().motorEnabled());
            assertThat(geared.state().latchedStop()).contains("encoder missed 1 edge");
            assertThat(geared.state().faults()).singleElement().asString().contains("position uncertain");
            CoapResponse reset = post("reset", "");
            assertThat(reset.getCode()).as("no reset while the position is uncertain").isEqualTo(ResponseCode.FORBIDDEN);
            assertThat(reset.getResponseText()).contains("measure where the carriage stands and restart the board there");
            CoapResponse refused = post("motion", MotionCommand.move(2, 2100, 2000));
            assertThat(refused.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
            assertThat(refused.getResponseText()).contains("encoder missed 1 edge");
            assertThat(geared.io().motorEnabled()).isFalse();
            until("still latched", 5000, () -> geared.state().latchedStop() != null);
            assertThat(post("reset", "").getCode()).as("still uncertain").isEqualTo(ResponseCode.FORBIDDEN);
        } finally {
            geared.close();
            encoderOnPins.close();
            board.shutdown();
        }
    }

    /** A board served over CoAP with its encoder on GPIO lines, its safety chains healthy; the test's requests go to it. */
    private ColumnNode gearedNode(Context board, QuadratureEncoder encoderOnPins) {
        ColumnNode geared = new ColumnNode(new ColumnNodeConfig(4, new InetSocketAddress("127.0.0.1", 0), 1200, 1200, 2100, null),
                board, encoderOnPins, null);
        geared.io().safetyInputs().values().forEach(in -> ((MockDigitalInput) in).mockState(DigitalState.HIGH));
        geared.start();
        base = "coap://127.0.0.1:" + geared.server().boundAddress().getPort() + "/";
        return geared;
    }

    /** With a home switch, the carriage brought home by hand makes the position known: a reset, then moves again. */
    @Test
    void theHomeSwitchEndsAnEncoderFault() throws Exception {
        Context board = Boards.mock();
        QuadratureEncoder encoderOnPins = new QuadratureEncoder(board, "column-4", new QuadratureEncoder.Wiring(17, 27, 1.0, 22, 1200), 1500);
        ColumnNode geared = gearedNode(board, encoderOnPins);
        try {
            encoderOnPins.edge(true, false); // A's low level repeated: an edge missed
            until("latched", 5000, () -> geared.state().latchedStop() != null);
            assertThat(post("reset", "").getResponseText()).contains("bring the carriage to its home stop by hand");
            board.registry().get("column-4-home", MockDigitalInput.class).mockState(DigitalState.HIGH);
            until("at home, no fault", 5000, () -> geared.state().faults().isEmpty() && geared.state().positionMm() == 1200);
            assertThat(post("reset", "").getCode()).isEqualTo(ResponseCode.CHANGED);
            assertThat(post("motion", MotionCommand.move(3, 2100, 2000)).getCode()).isEqualTo(ResponseCode.CHANGED);
            assertThat(geared.io().motorEnabled()).isTrue();
        } finally {
            geared.close();
            encoderOnPins.close();
            board.shutdown();
        }
    }

    /**
     * A board that went down while its carriage moved starts not knowing where it is, and says so; its
     * position file keeps saying so (a second restart must not trust the place) until the carriage is home.
     */
    @Test
    void aMovementCutShortByARestartIsAFaultUntilTheCarriageIsHome(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("column-4.position");
        PositionMemory.confirm(file, 1750);
        try (PositionMemory memory = PositionMemory.at(file)) {
            memory.observe(true, 1750, 0); // the movement the board went down in; written by close()
        }
        Context board = Boards.mock();
        QuadratureEncoder encoderOnPins = new QuadratureEncoder(board, "column-4", new QuadratureEncoder.Wiring(17, 27, 1.0, 22, 1200), 1750,
                "the board went down while the carriage moved");
        ColumnNode geared = gearedNode(board, encoderOnPins);
        PositionMemory memory = PositionMemory.at(file);
        assertThat(memory.atStart()).contains(new PositionMemory.Saved(1750, false));
        geared.keepPositionIn(memory);
        try {
            until("latched at start", 5000, () -> geared.state().latchedStop() != null);
            assertThat(geared.state().faults()).containsExactly(
                    "position unknown: the board went down while the carriage moved; bring the carriage to its home stop by hand");
            CoapResponse refused = post("motion", MotionCommand.move(3, 2100, 2000));
            assertThat(refused.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
            assertThat(geared.io().motorEnabled()).isFalse();
            awaitHeartbeats(3); // over a second of control cycles standing still: longer than it takes to count as at rest
            assertThat(memory.load()).as("not put on file as a place of rest").contains(new PositionMemory.Saved(1750, false));
            board.registry().get("column-4-home", MockDigitalInput.class).mockState(DigitalState.HIGH);
            until("at home, no fault", 5000, () -> geared.state().faults().isEmpty() && geared.state().positionMm() == 1200);
            until("at rest at home, on file", 5000, () -> memory.load().equals(java.util.Optional.of(new PositionMemory.Saved(1200, true))));
            assertThat(post("reset", "").getCode()).isEqualTo(ResponseCode.CHANGED);
        } finally {
            geared.close();
            memory.close();
            encoderOnPins.close();
            board.shutdown();
        }
    }

    /** Without a home switch, only a person who measured where the carriage stands can make its position known again. */
    @Test
    void withoutAHomeSwitchAMovementCutShortWaitsForThePositionConfirmedByHand() throws Exception {
        Context board = Boards.mock();
        QuadratureEncoder encoderOnPins = new QuadratureEncoder(board, "column-4", new QuadratureEncoder.Wiring(17, 27, 1.0), 1750,
                "the board went down while the carriage moved");
        ColumnNode geared = gearedNode(board, encoderOnPins);
        try {
            until("latched at start", 5000, () -> geared.state().latchedStop() != null);
            assertThat(geared.state().faults()).containsExactly("position unknown: the board went down while the carriage moved;"
                    + " measure where the carriage stands and restart the board there (storeroom-node confirm-position --mm N)");
            assertThat(post("motion", MotionCommand.move(3, 2100, 2000)).getCode()).isEqualTo(ResponseCode.FORBIDDEN);
            assertThat(post("reset", "").getCode()).as("a reset does not make it known").isEqualTo(ResponseCode.FORBIDDEN);
            assertThat(geared.io().motorEnabled()).isFalse();
        } finally {
            geared.close();
            encoderOnPins.close();
            board.shutdown();
        }
    }

    /** Waits for {@code n} of the board's idle heartbeats on /state (each at least {@code HEARTBEAT_MS} after the last). */
    private void awaitHeartbeats(int n) throws Exception {
        CoapClient c = new CoapClient(base + "state");
        c.setEndpoint(ep);
        AtomicInteger heard = new AtomicInteger();
        org.eclipse.californium.core.CoapObserveRelation relation = c.observe(new org.eclipse.californium.core.CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                heard.incrementAndGet();
            }

            @Override
            public void onError() {
            }
        });
        try {
            // The first answer is the registration's; a change may come between heartbeats, never more than one here.
            until(n + " heartbeats", 10_000, () -> heard.get() >= n + 2);
        } finally {
            relation.proactiveCancel();
        }
    }

    /** Where the carriage came to rest is on file for the next start; while it moves, the file says so. */
    @Test
    void theBoardKeepsWhereItsCarriageCameToRest(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("column-3.position");
        try (PositionMemory memory = PositionMemory.at(file)) {
            node.keepPositionIn(memory);
            until("at rest at the start", 5000, () -> memory.load().equals(java.util.Optional.of(new PositionMemory.Saved(1200, true))));
            post("motion", MotionCommand.move(1, 2100, 2000));
            until("moving, on file", 5000, () -> memory.load().equals(java.util.Optional.of(new PositionMemory.Saved(1200, false))));
            encoder.set(2098);
            until("stopped at the target", 5000, () -> !node.io().motorEnabled());
            until("at rest at the target, on file", 5000, () -> memory.load().equals(java.util.Optional.of(new PositionMemory.Saved(2098, true))));
        }
    }

    @Test
    void arrivingAtTheTargetStopsTheMotor() throws Exception {
        post("motion", MotionCommand.move(1, 2100, 2000));
        encoder.set(2098);
        until("stopped at the target", 5000, () -> !node.io().motorEnabled());
        assertThat(node.state().targetMm()).isNull();
    }

    @Test
    void anObstructionLatchesAtOnceAndOnlyAResetClearsItWithoutStartingTheMotor() throws Exception {
        post("motion", MotionCommand.move(1, 2100, 2000));
        MockDigitalInput front = (MockDigitalInput) node.io().safetyInputs().get("obstruction-front");
        front.mockState(DigitalState.LOW);
        assertThat(node.io().motorEnabled()).as("off from the input's own listener").isFalse();
        assertThat(node.state().latchedStop()).isEqualTo("obstruction front");
        CoapResponse stillBlocked = post("reset", "");
        assertThat(stillBlocked.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
        assertThat(stillBlocked.getResponseText()).isEqualTo("obstruction front is still active; clear it first");
        front.mockState(DigitalState.HIGH);
        assertThat(post("motion", MotionCommand.move(2, 2100, 2000)).getResponseText()).isEqualTo("latched stop: obstruction front; reset first");
        assertThat(post("reset", "").getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(node.state().latchedStop()).isNull();
        assertThat(node.io().motorEnabled()).as("reset never starts motion").isFalse();
    }

    @Test
    void badRequestsGetADiagnosticNamingTheFieldAndMoveNothing() throws Exception {
        CoapResponse r = post("motion", "{\"action\":\"MOVE\",\"id\":1,\"targetMm\":2000,\"leaseMs\":99999}");
        assertThat(r.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(r.getResponseText()).isEqualTo("leaseMs: 99999 is outside 50..5000");
        assertThat(post("motion", "not json at all").getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        CoapResponse outside = post("motion", MotionCommand.move(1, 3000, 300));
        assertThat(outside.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
        assertThat(outside.getResponseText()).isEqualTo("targetMm 3000 is outside the soft limits 1200..2100");
        CoapClient xml = new CoapClient(base + "motion");
        xml.setEndpoint(ep);
        assertThat(xml.post("<move/>", MediaTypeRegistry.APPLICATION_XML).getCode()).isEqualTo(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
        assertThat(node.io().motorEnabled()).isFalse();
    }

    @Test
    void aBoardWithoutAnEncoderRefusesToMove() throws Exception {
        Context other = Boards.mock();
        ColumnNode blind = new ColumnNode(new ColumnNodeConfig(4, new InetSocketAddress("127.0.0.1", 0), 600, null), other, null);
        blind.io().safetyInputs().values().forEach(in -> ((MockDigitalInput) in).mockState(DigitalState.HIGH));
        blind.start();
        try {
            CoapClient c = new CoapClient("coap://127.0.0.1:" + blind.server().boundAddress().getPort() + "/motion");
            c.setEndpoint(ep);
            CoapResponse r = c.post(BusCodec.get().encode(MotionCommand.move(1, 900, 300), BusCodec.JSON), MediaTypeRegistry.APPLICATION_JSON);
            assertThat(r.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
            assertThat(r.getResponseText()).isEqualTo("this board has no encoder; it does not move");
            assertThat(blind.health().faults()).containsExactly("no encoder");
        } finally {
            blind.close();
            other.shutdown();
        }
    }
}
