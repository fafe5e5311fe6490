package org.storeroom.node.column;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.junit.jupiter.api.Test;
import org.storeroom.bus.BusCodec;
import org.storeroom.bus.BusNetwork;
import org.storeroom.bus.MotionCommand;
import org.storeroom.node.Boards;

/**
 * Whatever arrives over the bus, a column node neither crashes nor moves: random bytes, mutated
 * commands and odd content-formats to /motion and /reset of a live node over real CoAP. The motor may run
 * only after the node accepted a well-formed MOVE.
 */
class BusFuzzTest {
    @Test
    void randomRequestsNeitherCrashTheNodeNorMoveTheColumn() throws Exception {
        Context pi4j = Boards.mock();
        ColumnNode node = new ColumnNode(new ColumnNodeConfig(5, new InetSocketAddress("127.0.0.1", 0), 0, 1000, 2000, null),
                pi4j, () -> 1500, null);
        node.io().safetyInputs().values().forEach(in -> ((MockDigitalInput) in).mockState(DigitalState.HIGH));
        node.start();
        CoapEndpoint ep = new CoapEndpoint.Builder().setConfiguration(BusNetwork.lan()).build();
        String base = "coap://127.0.0.1:" + node.server().boundAddress().getPort() + "/";
        Random rnd = new Random(42);
        int accepted = 0;
        int refused = 0;
        try {
            for (int i = 0; i < 1500; i++) {
                byte[] payload = switch (rnd.nextInt(3)) {
                    case 0 -> randomBytes(rnd);
                    case 1 -> mutate(BusCodec.get().encode(MotionCommand.move(1 + i, 1000 + rnd.nextInt(1000), 50 + rnd.nextInt(400)), BusCodec.JSON), rnd);
                    default -> mutate(BusCodec.get().encode(MotionCommand.move(1 + i, 1000 + rnd.nextInt(1000), 50 + rnd.nextInt(400)), BusCodec.CBOR), rnd);
                };
                int format = new int[] {BusCodec.JSON, BusCodec.CBOR, 0, 41, 42, -1}[rnd.nextInt(6)];
                Request req = Request.newPost();
                req.setPayload(payload);
                if (format >= 0) {
                    req.getOptions().setContentFormat(format);
                }
                CoapClient c = new CoapClient(base + (rnd.nextInt(8) == 0 ? "reset" : "motion"));
                c.setEndpoint(ep);
                c.setTimeout(3000L);
                boolean wasRunning = node.io().motorEnabled();
                CoapResponse r = c.advanced(req);
                assertThat(r).as("the node answers request " + i).isNotNull();
                assertThat(r.getCode()).isIn(ResponseCode.CHANGED, ResponseCode.BAD_REQUEST, ResponseCode.FORBIDDEN,
                        ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
                if (r.getCode() == ResponseCode.CHANGED) {
                    accepted++;
                } else {
                    refused++;
                    assertThat(r.getResponseText()).as("a refusal says why").isNotBlank();
                    if (!wasRunning) {
                        assertThat(node.io().motorEnabled()).as("a refused request never starts the motor").isFalse();
                    }
                }
                if (node.io().motorEnabled()) {
                    assertThat(node.state().targetMm()).as("running only towards an accepted target").isNotNull();
                    assertThat(node.state().leaseRemainingMs()).isPositive();
                }
                // Stop between rounds so each round starts from a standing column.
                c = new CoapClient(base + "motion");
                c.setEndpoint(ep);
                c.post(BusCodec.get().encode(MotionCommand.stop(), BusCodec.JSON), BusCodec.JSON);
            }
            CoapClient health = new CoapClient(base + "health");
            health.setEndpoint(ep);
            assertThat(health.get().getCode()).as("still alive").isEqualTo(ResponseCode.CONTENT);
            assertThat(refused).isGreaterThan(500);
            assertThat(accepted).as("some mutations stay valid, so acceptance was exercised too").isGreaterThan(10);
        } finally {
            ep.destroy();
            node.close();
            pi4j.shutdown();
        }
    }

    private static byte[] randomBytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(120)];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] mutate(byte[] valid, Random rnd) {
        byte[] b = valid.clone();
        int n = rnd.nextInt(3);
        for (int k = 0; k < n; k++) {
            b[rnd.nextInt(b.length)] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : "{}\":,0123456789-".charAt(rnd.nextInt(16)));
        }
        return b;
    }
}
