package org.storeroom.shelf.internal.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storeroom.testing.Await.until;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.storeroom.shelf.api.Reason;
import org.storeroom.shelf.api.RequestHandle;
import org.storeroom.shelf.api.RequestOutcome;
import org.storeroom.shelf.api.RequestOutcome.Status;
import org.storeroom.shelf.api.ShelfMode;
import org.storeroom.shelf.core.CoreSettings;
import org.storeroom.shelf.internal.bus.DeviceBusClient;
import org.storeroom.simulator.RoomLayout;
import org.storeroom.simulator.SimulatedRoom;

/**
 * The fire park through the real bus and real CoAP, in a simulated range of five columns (five gaps
 * sharing 900 mm: 180 mm each, wide enough to spread).
 */
class FireParkTest {
    private static final int AISLE_MM = 900;
    private static final int EVEN_GAP_MM = AISLE_MM / 5;
    private SimulatedRoom room;
    private DeviceBusClient bus;
    private ShelfCoordinator coordinator;

    @BeforeEach
    void start() {
        room = SimulatedRoom.start(new RoomLayout(5, 0, 5, 600, AISLE_MM, Stopping.SPEED_MM_PER_S));
        TreeMap<Integer, URI> nodes = new TreeMap<>();
        for (String e : room.columnNodesConfig()) {
            nodes.put(Integer.parseInt(e.substring(0, e.indexOf('='))), URI.create(e.substring(e.indexOf('=') + 1)));
        }
        bus = DeviceBusClient.connect(nodes, Duration.ofMillis(200), Duration.ofMillis(3000), 200, 3);
    }

    private void coordinator(boolean firePark) {
        coordinator = new ShelfCoordinator(bus, RangeSpecs.parse(new String[] {"F:1-5"}, 600, AISLE_MM),
                new CoreSettings(300, 100, 1500, 5, 100), Optional.empty(), firePark, Clock.systemDefaultZone());
        until("every column ready for the coordinator", 5000,
                () -> Long.valueOf(5).equals(coordinator.check().details().get("columnsReady")));
    }

    @AfterEach
    void stop() {
        if (coordinator != null) {
            coordinator.close();
        }
        bus.close();
        room.close();
    }

    private double gap(int g) {
        return g < 5 ? room.positionMm(g + 1) - room.positionMm(g) - 600 : 4 * 600 + AISLE_MM - room.positionMm(5);
    }

    private static RequestOutcome end(RequestHandle h) throws Exception {
        return h.end().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void offByDefaultAFireLeavesTheShelvingWhereItStopped() {
        coordinator(false);
        coordinator.setMode(ShelfMode.FIRE, "fire-linkage");
        assertThat(coordinator.firePark("fire-linkage")).isEmpty();
        assertThat(room.column(5).io().motorEnabled()).isFalse();
        assertThat(room.positionMm(5)).isEqualTo(4 * 600.0);
    }

    @Test
    void inAConfirmedFireEveryRangeWithClearAislesIsSpreadToEvenGaps() throws Exception {
        coordinator(true);
        RequestOutcome normal = end(coordinator.firePark("fire-linkage").get(0));
        assertThat(normal.status()).isEqualTo(Status.REFUSED);
        assertThat(normal.why().reason()).isEqualTo(Reason.NOT_IN_FIRE);

        coordinator.setMode(ShelfMode.FIRE, "fire-linkage");
        List<RequestHandle> handles = coordinator.firePark("fire-linkage");
        assertThat(handles).hasSize(1);
        RequestOutcome done = end(handles.get(0));
        assertThat(done.status()).as(done.toString()).isEqualTo(Status.FINISHED);
        for (int g = 1; g <= 5; g++) {
            assertThat(gap(g)).as("gap " + g).isBetween(EVEN_GAP_MM - 2 * Stopping.COLUMN_ERROR_MM, EVEN_GAP_MM + 2 * Stopping.COLUMN_ERROR_MM)
                    .as("gap %d, at least the fire park's minimum", g).isGreaterThanOrEqualTo((double) org.storeroom.shelf.core.ShelfCore.FIRE_PARK_MIN_GAP_MM);
        }
        assertThat(coordinator.mode()).isEqualTo(ShelfMode.FIRE);
        // Nothing else moves in the fire: an aisle asked for is refused.
        assertThat(end(coordinator.openAisle("F", 2, "panel:test")).why().reason()).isEqualTo(Reason.FIRE_MODE);
    }

    @Test
    void someoneInAnyAisleStopsTheParkAtOnce() throws Exception {
        coordinator(true);
        coordinator.setMode(ShelfMode.FIRE, "fire-linkage");
        RequestHandle h = coordinator.firePark("fire-linkage").get(0);
        until("column 5 moving", 5000, () -> room.velocityMmPerS(5) > 50);
        // Aisle 1 is not closed by this move (column 5 moves away from it), but in a fire nobody may be in
        // a range that moves at all.
        room.occupyAisle(1, true);
        RequestOutcome out = end(h);
        assertThat(out.status()).isEqualTo(Status.ABORTED);
        assertThat(out.why().reason()).isEqualTo(Reason.AISLE_OCCUPIED);
        until("standing", 2000, () -> !room.column(5).io().motorEnabled() && room.velocityMmPerS(5) == 0);
        assertThat(room.positionMm(4)).as("column 4 never started").isEqualTo(3 * 600.0);
    }
}
