package org.storeroom.rfid.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.storeroom.rfid.api.StoragePoint.Side;

class StoragePointTest {
    @Test
    void shouldParseAndFormatTheCanonicalCode() {
        StoragePoint p = StoragePoint.parse("c7-a-b3-l2-s5");
        assertThat(p).isEqualTo(new StoragePoint(7, Side.A, 3, 2, 5));
        assertThat(p.code()).isEqualTo("C07-A-B03-L2-S05");
        assertThat(p.label()).isEqualTo("07列 A面 03节 2层 05号");
    }

    @Test
    void shouldNameTheCodeAndTheFieldWhenOutOfRange() {
        assertThatThrownBy(() -> StoragePoint.parse("C07-A-B00-L2-S05"))
                .hasMessage("storage point 'C07-A-B00-L2-S05': bay 0 is outside 1..99");
        assertThatThrownBy(() -> StoragePoint.parse("07 A 3 2 5"))
                .hasMessage("storage point '07 A 3 2 5' is not of the form C07-A-B03-L2-S05");
    }

    @Test
    void shouldOrderAlongTheRoom() {
        assertThat(StoragePoint.parse("C01-B-B01-L1-S01")).isLessThan(StoragePoint.parse("C02-A-B01-L1-S01"));
        assertThat(StoragePoint.parse("C02-A-B01-L1-S01")).isLessThan(StoragePoint.parse("C02-B-B01-L1-S01"));
    }

    @Property(tries = 2000)
    void everyPointSurvivesItsCode(@ForAll @IntRange(min = 1, max = 999) int column, @ForAll Side side,
            @ForAll @IntRange(min = 1, max = 99) int bay, @ForAll @IntRange(min = 1, max = 99) int layer,
            @ForAll @IntRange(min = 1, max = 999) int slot) {
        StoragePoint p = new StoragePoint(column, side, bay, layer, slot);
        assertThat(StoragePoint.parse(p.code())).isEqualTo(p);
    }

    @Property(tries = 3000)
    void anyTextIsParsedOrRefusedNamingIt(@ForAll String text) {
        try {
            StoragePoint p = StoragePoint.parse(text);
            assertThat(StoragePoint.parse(p.code())).isEqualTo(p);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("storage point '" + text + "'");
        }
    }
}
