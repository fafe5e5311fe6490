package org.storeroom.node.column;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storeroom.testing.Await.until;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.node.column.PositionMemory.Saved;

class PositionMemoryTest {
    @TempDir
    Path dir;

    @Test
    void aMovementIsRecordedAtItsStartAndThePlaceOnlyOnceTheCarriageHasSettled() throws Exception {
        Path file = dir.resolve("position");
        try (PositionMemory m = PositionMemory.at(file)) {
            assertThat(m.load()).isEmpty();
            m.observe(true, 1200, 0);
            until("the start of the movement is on file", 5000, () -> m.load().equals(Optional.of(new Saved(1200, false))));
            m.observe(true, 1700, 2000);
            m.observe(false, 1745, 2020); // motor off, coasting
            m.observe(false, 1750, 2040);
            m.observe(false, 1750, 2040 + PositionMemory.SETTLE_MS - 1);
            assertThat(m.wanted()).as("not settled yet").isEqualTo(new Saved(1200, false));
            m.observe(true, 1750, 2600); // moves again before settling: still moving on file
            assertThat(m.wanted()).isEqualTo(new Saved(1200, false));
            m.observe(false, 1800, 3000);
            m.observe(false, 1800, 3000 + PositionMemory.SETTLE_MS);
            until("the place at rest is on file", 5000, () -> m.load().equals(Optional.of(new Saved(1800, true))));
        }
        assertThat(PositionMemory.at(file).load()).as("kept for the next start").contains(new Saved(1800, true));
        assertThat(PositionMemory.at(file).atStart()).as("read once, when opened").contains(new Saved(1800, true));
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).as("replaced whole, nothing beside it").containsExactly("position");
        }
    }

    @Test
    void aFileThatCannotBeTrustedIsNotUsed() throws Exception {
        Path file = dir.resolve("position");
        for (String bad : new String[] {"", "positionMm=12\n", "positionMm=x\natRest=true\n", "positionMm=-5\natRest=true\n",
                "positionMm=99999999\natRest=true\n", "positionMm=12\natRest=maybe\n"}) {
            Files.writeString(file, bad);
            assertThat(PositionMemory.at(file).load()).as("'%s'", bad).isEmpty();
        }
        Files.writeString(file, "positionMm=640\natRest=false\n");
        assertThat(PositionMemory.at(file).load()).contains(new Saved(640, false));
    }

    /** Whatever a damaged card leaves in the file, the board starts: with a position in range, or none. */
    @Test
    void aDamagedFileNeverStopsTheBoardFromStarting() throws Exception {
        Path file = dir.resolve("position");
        java.util.Random rnd = new java.util.Random(20261203L);
        byte[] good = "positionMm=1750\natRest=true\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < 2000; i++) {
            byte[] b = java.util.Arrays.copyOf(good, rnd.nextInt(good.length + 8));
            for (int k = rnd.nextInt(4); k > 0 && b.length > 0; k--) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            Files.write(file, b);
            Optional<Saved> s = PositionMemory.at(file).load();
            s.ifPresent(v -> assertThat(v.positionMm()).isBetween(0, org.storeroom.bus.ColumnState.MAX_RAIL_MM));
        }
    }
}
