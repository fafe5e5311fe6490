package org.storeroom.rfid.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.storeroom.rfid.api.Epc;
import org.storeroom.rfid.api.StoragePoint;

class ReconciliationTest {
    private static Epc epc(int i) {
        return new Epc(String.format("E280%020X", i));
    }

    /**
     * Every expected box is found or missing or misplaced, exactly once; every tag read is found,
     * misplaced or unexpected, exactly once; and each verdict agrees with where it was read.
     */
    @Property(tries = 200)
    void everyBoxAndEveryReadHasExactlyOneVerdict(@ForAll @IntRange(min = 0, max = 300) int boxes,
                                                  @ForAll @IntRange(min = 1, max = 1_000_000) int seed) {
        Random random = new Random(seed);
        List<Reconciliation.Box> expected = new ArrayList<>();
        Map<Epc, Reconciliation.Box> elsewhere = new HashMap<>();
        for (int i = 0; i < boxes; i++) {
            Reconciliation.Box b = new Reconciliation.Box(epc(i), "B" + i, new StoragePoint(7 + random.nextInt(3),
                    StoragePoint.Side.A, 1, 1, 1 + i % 12), false);
            if (random.nextInt(5) == 0) {
                elsewhere.put(b.epc(), b); // home outside the count
            } else {
                expected.add(b);
            }
        }
        Map<Epc, Integer> seen = new HashMap<>();
        for (int i = 0; i < boxes + 20; i++) {
            if (random.nextInt(3) > 0) {
                seen.put(epc(i), 7 + random.nextInt(3));
            }
        }
        Reconciliation r = Reconciliation.of(expected, seen, e -> Optional.ofNullable(elsewhere.get(e)));

        Set<Epc> verdicts = new HashSet<>();
        r.found().forEach(b -> assertThat(verdicts.add(b.epc())).isTrue());
        r.missing().forEach(b -> assertThat(verdicts.add(b.epc())).isTrue());
        r.misplaced().forEach(m -> assertThat(verdicts.add(m.box().epc())).isTrue());
        r.unexpected().forEach(e -> assertThat(verdicts.add(e)).isTrue());
        expected.forEach(b -> assertThat(verdicts).contains(b.epc()));
        assertThat(verdicts).containsAll(seen.keySet());

        r.found().forEach(b -> assertThat(seen.get(b.epc())).isEqualTo(b.point().column()));
        r.missing().forEach(b -> assertThat(seen).doesNotContainKey(b.epc()));
        r.misplaced().forEach(m -> {
            assertThat(m.seenColumn()).isEqualTo(seen.get(m.box().epc()));
            assertThat(m.seenColumn() != m.box().point().column() || elsewhere.containsKey(m.box().epc())).isTrue();
        });
        r.unexpected().forEach(e -> assertThat(elsewhere).doesNotContainKey(e));
        assertThat(r.found().size() + r.missing().size() + r.misplaced().size() + r.unexpected().size())
                .isEqualTo(verdicts.size());
    }
}
