package org.storeroom.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storeroom.testing.Await.until;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.storeroom.bus.MotionCommand;

/**
 * The column stops by itself, through real CoAP and the simulated carriage physics: when whoever moves
 * it stops renewing (a gateway killed or paused), and on an obstruction, within 0.1 m.
 */
class CarriageSafetyTest {
    private SimulatedRoom room;
    private CoapEndpoint ep;
    private ScheduledExecutorService gateway;
    private static final int COLUMN = 9; // last carriage of range A, parked at 4800 mm, may go to 5700

    @BeforeEach
    void start() {
        room = SimulatedRoom.start(new RoomLayout(9, 0));
        ep = new CoapEndpoint.Builder().setConfiguration(BusNetwork.lan()).build();
        gateway = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() {
        gateway.shutdownNow();
        ep.destroy();
        room.close();
    }

    private CoapResponse send(String path, MotionCommand c) throws Exception {
        var a = room.column(COLUMN).server().boundAddress();
        CoapClient client = new CoapClient("coap://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/" + path);
        client.setEndpoint(ep);
        client.setTimeout(2000L);
        byte[] body = c == null ? new byte[0] : BusCodec.get().encode(c, BusCodec.JSON);
        return client.post(body, MediaTypeRegistry.APPLICATION_JSON);
    }

    private boolean standing() {
        return !room.column(COLUMN).io().motorEnabled() && Math.abs(room.velocityMmPerS(COLUMN)) < 1e-6;
    }

    /** Renews movement {@code id} every 100 ms, as the gateway does, until told to stop. */
    private AtomicLong renewing(long id) {
        AtomicLong lastRenewal = new AtomicLong(System.nanoTime());
        gateway.scheduleAtFixedRate(() -> {
            try {
                if (send("motion", MotionCommand.renew(id, 300)).getCode() == ResponseCode.CHANGED) {
                    lastRenewal.set(System.nanoTime());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        return lastRenewal;
    }

    @Test
    void aMoveThatIsNeverRenewedStopsWhenItsLeaseRunsOut() throws Exception {
        double start = room.positionMm(COLUMN);
        assertThat(send("motion", MotionCommand.move(1, 5700, 300)).getCode()).isEqualTo(ResponseCode.CHANGED);
        until("moving", 1000, () -> room.positionMm(COLUMN) > start + 2);
        long ms = until("standing still with nobody renewing", 2000, this::standing);
        double travelled = room.positionMm(COLUMN) - start;
        System.out.printf("lease expiry: travelled %.1f mm, standing %d ms after the move%n", travelled, ms);
        assertThat(travelled).as("moved, then stopped on its own well short of the target").isBetween(2.0, 60.0);
        assertThat(ms).isLessThan(1500);
        assertThat(room.column(COLUMN).state().targetMm()).isNull();
    }

    @Test
    void whenTheGatewayDiesMidMoveTheCarriageStopsWithinItsLeaseAndBraking() throws Exception {
        double start = room.positionMm(COLUMN);
        send("motion", MotionCommand.move(1, 5700, 300));
        AtomicLong lastRenewal = renewing(1);
        until("cruising", 5000, () -> room.positionMm(COLUMN) > start + 120);
        gateway.shutdownNow(); // the gateway process is killed: no more renewals, no stop command either
        double atDeath = room.positionMm(COLUMN);
        until("standing still", 3000, this::standing);
        double coasted = room.positionMm(COLUMN) - atDeath;
        long sinceLastRenewal = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastRenewal.get());
        System.out.printf("gateway killed: coasted %.1f mm, standing %d ms after the last renewal%n", coasted, sinceLastRenewal);
        // At most a lease's travel at full speed (300 ms x 100 mm/s) plus braking (100²/(2x800) = 6 mm).
        assertThat(coasted).as("mm travelled after the gateway died").isLessThan(40.0);
        assertThat(sinceLastRenewal).isLessThan(1500);
        assertThat(room.positionMm(COLUMN)).isLessThan(5700);
    }

    @Test
    void anObstructionDuringAMoveStopsTheCarriageWithinATenthOfAMetre() throws Exception {
        double start = room.positionMm(COLUMN);
        send("motion", MotionCommand.move(1, 5700, 300));
        renewing(1);
        until("cruising at speed", 5000, () -> room.positionMm(COLUMN) > start + 150);
        room.obstruct(COLUMN, true, true); // a person steps in front of the moving face
        double atTrip = room.positionMm(COLUMN);
        until("standing still", 2000, this::standing);
        double stoppingDistance = room.positionMm(COLUMN) - atTrip;
        System.out.printf("obstruction: stopping distance %.1f mm%n", stoppingDistance);
        assertThat(stoppingDistance).as("stopping distance in mm").isLessThan(100.0);
        assertThat(room.column(COLUMN).state().latchedStop()).isEqualTo("obstruction front");

        // The gateway keeps renewing, but a latched column does not restart.
        double stoppedAt = room.positionMm(COLUMN);
        room.obstruct(COLUMN, true, false);
        assertThat(send("motion", MotionCommand.renew(1, 300)).getCode()).isEqualTo(ResponseCode.FORBIDDEN);
        // The released strip reaches the board through the physics' 5 ms step and the node's 20 ms cycle.
        until("the strip seen released", 1000, () -> !room.column(COLUMN).state().obstructionFront());
        assertThat(send("reset", null).getCode()).isEqualTo(ResponseCode.CHANGED);
        until("a moment of control cycles after reset", 1000, () -> room.column(COLUMN).state().latchedStop() == null);
        assertThat(room.column(COLUMN).io().motorEnabled()).as("reset never restarts").isFalse();
        assertThat(room.positionMm(COLUMN)).isEqualTo(stoppedAt);
    }

    @Test
    void aBoardRebootedMidMoveStopsTheCarriageAndForgetsTheMovement() throws Exception {
        double start = room.positionMm(COLUMN);
        long bootBefore = room.column(COLUMN).state().boot();
        var address = room.column(COLUMN).server().boundAddress();
        send("motion", MotionCommand.move(1, 5700, 300));
        renewing(1);
        until("cruising", 5000, () -> room.positionMm(COLUMN) > start + 100);
        room.reboot(COLUMN);
        until("standing", 2000, this::standing);
        assertThat(room.column(COLUMN).state().boot()).isNotEqualTo(bootBefore);
        assertThat(room.column(COLUMN).server().boundAddress()).as("a rebooted board keeps its address").isEqualTo(address);
        assertThat(room.column(COLUMN).state().latchedStop()).isNull();
        CoapResponse r = send("motion", MotionCommand.renew(1, 300));
        assertThat(r.getCode()).as("the new boot knows no movement 1").isEqualTo(ResponseCode.FORBIDDEN);
        assertThat(room.positionMm(COLUMN)).isLessThan(5700);
    }

    @Test
    void aRenewedMoveArrivesAndStopsAtItsTarget() throws Exception {
        send("motion", MotionCommand.move(1, 5000, 300));
        renewing(1);
        until("arrived", 10_000, () -> standing() && Math.abs(room.positionMm(COLUMN) - 5000) < 10);
        assertThat(room.column(COLUMN).state().targetMm()).isNull();
        assertThat(room.column(COLUMN).state().latchedStop()).isNull();
    }
}
