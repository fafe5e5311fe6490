package org.storeroom.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.simulator.RoomLayout;
import org.storeroom.simulator.ShelfContents;
import org.storeroom.simulator.ShelfContents.Face;
import org.storeroom.simulator.SimulatedShelfReader;
import org.storeroom.testing.Await;

/**
 * Fixed shelf antennas on column 7's two faces, an LLRP reader of the simulated room, through the real
 * gateway: a box is last seen on the face it stands on, and one moved to the other face is a step of
 * its whereabouts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShelfAntennasTest {
    private static final String BOX_1 = "0435-DK·2012-Y-00001";
    private static final Face C07_A = new Face(7, 'A');
    private static final Face C07_B = new Face(7, 'B');
    private TestRoom test;
    private ApiBrowser archivist;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        test = TestRoom.start(dir, "shelf antennas admin pw", room -> room.shelfReader().fit(List.of(C07_A, C07_B)));
        String csv = "archive_no,box_epc,point,file_no,title,borrower_id,contract_no\n"
                + BOX_1 + "," + ShelfContents.demoBoxEpc(1) + ",C07-A-B01-L1-S01,,,,\n"
                + "0435-DK·2012-Y-00002," + ShelfContents.demoBoxEpc(2) + ",C07-A-B01-L1-S02,,,,\n"
                + "0435-DK·2012-Y-00003," + ShelfContents.demoBoxEpc(3) + ",C07-B-B01-L1-S01,,,,\n";
        test.importCatalogue(csv);
        test.room.shelves().place(C07_A, ShelfContents.demoBoxEpc(1));
        test.room.shelves().place(C07_A, ShelfContents.demoBoxEpc(2));
        test.room.shelves().place(C07_B, ShelfContents.demoBoxEpc(3));
        archivist = test.as("li.wei");
    }

    @AfterAll
    void stop() {
        if (test != null) {
            test.close();
        }
    }

    private JsonNode located(String archiveNo) {
        try {
            return archivist.get("/api/v1/locate?q=" + URLEncoder.encode(archiveNo, StandardCharsets.UTF_8)).path("hits").path(0);
        } catch (Exception e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private boolean movedTo(String archiveNo, String place) {
        try {
            JsonNode trail = archivist.get("/api/v1/whereabouts?item=" + URLEncoder.encode("box:" + archiveNo, StandardCharsets.UTF_8)).path("trail");
            for (JsonNode s : trail) {
                if (s.path("what").asText().equals("moved") && s.toString().contains(place)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aBoxIsSeenWhereItStandsAndAMoveIsAStepOfItsWhereabouts() {
        assertThat(test.room.shelfReader().antennasConfig()).containsExactly("shelf:1=C07-A", "shelf:2=C07-B");
        Await.until("box 1 seen on C07-A", 20_000, () -> located(BOX_1).path("seenAt").asText().equals("C07-A"));
        Await.until("box 3 seen on C07-B", 20_000, () -> located("0435-DK·2012-Y-00003").path("seenAt").asText().equals("C07-B"));

        // Someone puts box 1 on the other face: read there, and no longer where it was, it has moved.
        test.room.shelves().place(C07_B, ShelfContents.demoBoxEpc(1));
        Await.until("box 1's move to C07-B in its whereabouts", 60_000, () -> movedTo(BOX_1, "C07-B"));
        assertThat(located(BOX_1).path("seenAt").asText()).isEqualTo("C07-B");
        assertThat(movedTo("0435-DK·2012-Y-00002", "C07-B")).as("box 2 stayed").isFalse();
    }

    @Test
    void aFaceHasOneAntennaAndAReaderDrivesSixtyFourAtMost() {
        SimulatedShelfReader r = test.room.shelfReader();
        assertThatThrownBy(() -> r.fit(List.of(C07_A))).hasMessage("face C07-A already has a shelf antenna");
        List<Face> many = Main.rangeFaces(new RoomLayout(90, 0), 1);
        assertThat(many).hasSize(17).startsWith(new Face(1, 'B'), new Face(2, 'A')).endsWith(new Face(9, 'B'));
        List<Face> tooMany = new java.util.ArrayList<>();
        for (int n = 2; n <= 5; n++) {
            tooMany.addAll(Main.rangeFaces(new RoomLayout(90, 0), n));
        }
        assertThatThrownBy(() -> r.fit(tooMany)).hasMessage("70 shelf antennas are more than one reader drives (64)");
        assertThat(r.antennasConfig()).as("nothing fitted by a refused fit").hasSize(2);
    }
}
