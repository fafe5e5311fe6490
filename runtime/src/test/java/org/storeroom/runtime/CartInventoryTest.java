package org.storeroom.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.rfid.core.DemoCatalogue;
import org.storeroom.rfid.core.ShelvingLayout;
import org.storeroom.simulator.RoomLayout;
import org.storeroom.simulator.ShelfContents;
import org.storeroom.simulator.ShelfContents.Face;
import org.storeroom.simulator.SimulatedCart;
import org.storeroom.testing.Await;

/**
 * An inventory (盘点) counted by the simulated inventory cart, an LLRP reader pushed along the aisles the
 * shelving opens, through the real gateway: what really stands on the shelves is found, what is not is
 * missing, a box on the wrong column is misplaced and a tag the index does not know is unexpected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CartInventoryTest {
    private static final String BOX = "0435-DK·2012-Y-0000";
    private TestRoom test;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        test = TestRoom.start(dir, "cart admin pw");
        String csv = "archive_no,box_epc,point,file_no,title,borrower_id,contract_no\n"
                + BOX + "1," + ShelfContents.demoBoxEpc(1) + ",C08-A-B01-L1-S01,,,,\n"
                + BOX + "2," + ShelfContents.demoBoxEpc(2) + ",C08-B-B01-L1-S01,,,,\n"
                + BOX + "3," + ShelfContents.demoBoxEpc(3) + ",C08-B-B01-L1-S02,,,,\n"
                + BOX + "4," + ShelfContents.demoBoxEpc(4) + ",C05-A-B01-L1-S01,,,,\n"
                + BOX + "5," + ShelfContents.demoBoxEpc(5) + ",C07-B-B01-L1-S01,,,,\n";
        test.importCatalogue(csv);
        // What really stands there: box 3 is not on its shelf, box 4 stands on column 8 instead of 5, and a
        // tag the index does not know stands among column 8's boxes.
        ShelfContents shelves = test.room.shelves();
        shelves.place(new Face(8, 'A'), ShelfContents.demoBoxEpc(1));
        shelves.place(new Face(8, 'A'), ShelfContents.demoBoxEpc(4));
        shelves.place(new Face(8, 'B'), ShelfContents.demoBoxEpc(2));
        shelves.place(new Face(8, 'B'), ShelfContents.demoBoxEpc(99));
        shelves.place(new Face(7, 'B'), ShelfContents.demoBoxEpc(5));
        test.awaitReaderReading(SimulatedCart.READER);
        test.room.cart().follow(true);
    }

    @AfterAll
    void stop() {
        if (test != null) {
            test.close();
        }
    }

    private void openAndWaitForTheCart(ApiBrowser archivist, String aisle, int passesBefore) throws Exception {
        HttpResponse<String> open = archivist.send("POST", "/api/v1/aisles/" + aisle + "/open", null);
        assertThat(open.statusCode()).as(open.body()).isEqualTo(202);
        Await.until("the cart along aisle " + aisle + " and back", 60_000, () -> test.room.cart().passes() > passesBefore);
    }

    @Test
    void theCartCountsWhatReallyStandsOnTheColumnsCounted() throws Exception {
        ApiBrowser archivist = test.as("li.wei");
        HttpResponse<String> started = archivist.send("POST", "/api/v1/inventory", "{\"columns\":[8]}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        long id = ApiBrowser.json(started).path("id").asLong();
        assertThat(ApiBrowser.json(started).path("expected").asInt()).isEqualTo(3);

        // Column 8's side B faces aisle A-8, its side A aisle A-7: the cart goes along each as it opens (the
        // range starts with aisle A-9 open, so column 9 moves, then column 8).
        openAndWaitForTheCart(archivist, "A-8", 0);
        JsonNode halfway = archivist.get("/api/v1/inventory/" + id);
        assertThat(halfway.path("found").asInt()).as(halfway.toString()).isEqualTo(1);
        openAndWaitForTheCart(archivist, "A-7", 1);
        JsonNode counted = archivist.get("/api/v1/inventory/" + id);
        assertThat(counted.path("found").asInt()).as(counted.toString()).isEqualTo(2);
        assertThat(counted.path("read").asInt()).as("box 1, 2 and 4 and the stranger; never the location tags").isEqualTo(4);

        JsonNode report = ApiBrowser.json(archivist.send("POST", "/api/v1/inventory/" + id + "/finish", "{}"));
        List<String> found = new ArrayList<>();
        report.path("found").forEach(n -> found.add(n.asText()));
        assertThat(found).containsExactlyInAnyOrder(BOX + "1", BOX + "2");
        assertThat(archiveNos(report.path("missing"))).containsExactly(BOX + "3");
        assertThat(report.path("misplaced").size()).as(report.toString()).isEqualTo(1);
        assertThat(report.path("misplaced").get(0).toString()).contains(BOX + "4");
        assertThat(report.path("unexpected").get(0).asText()).isEqualTo(ShelfContents.demoBoxEpc(99));
        // Box 5 was read on column 7, which nobody counted: it is no part of the report.
        assertThat(report.toString()).doesNotContain(BOX + "5");
    }

    private static List<String> archiveNos(JsonNode boxes) {
        List<String> out = new ArrayList<>();
        boxes.forEach(b -> out.add(b.path("archiveNo").asText()));
        return out;
    }

    /** The simulated shelves hold the demo catalogue's boxes on the very faces the catalogue names. */
    @Test
    void theDemoShelvesHoldWhatTheDemoCatalogueSays() {
        ShelfContents shelves = new ShelfContents();
        shelves.fillWithDemoHoldings(RoomLayout.DEMO);
        String[] lines = DemoCatalogue.csv(ShelvingLayout.DEMO, DemoCatalogue.BOXES, 0, 2012).split("\n");
        assertThat(lines).hasSize(ShelfContents.DEMO_BOXES + 1);
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            Face home = shelves.home(f[1]);
            assertThat(home).as(f[0] + " " + f[1]).isNotNull();
            assertThat(f[2]).as(f[0]).startsWith(home.toString() + "-");
        }
    }
}
