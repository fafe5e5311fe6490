package org.storeroom.rfid.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.storeroom.rfid.api.StoragePoint;

class ShelvingLayoutTest {
    private final ShelvingLayout demo = ShelvingLayout.DEMO;

    @Test
    void eachSideOpensTheAisleItFaces() {
        // Range A: column 1 fixed (rail index 0), column 2 at index 1 ... column 9 at index 8.
        assertThat(demo.access(StoragePoint.parse("C01-B-B01-L1-S01")).orElseThrow().id()).isEqualTo("A-1");
        assertThat(demo.access(StoragePoint.parse("C02-A-B01-L1-S01")).orElseThrow().id()).isEqualTo("A-1");
        assertThat(demo.access(StoragePoint.parse("C02-B-B01-L1-S01")).orElseThrow().id()).isEqualTo("A-2");
        assertThat(demo.access(StoragePoint.parse("C09-B-B06-L6-S12")).orElseThrow().id()).isEqualTo("A-9");
        assertThat(demo.access(StoragePoint.parse("C10-B-B01-L1-S01")).orElseThrow().id()).isEqualTo("B-1");
        assertThat(demo.access(StoragePoint.parse("C46-B-B01-L1-S01"))).isEmpty();
    }

    @Test
    void namesWhyAPointIsNotInTheRoom() {
        assertThat(demo.problem(StoragePoint.parse("C01-A-B01-L1-S01"))).hasValueSatisfying(
                s -> assertThat(s).contains("fixed column").contains("no side A"));
        assertThat(demo.problem(StoragePoint.parse("C46-B-B01-L1-S01"))).hasValueSatisfying(s -> assertThat(s).contains("column 46"));
        assertThat(demo.problem(StoragePoint.parse("C05-B-B07-L1-S01"))).hasValueSatisfying(s -> assertThat(s).contains("bay 7"));
        assertThat(demo.problem(StoragePoint.parse("C05-B-B01-L7-S01"))).hasValueSatisfying(s -> assertThat(s).contains("layer 7"));
        assertThat(demo.problem(StoragePoint.parse("C05-B-B01-L1-S13"))).hasValueSatisfying(s -> assertThat(s).contains("slot 13"));
        assertThat(demo.problem(StoragePoint.parse("C05-A-B06-L6-S12"))).isEmpty();
    }

    @Test
    void countsEveryPointOnce() {
        // 5 ranges x (1 single-sided fixed column + 8 double-sided) x 6 bays x 6 layers x 12 slots.
        assertThat(demo.pointCount()).isEqualTo(5L * 17 * 6 * 6 * 12);
        assertThat(DemoCatalogue.points(demo)).hasSize((int) demo.pointCount()).doesNotHaveDuplicates();
    }

    @Test
    void aColumnInTwoRangesIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ShelvingLayout(
                org.storeroom.shelf.api.RangeSpec.parse(new String[] {"A:1-9", "B:9-12"}), 6, 6, 12, true))
                .hasMessageContaining("column 9 is in range A and in range B");
    }
}
