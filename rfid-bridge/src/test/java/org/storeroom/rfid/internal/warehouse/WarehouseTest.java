package org.storeroom.rfid.internal.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.gateway.internal.audit.AuditTrail;
import org.storeroom.gateway.internal.index.IndexLog;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.gateway.internal.uplink.UplinkComponent;
import org.storeroom.rfid.api.Epc;
import org.storeroom.rfid.core.Catalogue;
import org.storeroom.rfid.core.ShelvingLayout;

/** The warehouse on a real SQLite store with the real index mirror, audit log and outbox. */
class WarehouseTest {
    static final String CATALOGUE = "archive_no,box_epc,point,file_no,title,borrower_id,contract_no\n"
            + "B-1,E28011600000000000000001,C07-A-B03-L2-S05,F-1,first loan,370700198501011234,WF1\n"
            + "B-1,E28011600000000000000001,C07-A-B03-L2-S05,F-2,second loan,370700198501011234,WF2\n"
            + "B-2,E28011600000000000000002,C07-B-B01-L1-S01,F-3,other,110100197001011111,WF3\n"
            + "B-3,E28011600000000000000003,C08-A-B01-L1-S01,,,,\n";

    private SqliteStore store;
    private UplinkComponent outbox;
    private IndexLog index;
    private Warehouse warehouse;
    private Inventories inventories;

    @BeforeEach
    void open(@TempDir Path dir) throws Exception {
        store = SqliteStore.open(dir.resolve("g.db"), "NORMAL");
        outbox = UplinkComponent.open(store, "", "gjj", "room-1", 64);
        index = new IndexLog(store, outbox);
        warehouse = new Warehouse(store, outbox, index, new AuditTrail(store, outbox, Clock.systemUTC()), Clock.systemUTC(),
                ShelvingLayout.DEMO, Duration.ofDays(30));
        inventories = new Inventories(warehouse);
    }

    @AfterEach
    void close() {
        outbox.close();
        store.close();
    }

    private Catalogue.Result check(String csv) throws Exception {
        return warehouse.check(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private void load(String csv) throws Exception {
        Catalogue.Result r = check(csv);
        assertThat(r.problems()).isEmpty();
        List<Integer> progress = new ArrayList<>();
        warehouse.apply(r, "user:admin", (done, total) -> progress.add(done));
        assertThat(progress).last().isEqualTo(r.boxes().size() + r.files().size());
    }

    private long outboxCount(String topic) throws Exception {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM uplink_outbox WHERE topic = ?")) {
                ps.setString(1, topic);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Test
    void locatesByEveryKindOfKeyWithTheAisleToOpen() throws Exception {
        load(CATALOGUE);
        assertThat(warehouse.counts()).containsExactly(3, 3);
        List<Warehouse.Hit> byArchiveNo = warehouse.locate("B-1");
        assertThat(byArchiveNo).singleElement().satisfies(h -> {
            assertThat(h.kind()).isEqualTo("box");
            assertThat(h.point()).isEqualTo("C07-A-B03-L2-S05");
            assertThat(h.pointLabel()).isEqualTo("07列 A面 03节 2层 05号");
            assertThat(h.aisle()).isEqualTo("A-6"); // column 7 is at rail index 6; side A faces gap 6
        });
        assertThat(warehouse.locate("e28011600000000000000002")).extracting(Warehouse.Hit::archiveNo).containsExactly("B-2");
        assertThat(warehouse.locate("F-3")).extracting(Warehouse.Hit::fileNo).containsExactly("F-3");
        assertThat(warehouse.locate("C08-A-B01-L1-S01")).extracting(Warehouse.Hit::archiveNo).containsExactly("B-3");
        assertThat(warehouse.locate("370700198501011234")).extracting(Warehouse.Hit::fileNo).containsExactly("F-1", "F-2");
        assertThat(warehouse.account("WF2")).extracting(Warehouse.Hit::fileNo).containsExactly("F-2");
        assertThat(warehouse.locate("nothing")).isEmpty();
        assertThatThrownBy(() -> warehouse.locate("  ")).hasMessageContaining("q is empty");
        // Every box and file is in the mirrored index, and the import is audited.
        assertThat(index.state().entries()).isEqualTo(6);
        assertThat(outboxCount("events/audit")).isEqualTo(1);
    }

    @Test
    void aCatalogueThatWouldShareAPointWithAnotherBoxIsRefusedWritingNothing() throws Exception {
        load(CATALOGUE);
        long version = index.state().version();
        Catalogue.Result r = check("archive_no,box_epc,point\nB-9,E28011600000000000000009,C07-B-B01-L1-S01\n"
                + "B-8,E28011600000000000000001,C09-B-B01-L1-S01\n");
        assertThat(r.problems()).extracting(Catalogue.Problem::toString).containsExactly(
                "line 2, point: C07-B-B01-L1-S01 holds box B-2 in the warehouse, which this catalogue does not move",
                "line 3, box_epc: EPC E28011600000000000000001 is on box B-1 in the warehouse");
        assertThatThrownBy(() -> warehouse.apply(r, "user:admin", (d, t) -> { })).hasMessageContaining("nothing was written");
        assertThat(index.state().version()).isEqualTo(version);
        assertThat(warehouse.counts()).containsExactly(3, 3);
    }

    @Test
    void aCatalogueMayMoveBoxesRoundAndApplyingItTwiceChangesNothing() throws Exception {
        load(CATALOGUE);
        String swapped = "archive_no,box_epc,point\nB-1,E28011600000000000000001,C07-B-B01-L1-S01\n"
                + "B-2,E28011600000000000000002,C07-A-B03-L2-S05\n";
        load(swapped);
        assertThat(warehouse.locate("B-1").get(0).point()).isEqualTo("C07-B-B01-L1-S01");
        assertThat(warehouse.locate("B-2").get(0).point()).isEqualTo("C07-A-B03-L2-S05");
        var before = index.state();
        load(swapped);
        assertThat(index.state()).isEqualTo(before);
    }

    @Test
    void checkOutAndReturnLeaveATrailAnAuditAndEvents() throws Exception {
        load(CATALOGUE);
        Warehouse.Loan loan = warehouse.checkOut("file:F-1", "Wang Fang, loans dept", 0, "user:li.wei");
        assertThat(loan.dueMs() - loan.outMs()).isEqualTo(Duration.ofDays(30).toMillis());
        assertThat(warehouse.locate("F-1").get(0).status()).isEqualTo("out");
        assertThat(warehouse.locate("F-1").get(0).borrower()).isEqualTo("Wang Fang, loans dept");
        assertThatThrownBy(() -> warehouse.checkOut("file:F-1", "someone", 0, "user:li.wei"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already checked out to Wang Fang");
        assertThatThrownBy(() -> warehouse.checkOut("file:F-404", "someone", 0, "user:li.wei"))
                .isInstanceOf(Warehouse.NoSuchItem.class).hasMessage("file F-404 is not in the warehouse")
                .extracting(e -> ((org.storeroom.gateway.api.Bilingual) e).messageZh()).isEqualTo("库房中没有文件 F-404");
        assertThatThrownBy(() -> warehouse.checkOut("F-1", "someone", 0, "user:li.wei"))
                .hasMessageContaining("is not box:<archive number> or file:<file number>");

        warehouse.checkOut("box:B-1", "Audit office", 0, "user:li.wei");
        assertThat(warehouse.locate("F-2").get(0).status()).isEqualTo("out-with-box");
        assertThatThrownBy(() -> warehouse.checkOut("file:F-2", "x", 0, "user:li.wei")).hasMessageContaining("return the box first");
        warehouse.giveBack("box:B-1", "user:li.wei");
        warehouse.giveBack("file:F-1", "user:zhao");
        assertThatThrownBy(() -> warehouse.giveBack("file:F-1", "user:zhao")).hasMessageContaining("is not checked out");

        assertThat(warehouse.whereabouts("file:F-1")).extracting(Warehouse.Trail::what, Warehouse.Trail::item)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("check-out", "file:F-1"),
                        org.assertj.core.groups.Tuple.tuple("check-out", "box:B-1"),
                        org.assertj.core.groups.Tuple.tuple("return", "box:B-1"),
                        org.assertj.core.groups.Tuple.tuple("return", "file:F-1"));
        assertThat(outboxCount("events/whereabouts")).isEqualTo(4);
        assertThat(outboxCount("events/audit")).isEqualTo(5);
        assertThat(warehouse.openLoans()).isEmpty();
    }

    @Test
    void readsAreSeenCountedAndAnExitWithoutALoanIsAnAlarm() throws Exception {
        load(CATALOGUE);
        ReadIngest ingest = new ReadIngest(warehouse, inventories, new org.storeroom.rfid.core.Antennas(new String[] {
                "shelf-7:1=C07-A", "shelf-7:2=C07-B", "door:1=gate-inside", "door:2=gate-outside"}, ShelvingLayout.DEMO));
        Epc b1 = new Epc("E28011600000000000000001");
        Epc b2 = new Epc("E28011600000000000000002");
        var session = inventories.start("columns 7", List.of(7), "user:li.wei");
        ReadIngest.Outcome o = ingest.ingest(List.of(
                new org.storeroom.rfid.core.TagRead("shelf-7", 1, b1, -52, 1000),
                new org.storeroom.rfid.core.TagRead("shelf-7", 2, b2, -58, 1010),
                new org.storeroom.rfid.core.TagRead("shelf-9", 1, b2, -58, 1020)));
        assertThat(o.unmapped()).isEqualTo(1);
        assertThat(inventories.session(session.id()).found()).isEqualTo(2);
        assertThat(warehouse.locate("B-1").get(0).seenAt()).isEqualTo("C07-A");
        assertThat(warehouse.locate("B-1").get(0).seenMs()).isEqualTo(1000L);

        // B-2 is checked out and leaves: no alarm. B-1 leaves without a loan: alarm.
        warehouse.checkOut("box:B-2", "Wang Fang", 0, "user:li.wei");
        long alarmsBefore = outboxCount("events/alarm");
        o = ingest.ingest(List.of(
                new org.storeroom.rfid.core.TagRead("door", 1, b2, -50, 5000),
                new org.storeroom.rfid.core.TagRead("door", 1, b1, -50, 5100),
                new org.storeroom.rfid.core.TagRead("door", 2, b2, -50, 5600),
                new org.storeroom.rfid.core.TagRead("door", 2, b1, -50, 5700),
                new org.storeroom.rfid.core.TagRead("door", 2, b1, -49, 5800)));
        assertThat(o.passages()).extracting(p -> p.get("item") + " " + p.get("direction") + " " + p.get("alarm"))
                .containsExactly("box:B-2 out false", "box:B-1 out true");
        assertThat(outboxCount("events/alarm") - alarmsBefore).isEqualTo(1);
        assertThat(warehouse.whereabouts("box:B-1")).extracting(Warehouse.Trail::what).contains("gate-out");
        assertThat(warehouse.whereabouts("box:B-2")).extracting(Warehouse.Trail::what).containsSubsequence("check-out", "gate-out");
        // Ten minutes and more in which the shelf antennas read their other tags but not these: both boxes
        // have departed from them.
        Epc neighbour = new Epc("E2801160FFFF");
        for (long at = 2000; at <= 612_000; at += 10_000) {
            ingest.ingest(List.of(new org.storeroom.rfid.core.TagRead("shelf-7", 1, neighbour, -60, at),
                    new org.storeroom.rfid.core.TagRead("shelf-7", 2, neighbour, -61, at)));
        }
        assertThat(ingest.stats()).containsEntry("departed", 2L).containsEntry("tags", 1);
        assertThat(warehouse.whereabouts("box:B-1")).extracting(Warehouse.Trail::what).endsWith("departed");
    }

    @Test
    void theCentralSystemLocatesAndStartsAnInventory() throws Exception {
        load(CATALOGUE);
        WarehouseComponent component = new WarehouseComponent(warehouse);
        var located = new LocateCommand(component).handle("c-1", Map.of("q", "F-3"));
        assertThat(located.status()).isEqualTo(org.storeroom.gateway.api.CommandResult.Status.OK);
        assertThat(located.data().get("hits").toString()).contains("archiveNo=B-2").contains("aisle=A-7");
        assertThat(new LocateCommand(component).handle("c-2", Map.of()).reason()).contains("q is missing");

        InventoryStartCommand start = new InventoryStartCommand(component);
        var started = start.handle("c-3", Map.of("range", "A"));
        assertThat(started.status()).isEqualTo(org.storeroom.gateway.api.CommandResult.Status.OK);
        assertThat(started.data()).containsEntry("expected", 3);
        assertThat(start.handle("c-4", Map.of("columns", List.of(7))).reason()).contains("column 7 is already being counted");
        assertThat(start.handle("c-5", Map.of("range", "Z")).reason()).contains("range 'Z' is not a range of the room");
        assertThat(start.handle("c-6", Map.of("columns", List.of("seven"))).reason()).contains("'seven', not a column number");
    }

    /** A box read every second at its place is refreshed once a minute, in a later commit; a new place is written at once. */
    @Test
    void lastSeenIsWrittenWhenItChangesPlaceAndOnceAMinuteOtherwise() throws Exception {
        load(CATALOGUE);
        ReadIngest ingest = new ReadIngest(warehouse, inventories, new org.storeroom.rfid.core.Antennas(new String[] {
                "shelf-7:1=C07-A", "shelf-7:2=C07-B"}, ShelvingLayout.DEMO));
        Epc b1 = new Epc("E28011600000000000000001");
        for (long at = 0; at < 180_000; at += 1000) {
            ingest.ingest(List.of(new org.storeroom.rfid.core.TagRead("shelf-7", 1, b1, -50, at)));
        }
        // Written at 0 s; the refresh due at 60 s went with the reads of the second after (61 s), the next
        // one a minute after that (122 s).
        assertThat(ingest.stats()).as("at 0, 61 and 122 s").containsEntry("seenWrites", 3L);
        assertThat(warehouse.locate("B-1").get(0).seenMs()).isEqualTo(122_000L);
        // A refresh waiting when reading stops is written by a flush (the component's stop).
        ingest.ingest(List.of(new org.storeroom.rfid.core.TagRead("shelf-7", 1, b1, -50, 183_000)));
        assertThat(warehouse.locate("B-1").get(0).seenMs()).isEqualTo(122_000L);
        ingest.flush();
        assertThat(warehouse.locate("B-1").get(0).seenMs()).isEqualTo(183_000L);
        // Seen on the other side: written at once.
        ingest.ingest(List.of(new org.storeroom.rfid.core.TagRead("shelf-7", 2, b1, -40, 183_500)));
        assertThat(warehouse.locate("B-1").get(0).seenAt()).isEqualTo("C07-B");
        assertThat(warehouse.locate("B-1").get(0).seenMs()).isEqualTo(183_500L);
    }

    /** A box taken off its shelf while the shelf's antenna goes on reading its neighbours departs, in its trail. */
    @Test
    void aBoxNoLongerReadWhileItsNeighboursAreDepartsInItsWhereabouts() throws Exception {
        load(CATALOGUE);
        ReadIngest ingest = new ReadIngest(warehouse, inventories, new org.storeroom.rfid.core.Antennas(new String[] {
                "shelf-7:1=C07-A"}, ShelvingLayout.DEMO));
        Epc b1 = new Epc("E28011600000000000000001");
        Epc b2 = new Epc("E28011600000000000000002");
        ingest.ingest(List.of(new org.storeroom.rfid.core.TagRead("shelf-7", 1, b1, -50, 0),
                new org.storeroom.rfid.core.TagRead("shelf-7", 1, b2, -55, 0)));
        // The reader is down for an hour: nothing departs.
        ingest.ingest(List.of(new org.storeroom.rfid.core.TagRead("shelf-7", 1, b2, -55, 3_600_000)));
        assertThat(warehouse.whereabouts("box:B-1")).extracting(Warehouse.Trail::what).doesNotContain("departed");
        // Back, it reads B-2 but no longer B-1: ten minutes on, B-1 has departed.
        for (long at = 3_600_000; at <= 4_210_000; at += 10_000) {
            ingest.ingest(List.of(new org.storeroom.rfid.core.TagRead("shelf-7", 1, b2, -55, at)));
        }
        List<Warehouse.Trail> trail = warehouse.whereabouts("box:B-1");
        assertThat(trail).filteredOn(s -> s.what().equals("departed")).singleElement().satisfies(s -> {
            assertThat(s.place()).isEqualTo("C07-A");
            assertThat(s.note()).isEqualTo("not read at C07-A for 10 min while it read others");
        });
        assertThat(warehouse.whereabouts("box:B-2")).extracting(Warehouse.Trail::what).doesNotContain("departed");
        assertThat(ingest.stats().get("departed")).isEqualTo(1L);
    }

    /** While range A moves, reads elsewhere do not move its boxes; once it stands, its tags arrive afresh. */
    @Test
    void shelfMotionPausesLocationsAndTheRangeIsReadAfreshAfterwards() throws Exception {
        load(CATALOGUE);
        ReadIngest ingest = new ReadIngest(warehouse, inventories, new org.storeroom.rfid.core.Antennas(new String[] {
                "shelf-7:1=C07-A", "shelf-8:1=C08-B"}, ShelvingLayout.DEMO));
        Epc b1 = new Epc("E28011600000000000000001");
        ingest.ingest(List.of(new org.storeroom.rfid.core.TagRead("shelf-7", 1, b1, -70, 0)));
        ingest.columnMotion(5, 1, 10, true);
        assertThat(ingest.pausedRanges()).containsExactly("A");
        List<org.storeroom.rfid.core.TagRead> strongerElsewhere = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            strongerElsewhere.add(new org.storeroom.rfid.core.TagRead("shelf-8", 1, b1, -40, i * 100L));
        }
        assertThat(ingest.ingest(strongerElsewhere).moves()).isZero();
        ingest.columnMotion(5, 1, 12, false);
        assertThat(ingest.pausedRanges()).isEmpty();
        ingest.columnMotion(5, 1, 11, true); // an older "moving" delivered late
        assertThat(ingest.pausedRanges()).isEmpty();
        ingest.columnMotion(6, 1, 40, false); // a standing column's heartbeat
        ingest.columnMotion(5, 1, 12, false);
        assertThat(ingest.pausedRanges()).as("heartbeats of a standing range pause nothing").isEmpty();
        // Read afresh: the first read after the motion is an arrival, not a move.
        assertThat(ingest.ingest(List.of(new org.storeroom.rfid.core.TagRead("shelf-8", 1, b1, -40, 9000))).moves()).isZero();
        assertThat(warehouse.whereabouts("box:B-1")).extracting(Warehouse.Trail::what).doesNotContain("moved");
    }

    /**
     * The cart changes aisles only when the shelving moves: an antenna that then misses the new aisle's
     * location tag counts nothing, rather than counting a box of the new aisle at the old one.
     */
    @Test
    void theCartCountsNothingAfterTheShelvingMovedUntilItReadsALocationTag() throws Exception {
        load(CATALOGUE);
        ReadIngest ingest = new ReadIngest(warehouse, inventories, new org.storeroom.rfid.core.Antennas(new String[] {"cart:1=cart"},
                ShelvingLayout.DEMO));
        var session = inventories.start("columns 7, 8", List.of(7, 8), "user:li.wei");
        Epc b2 = new Epc("E28011600000000000000002");
        Epc b3 = new Epc("E28011600000000000000003");
        ingest.ingest(List.of(new org.storeroom.rfid.core.TagRead("cart", 1, org.storeroom.rfid.core.LocationTags.of(7, 'B'), -40, 1000),
                new org.storeroom.rfid.core.TagRead("cart", 1, b2, -50, 1100)));
        assertThat(inventories.session(session.id()).found()).isEqualTo(1);
        // The aisle closes and the next opens (the range moves); the antenna's first report misses the new tag.
        ingest.columnMotion(8, 1, 10, true);
        ingest.columnMotion(8, 1, 11, false);
        ingest.ingest(List.of(new org.storeroom.rfid.core.TagRead("cart", 1, b3, -50, 20_000)));
        assertThat(ingest.stats()).containsEntry("cartReadsWithoutPlace", 1L);
        ingest.ingest(List.of(new org.storeroom.rfid.core.TagRead("cart", 1, org.storeroom.rfid.core.LocationTags.of(8, 'A'), -40, 21_000),
                new org.storeroom.rfid.core.TagRead("cart", 1, b3, -50, 21_100)));
        Map<String, Object> report = inventories.finish(session.id(), "user:li.wei");
        assertThat(report).containsEntry("foundCount", 2).containsEntry("misplaced", List.of());
    }

    /** The departure time is the configuration's: a minute here, not the default ten. */
    @Test
    void aBoxDepartsAfterTheConfiguredTime() throws Exception {
        load(CATALOGUE);
        WarehouseComponent component = new WarehouseComponent(warehouse, new String[] {"shelf-7:1=C07-A"}, java.time.Duration.ofMinutes(1));
        try {
            Epc b1 = new Epc("E28011600000000000000001");
            Epc neighbour = new Epc("E2801160FFFF");
            component.ingest().ingest(List.of(new org.storeroom.rfid.core.TagRead("shelf-7", 1, b1, -50, 1000)));
            long at = 1000;
            for (; at <= 60_000; at += 10_000) {
                component.ingest().ingest(List.of(new org.storeroom.rfid.core.TagRead("shelf-7", 1, neighbour, -60, at)));
            }
            assertThat(warehouse.whereabouts("box:B-1")).extracting(Warehouse.Trail::what).doesNotContain("departed");
            for (; at <= 72_000; at += 10_000) {
                component.ingest().ingest(List.of(new org.storeroom.rfid.core.TagRead("shelf-7", 1, neighbour, -60, at)));
            }
            assertThat(warehouse.whereabouts("box:B-1")).extracting(Warehouse.Trail::what).endsWith("departed");
        } finally {
            component.deactivate();
        }
    }

    /** A shelf reader over LLRP, configured as the component reads its configuration: its reads arrive as last seen. */
    @Test
    void anLlrpReaderFeedsTheWarehouse() throws Exception {
        load(CATALOGUE);
        WarehouseComponent component = new WarehouseComponent(warehouse, new String[] {"shelf-7:1=C07-A"});
        try (org.storeroom.simulator.LlrpReaderEmulator reader = new org.storeroom.simulator.LlrpReaderEmulator(
                new java.net.InetSocketAddress("127.0.3.7", 0),
                () -> List.of(new org.storeroom.simulator.LlrpReaderEmulator.Sighting(1, "E28011600000000000000001", -48)), 20)) {
            component.readLlrp("shelf-7=127.0.3.7:" + reader.address().getPort());
            org.storeroom.testing.Await.until("B-1 seen by the LLRP reader", 10_000, () -> {
                try {
                    return warehouse.locate("B-1").get(0).seenAt().equals("C07-A");
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(component.check().details().get("llrpReaders").toString()).contains("shelf-7").contains("state=reading");
            assertThatThrownBy(() -> component.readLlrp("shelf-8")).hasMessageContaining("is not NAME=HOST[:PORT]");
        } finally {
            component.deactivate();
        }
    }

    /** A reader's HTTP event stream, configured as the component reads its configuration: its reads arrive as last seen. */
    @Test
    void anHttpStreamReaderFeedsTheWarehouse() throws Exception {
        load(CATALOGUE);
        WarehouseComponent component = new WarehouseComponent(warehouse, new String[] {"shelf-9:2=C07-A"});
        try (org.storeroom.simulator.ImpinjStreamEmulator reader = new org.storeroom.simulator.ImpinjStreamEmulator(
                new java.net.InetSocketAddress("127.0.3.9", 0), "shelf-9", "root", "impinj",
                () -> List.of(new org.storeroom.simulator.ImpinjStreamEmulator.Sighting(2, "E28011600000000000000001", -45)), 20)) {
            component.readHttpStream("shelf-9=" + reader.url(), "root", "impinj", 5000);
            org.storeroom.testing.Await.until("B-1 seen through the HTTP stream", 10_000, () -> {
                try {
                    return warehouse.locate("B-1").get(0).seenAt().equals("C07-A");
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(component.check().details().get("httpStreamReaders").toString()).contains("shelf-9").contains("state=streaming");
            assertThatThrownBy(() -> component.readHttpStream("shelf-10", "", "", 5000)).hasMessageContaining("is not NAME=URL");
            assertThatThrownBy(() -> component.readHttpStream("shelf-10=ftp://x/y", "", "", 5000))
                    .hasMessage("httpStreamReaders entry 'shelf-10=ftp://x/y': 'ftp://x/y' is not an http:// or https:// URL");
            assertThatThrownBy(() -> component.readHttpStream("shelf-10=http://root:impinj@x/y", "", "", 5000))
                    .hasMessageContaining("not in the URL").hasMessageNotContaining("impinj");
        } finally {
            component.deactivate();
        }
    }

    /**
     * The inventory cart over LLRP in the aisle between columns 7 and 8: each antenna looks where the
     * location tag it reads says, its reads count for that column, and the location tags are no boxes.
     */
    @Test
    void theCartCountsWhereItsLocationTagsSay() throws Exception {
        load(CATALOGUE);
        WarehouseComponent component = new WarehouseComponent(warehouse, new String[] {"cart:1=cart", "cart:2=cart"});
        var session = component.inventories().start("columns 7, 8", List.of(7, 8), "user:li.wei");
        try (org.storeroom.simulator.LlrpReaderEmulator cart = new org.storeroom.simulator.LlrpReaderEmulator(
                new java.net.InetSocketAddress("127.0.3.2", 0), () -> List.of(
                        new org.storeroom.simulator.LlrpReaderEmulator.Sighting(1, org.storeroom.rfid.core.LocationTags.of(7, 'B').hex(), -40),
                        new org.storeroom.simulator.LlrpReaderEmulator.Sighting(1, "E28011600000000000000002", -50),
                        new org.storeroom.simulator.LlrpReaderEmulator.Sighting(2, org.storeroom.rfid.core.LocationTags.of(8, 'A').hex(), -40),
                        new org.storeroom.simulator.LlrpReaderEmulator.Sighting(2, "E28011600000000000000003", -52)), 20)) {
            component.readLlrp("cart=127.0.3.2:" + cart.address().getPort());
            org.storeroom.testing.Await.until("B-2 and B-3 counted", 10_000, () -> {
                try {
                    return component.inventories().session(session.id()).found() == 2;
                } catch (Exception e) {
                    return false;
                }
            });
            Map<String, Object> report = component.inventories().finish(session.id(), "user:li.wei");
            assertThat(report).containsEntry("foundCount", 2).containsEntry("misplaced", List.of()).containsEntry("unexpected", List.of());
            assertThat(report.get("missing").toString()).as("B-1 faces the other aisle").contains("archiveNo=B-1").doesNotContain("B-2");
            assertThat(warehouse.locate("B-2").get(0).seenAt()).isEqualTo("C07-B");
            assertThat(warehouse.locate("B-3").get(0).seenAt()).isEqualTo("C08-A");
            assertThat(component.ingest().stats()).containsEntry("badLocationTags", 0L);
        } finally {
            component.deactivate();
        }
    }

    @Test
    void anInventoryFindsMissingMisplacedAndUnexpected() throws Exception {
        load(CATALOGUE);
        var session = inventories.start("columns 7", List.of(7), "user:li.wei");
        assertThat(session.expected()).isEqualTo(2);
        assertThatThrownBy(() -> inventories.start("range A", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), "user:zhao"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("column 7 is already being counted");
        // B-1 read at 7 (home), B-3 (home column 8) read at 7, an unknown tag; B-2 never read.
        assertThat(inventories.read(7, List.of(new Epc("E28011600000000000000001"), new Epc("E28011600000000000000003"),
                new Epc("E2801160FFFFFFFFFFFFFFFF")), 1000)).isEqualTo(3);
        assertThat(inventories.read(7, List.of(new Epc("E28011600000000000000001")), 2000)).isZero();
        assertThat(inventories.read(12, List.of(new Epc("E28011600000000000000002")), 2000)).isZero();
        assertThat(inventories.session(session.id()).found()).isEqualTo(1);

        // The open session survives a restart of the component.
        Inventories again = new Inventories(warehouse);
        assertThat(again.session(session.id()).read()).isEqualTo(3);
        Map<String, Object> report = again.finish(session.id(), "user:li.wei");
        assertThat(report.get("foundCount")).isEqualTo(1);
        assertThat((List<?>) report.get("missing")).hasSize(1);
        assertThat(report.get("misplaced").toString()).contains("B-3").contains("seenColumn=7");
        assertThat(report.get("unexpected")).isEqualTo(List.of("E2801160FFFFFFFFFFFFFFFF"));
        assertThat(again.report(session.id())).hasToString(report.toString()); // stored as JSON: numbers come back as int
        assertThatThrownBy(() -> again.finish(session.id(), "x")).hasMessageContaining("already finished");
        assertThat(warehouse.whereabouts("box:B-2")).extracting(Warehouse.Trail::what).containsExactly("inventory-missing");
        assertThat(outboxCount("events/inventory")).isEqualTo(2);
    }

    /**
     * A session whose start has committed but is not yet among the open sessions (the instant between the
     * two, which a panel listing inventories can hit) is listed as just started, not as a failure.
     */
    @Test
    void aSessionCommittedAnInstantAgoIsListedAsJustStarted() throws Exception {
        store.write(c -> {
            try (var st = c.createStatement()) {
                st.executeUpdate("INSERT INTO wh_inventory(scope, columns, started_by, started_ts, expected)"
                        + " VALUES ('range A', '1,2,3', 'user:wang.fang', 1000, 12)");
            }
            return null;
        });
        List<Inventories.Session> recent = inventories.recent(20);
        assertThat(recent).hasSize(1);
        assertThat(recent.get(0).scope()).isEqualTo("range A");
        assertThat(recent.get(0).read()).isZero();
        assertThat(recent.get(0).found()).isZero();
        assertThat(recent.get(0).expected()).isEqualTo(12);
    }
}
