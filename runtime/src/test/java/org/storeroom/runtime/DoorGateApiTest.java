package org.storeroom.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.simulator.ShelfContents;
import org.storeroom.simulator.SimulatedGate;
import org.storeroom.testing.Await;

/**
 * The simulated room's door gate, an LLRP reader on 127.0.3.1, wired to the real gateway as the demo is:
 * a box checked out and carried out is a step of its whereabouts, one carried out without a loan is an
 * alarm, and a returned box carried back in is seen coming in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoorGateApiTest {
    private static final String BOX_1 = "box:0435-DK·2012-Y-00001";
    private static final String BOX_2 = "box:0435-DK·2012-Y-00002";
    private static final String BOX_3 = "box:0435-DK·2012-Y-00003";
    private TestRoom test;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        test = TestRoom.start(dir, "door gate admin pw");
        String csv = "archive_no,box_epc,point,file_no,title,borrower_id,contract_no\n"
                + "0435-DK·2012-Y-00001," + ShelfContents.demoBoxEpc(1) + ",C07-A-B01-L1-S01,,,,\n"
                + "0435-DK·2012-Y-00002," + ShelfContents.demoBoxEpc(2) + ",C07-A-B01-L1-S02,,,,\n"
                + "0435-DK·2012-Y-00003," + ShelfContents.demoBoxEpc(3) + ",C07-A-B01-L1-S03,,,,\n";
        test.importCatalogue(csv);
        test.awaitReaderReading(SimulatedGate.READER);
    }

    @AfterAll
    void stop() {
        if (test != null) {
            test.close();
        }
    }

    private JsonNode trail(ApiBrowser b, String item) {
        try {
            return b.get("/api/v1/whereabouts?item=" + URLEncoder.encode(item, StandardCharsets.UTF_8)).path("trail");
        } catch (Exception e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private boolean hasStep(ApiBrowser b, String item, String what, String note) {
        for (JsonNode s : trail(b, item)) {
            if (s.path("what").asText().equals(what) && s.path("note").asText().equals(note)) {
                return true;
            }
        }
        return false;
    }

    /** The door scenarios name boxes as the demo catalogue numbers them: the same tags. */
    @Test
    void theDemoBoxesCarryTheTagsTheGateReads() {
        String[] lines = org.storeroom.rfid.core.DemoCatalogue.csv(org.storeroom.rfid.core.ShelvingLayout.DEMO, 500, 0, 2012).split("\n");
        assertThat(lines).hasSize(501);
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            int box = Integer.parseInt(f[0].substring(f[0].lastIndexOf('-') + 1));
            assertThat(f[1]).as(f[0]).isEqualTo(ShelfContents.demoBoxEpc(box));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimulatedGate.parse("carry-away:1@3"))
                .hasMessage("'carry-away:1@3' is not carry-out:BOX@SECONDS or carry-in:BOX@SECONDS, e.g. carry-out:42@30");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimulatedGate.parse("carry-out:0@3"))
                .hasMessage("'carry-out:0@3': the demo room's boxes are numbered from 1");
    }

    @Test
    void checkedOutThroughTheDoorReturnedAndAnExitWithoutALoan() throws Exception {
        ApiBrowser archivist = test.as("li.wei");
        HttpResponse<String> out = archivist.send("POST", "/api/v1/loans", "{\"item\":\"" + BOX_1 + "\",\"borrower\":\"Wang Fang\"}");
        assertThat(out.statusCode()).as(out.body()).isEqualTo(201);
        test.room.gate().play(SimulatedGate.parse("carry-out:1@0"));
        Await.until("box 1 seen going out on loan", 15_000, () -> hasStep(archivist, BOX_1, "gate-out", "on loan"));

        test.room.gate().play(SimulatedGate.parse("carry-out:2@0"));
        Await.until("box 2 seen leaving without a loan", 15_000,
                () -> hasStep(archivist, BOX_2, "gate-out", "left the room without a check-out"));

        // Box 3 was lent earlier (it left before the gate was fitted); returned, it is carried back in. (A box
        // is not seen passing again until it has been away from the door for 8 s, so not box 1 at once.)
        assertThat(archivist.send("POST", "/api/v1/loans", "{\"item\":\"" + BOX_3 + "\",\"borrower\":\"Li Na\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> back = archivist.send("POST", "/api/v1/loans/return", "{\"item\":\"" + BOX_3 + "\"}");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        test.room.gate().play(SimulatedGate.parse("carry-in:3@0"));
        Await.until("box 3 seen coming back in", 15_000, () -> hasStep(archivist, BOX_3, "gate-in", ""));
        assertThat(trail(archivist, BOX_3).toString()).doesNotContain("left the room without a check-out");
    }
}
