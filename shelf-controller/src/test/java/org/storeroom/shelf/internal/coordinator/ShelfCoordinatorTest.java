package org.storeroom.shelf.internal.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storeroom.testing.Await.until;

import java.net.URI;
import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.storeroom.shelf.api.Reason;
import org.storeroom.shelf.api.RequestHandle;
import org.storeroom.shelf.api.RequestOutcome;
import org.storeroom.shelf.api.RequestOutcome.Status;
import org.storeroom.shelf.core.CoreSettings;
import org.storeroom.shelf.core.RoomModel;
import org.storeroom.shelf.internal.bus.DeviceBusClient;
import org.storeroom.simulator.RoomLayout;
import org.storeroom.simulator.SimulatedRoom;

/**
 * The gateway's coordinator opening aisles in a simulated range of nine columns, through the real bus
 * client and real CoAP, with the carriages moved by the simulator's physics.
 */
class ShelfCoordinatorTest {
    private static final int AISLE_MM = 500;
    private static final int TOLERANCE_MM = 5;
    /**
     * How far short an aisle may open: the far column stops up to the tolerance short of its target, the
     * near one is clamped to where the far one really stands and stops up to the tolerance short of that,
     * and each reports its position in whole millimetres.
     */
    private static final double AISLE_SLACK_MM = 2 * (TOLERANCE_MM + 1);
    private SimulatedRoom room;
    private AutoCloseable bus;
    private ShelfCoordinator coordinator;
    private DeviceBusClient busClient;

    @BeforeEach
    void start() {
        room = SimulatedRoom.start(new RoomLayout(9, 0, 9, 600, AISLE_MM, Stopping.SPEED_MM_PER_S));
        TreeMap<Integer, URI> nodes = new TreeMap<>();
        for (String e : room.columnNodesConfig()) {
            nodes.put(Integer.parseInt(e.substring(0, e.indexOf('='))), URI.create(e.substring(e.indexOf('=') + 1)));
        }
        var client = DeviceBusClient.connect(nodes, Duration.ofMillis(200), Duration.ofMillis(3000), 200, 3);
        bus = client::close;
        busClient = client;
        coordinator = new ShelfCoordinator(client, RangeSpecs.parse(new String[] {"A:1-9"}, 600, AISLE_MM),
                new CoreSettings(300, 100, 1500, TOLERANCE_MM, 100));
        awaitAllOnline();
    }

    @AfterEach
    void stop() throws Exception {
        if (coordinator != null) {
            coordinator.close();
        }
        if (bus != null) {
            bus.close();
        }
        room.close();
    }

    /** Every link online, and the coordinator hears every column as linked and fresh. */
    private void awaitAllOnline() {
        until("every link online", 5000, () -> busClient.links().stream()
                .allMatch(l -> l.status() == org.storeroom.shelf.api.NodeLink.Status.ONLINE));
        until("every column ready for the coordinator", 5000,
                () -> Long.valueOf(9).equals(coordinator.check().details().get("columnsReady")));
    }

    private boolean rangeIdle() {
        return ((java.util.List<?>) coordinator.check().details().get("moving")).isEmpty();
    }

    private static RequestOutcome end(RequestHandle h) throws Exception {
        return h.end().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private double gap(int index) {
        // Gap in front of rail index - 1, between columns index and index + 1 (1-based columns).
        return room.positionMm(index + 1) - room.positionMm(index) - 600;
    }

    @Test
    void opensAnAisleByMovingTheCarriagesOneAfterAnother() throws Exception {
        RequestHandle h = coordinator.openAisle("A", 7, "panel:test");
        assertThat(h.decision().toCompletableFuture().get(5, TimeUnit.SECONDS).status()).isEqualTo(Status.ACCEPTED);
        assertThat(end(h).status()).isEqualTo(Status.FINISHED);
        // Aisle 7 lies in front of column 7 (rail index 6): columns 8 and 9 moved away by one aisle.
        assertThat(gap(7)).isBetween(AISLE_MM - AISLE_SLACK_MM, AISLE_MM + TOLERANCE_MM + 1.0);
        assertThat(gap(8)).isBetween(-1.0, Stopping.COLUMN_ERROR_MM);
        assertThat(room.positionMm(9)).isBetween(8 * 600 + AISLE_MM - Stopping.COLUMN_ERROR_MM, 8 * 600 + AISLE_MM + 1.0);
    }

    @Test
    void anObstructionAbortsTheRequestAndKeepsTheRangeStoppedUntilReset() throws Exception {
        RequestHandle h = coordinator.openAisle("A", 8, "panel:test");
        until("column 9 moving", 5000, () -> room.velocityMmPerS(9) > 50);
        room.obstruct(9, true, true);
        RequestOutcome out = end(h);
        assertThat(out.status()).isEqualTo(Status.ABORTED);
        assertThat(out.why().reason()).isIn(Reason.LATCHED_STOP, Reason.OBSTRUCTION, Reason.COLUMN_REFUSED);
        room.obstruct(9, true, false);
        until("the strip is clear again", 2000, () -> !room.column(9).state().obstructionFront());
        RequestOutcome refused = end(coordinator.openAisle("A", 8, "panel:test"));
        assertThat(refused.status()).isEqualTo(Status.REFUSED);
        assertThat(refused.why().reason()).isEqualTo(Reason.LATCHED_STOP);
        coordinator.resetColumn(9, "facilities:test");
        until("latch cleared", 5000, () -> room.column(9).state().latchedStop() == null);
        until("the coordinator heard it", 5000, () -> coordinator.check().summary().endsWith("0 columns latched"));
        assertThat(end(coordinator.openAisle("A", 8, "panel:test")).status()).isEqualTo(Status.FINISHED);
    }

    @Test
    void pressingTheButtonOnAColumnOpensTheAisleOnThatFace() {
        // Column 9's rear face looks onto aisle 8: pressing there moves column 9 away by one aisle.
        room.pressButton(9, false);
        until("column 9 pushed away", 15_000, () -> room.positionMm(9) > 8 * 600 + AISLE_MM - 10
                && !room.column(9).io().motorEnabled());
        assertThat(gap(8)).isBetween(AISLE_MM - Stopping.COLUMN_ERROR_MM, AISLE_MM + Stopping.COLUMN_ERROR_MM);
    }

    @Test
    void anAisleWithSomeoneInsideIsNeverClosed() throws Exception {
        // Opening aisle 7 pushes columns 8 and 9 away; column 8 would close aisle 8, in front of it.
        room.occupyAisle(8, true);
        until("the board sees the person", 3000, () -> room.column(8).state().aisleOccupied());
        double column8 = room.positionMm(8);
        RequestOutcome out = end(coordinator.openAisle("A", 7, "panel:test"));
        // Refused if the gateway heard it first, else aborted as soon as it did; either way aisle 8 stays open.
        assertThat(out.status()).isIn(Status.REFUSED, Status.ABORTED);
        assertThat(out.why().reason()).isEqualTo(Reason.AISLE_OCCUPIED);
        assertThat(out.why().detail()).isEqualTo("range A aisle 8");
        until("standing", 2000, () -> room.velocityMmPerS(9) == 0);
        assertThat(room.positionMm(8)).as("column 8 never moved towards the person").isEqualTo(column8);
    }

    @Test
    void someoneEnteringTheAisleBeingClosedStopsTheCarriage() throws Exception {
        room.pressButton(9, false); // open aisle 8 first: column 9 moves away, aisle 9 closes
        until("aisle 8 open", 15_000, () -> gap(8) > AISLE_MM - AISLE_SLACK_MM && !room.column(9).io().motorEnabled());
        until("the coordinator finished the button's request", 5000, this::rangeIdle);
        RequestHandle h = coordinator.openAisle("A", 9, "panel:test"); // column 9 comes back, closing aisle 8
        RequestOutcome decided = h.decision().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(decided.status()).as(decided.toString()).isEqualTo(Status.ACCEPTED);
        until("column 9 moving back", 5000, () -> room.velocityMmPerS(9) < -50);
        room.breakBeam(8, true); // a box pushed into the entry of aisle 8
        RequestOutcome out = end(h);
        assertThat(out.status()).isEqualTo(Status.ABORTED);
        assertThat(out.why().reason()).isEqualTo(Reason.ENTRY_BEAM_BROKEN);
        until("standing", 2000, () -> room.velocityMmPerS(9) == 0);
        assertThat(gap(8)).as("aisle 8 still mostly open").isGreaterThan(AISLE_MM / 2.0);
    }

    @Test
    void aColumnThatRebootsMidMoveAbortsTheRequestAndStops() throws Exception {
        RequestHandle h = coordinator.openAisle("A", 8, "panel:test");
        until("column 9 moving", 5000, () -> room.velocityMmPerS(9) > 50);
        room.reboot(9);
        RequestOutcome out = end(h);
        assertThat(out.status()).isEqualTo(Status.ABORTED);
        assertThat(out.why().reason()).isIn(Reason.COLUMN_RESTARTED, Reason.COLUMN_REFUSED, Reason.STALE_STATE, Reason.LINK_LOST);
        until("standing", 2000, () -> room.velocityMmPerS(9) == 0);
        awaitAllOnline();
        assertThat(end(coordinator.openAisle("A", 8, "panel:test")).status()).isEqualTo(Status.FINISHED);
    }

    @Test
    void onALossyDelayingBusEveryRequestEndsAndNothingGoesPastItsRail() throws Exception {
        room.bus().set(10, 20);
        for (int aisle : new int[] {8, 9, 7}) {
            RequestOutcome out = end(coordinator.openAisle("A", aisle, "panel:test"));
            assertThat(out.status()).as("aisle " + aisle + ": " + out).isIn(Status.FINISHED, Status.ABORTED, Status.REFUSED);
            if (out.status() != Status.FINISHED) {
                assertThat(out.why().reason()).as(out.toString()).isIn(Reason.STALE_STATE, Reason.NOT_ARRIVED,
                        Reason.COLUMN_REFUSED, Reason.LINK_LOST, Reason.NO_STATE);
            }
            for (int c = 2; c <= 9; c++) {
                assertThat(room.positionMm(c)).isLessThanOrEqualTo((c - 1) * 600 + AISLE_MM + 0.5);
                assertThat(room.positionMm(c) - room.positionMm(c - 1)).isGreaterThanOrEqualTo(600 - 0.5);
            }
        }
        room.bus().set(0, 0);
        // Requests lost just before the bus cleared still time out for a while (~0.7 s of retransmissions).
        long[] failures = {-1};
        long[] since = {System.nanoTime()};
        until("no bus failure for 1.5 s", 15_000, () -> {
            long f = (Long) busClient.check().details().get("failures");
            if (f != failures[0]) {
                failures[0] = f;
                since[0] = System.nanoTime();
            }
            return System.nanoTime() - since[0] > TimeUnit.MILLISECONDS.toNanos(1500);
        });
        awaitAllOnline();
        RequestOutcome clean = end(coordinator.openAisle("A", 6, "panel:test"));
        assertThat(clean.status()).as(clean.toString()).isEqualTo(Status.FINISHED);
    }

    @Test
    void insideTheVentilationWindowTheRangeIsSpreadEvenly() throws Exception {
        coordinator.close();
        java.time.Clock night = java.time.Clock.fixed(java.time.Instant.parse("2026-11-23T23:30:00Z"), java.time.ZoneOffset.UTC);
        coordinator = new ShelfCoordinator(busClient, RangeSpecs.parse(new String[] {"A:1-9"}, 600, AISLE_MM),
                new CoreSettings(300, 100, 1500, TOLERANCE_MM, 100), VentilationWindow.parse("22:00-06:00"), false, night);
        until("ventilation mode", 5000, () -> coordinator.mode() == org.storeroom.shelf.api.ShelfMode.VENTILATION);
        until("spread evenly", 60_000, () -> !room.column(9).io().motorEnabled() && room.velocityMmPerS(2) == 0
                && Math.abs(gap(1) - AISLE_MM / 9.0) < 10 && Math.abs(gap(8) - AISLE_MM / 9.0) < 10);
    }

    @Test
    void stopAllStopsAMovingCarriage() throws Exception {
        RequestHandle h = coordinator.openAisle("A", 8, "panel:test");
        until("column 9 moving", 5000, () -> room.velocityMmPerS(9) > 50);
        coordinator.stopAll("panel:test");
        assertThat(end(h).why().reason()).isEqualTo(Reason.STOP_REQUESTED);
        until("standing", 2000, () -> !room.column(9).io().motorEnabled() && room.velocityMmPerS(9) == 0);
    }

    @Test
    void whenTheCoordinatorGoesAwayMidMoveTheCarriageStopsByItself() throws Exception {
        coordinator.openAisle("A", 8, "panel:test");
        until("column 9 moving", 5000, () -> room.velocityMmPerS(9) > 50);
        coordinator.close(); // no more renewals, and no stop either
        coordinator = null;
        double at = room.positionMm(9);
        until("standing by itself", 2000, () -> !room.column(9).io().motorEnabled() && room.velocityMmPerS(9) == 0);
        assertThat(room.positionMm(9) - at).as("mm coasted").isLessThan(60);
    }

    @Test
    void everyRequestAndOperationIsAuditedAndSentAsAMotionEvent(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var store = org.storeroom.gateway.internal.store.SqliteStore.open(dir.resolve("gateway.db"), "NORMAL");
        var outbox = org.storeroom.gateway.internal.uplink.UplinkComponent.open(store, "", "gjj", "room-1", 64);
        var audit = new org.storeroom.gateway.internal.audit.AuditTrail(store, outbox, java.time.Clock.systemUTC());
        ShelfRecorder recorder = new ShelfRecorder(store, outbox, audit);
        try {
            coordinator.setRecorder(recorder);
            assertThat(end(coordinator.openAisle("A", 7, "panel:li.wei")).status()).isEqualTo(Status.FINISHED);
            coordinator.setMode(org.storeroom.shelf.api.ShelfMode.LOCKED, "panel:wang.fang");
            RequestOutcome refused = end(coordinator.openAisle("A", 3, "panel:li.wei"));
            assertThat(refused.status()).isEqualTo(Status.REFUSED);
            until("four entries written", 5000, () -> Long.valueOf(4).equals(recorder.counters().get("recordsWritten")));
            var entries = audit.recent(10);
            assertThat(entries).extracting(e -> e.actor() + " " + e.action() + " " + e.target()).containsExactly(
                    "panel:li.wei aisle.open range A aisle 3",
                    "panel:wang.fang mode.change shelving",
                    "panel:li.wei aisle.open range A aisle 7",
                    "panel:li.wei aisle.open range A aisle 7");
            assertThat(entries.get(0).detail()).contains("\"outcome\":\"REFUSED\"", "\"reason\":\"LOCKED\"");
            assertThat(entries.get(2).detail()).contains("\"outcome\":\"FINISHED\"");
            assertThat(entries.get(3).detail()).contains("\"outcome\":\"ACCEPTED\"");
            assertThat(audit.verify().intact()).isTrue();
            long motionEvents = store.read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM uplink_outbox WHERE topic = 'events/motion'")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(motionEvents).isEqualTo(4);
        } finally {
            recorder.close();
            outbox.close();
            store.close();
        }
    }

    @Test
    void theDemoRoomModelMatchesTheSimulatedDemoRoom() {
        RoomModel demo = RangeSpecs.parse(new String[] {"A:1-9", "B:10-18", "C:19-27", "D:28-36", "E:37-45"}, 600, 900);
        assertThat(demo).isEqualTo(RoomModel.demo());
        RoomLayout sim = RoomLayout.DEMO;
        for (int c : demo.columns()) {
            var r = demo.rangeOf(c).orElseThrow();
            int i = r.indexOf(c);
            assertThat(sim.minMm(c)).as("column " + c).isEqualTo(r.minPosition(i));
            assertThat(sim.maxMm(c)).as("column " + c).isEqualTo(r.maxPosition(i));
        }
    }
}
