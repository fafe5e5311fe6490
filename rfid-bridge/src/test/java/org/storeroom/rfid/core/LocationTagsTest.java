package org.storeroom.rfid.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.storeroom.rfid.api.Epc;

/** The shelving's location tags, and where they put the cart's antennas. */
class LocationTagsTest {
    @Test
    void aLocationTagNamesItsColumnSide() {
        Epc c07a = LocationTags.of(7, 'A');
        assertThat(c07a.hex()).isEqualTo("4C4F430000070A0000000000");
        assertThat(LocationTags.place(c07a)).contains("C07-A");
        assertThat(LocationTags.place(LocationTags.of(45, 'B'))).contains("C45-B");
        assertThat(LocationTags.place(new Epc("E28011600000000000000001"))).isEmpty();
        assertThat(LocationTags.isLocationTag(new Epc("E28011600000000000000001"))).isFalse();
        // In the range but malformed: a location tag all the same (never a box), placing nothing.
        Epc bad = new Epc("4C4F430000070C0000000000");
        assertThat(LocationTags.isLocationTag(bad)).isTrue();
        assertThat(LocationTags.place(bad)).isEmpty();
        assertThatThrownBy(() -> LocationTags.of(0, 'A')).hasMessage("no location tag for column 0 side A");
    }

    @Test
    void anAntennaLooksWhereItsLastLocationTagSaysUntilItForgets() {
        CartPosition cart = new CartPosition();
        assertThat(cart.where("cart:1", 0)).isNull();
        cart.locationTag("cart:1", "C07-A", 1000);
        assertThat(cart.where("cart:1", 2000)).isEqualTo(new CartPosition.Looking("C07-A", 7, 1000));
        assertThat(cart.where("cart:2", 2000)).as("each antenna its own").isNull();
        cart.locationTag("cart:1", "C08-B", 5000);
        cart.locationTag("cart:1", "C07-A", 4000); // late, from before: ignored
        assertThat(cart.where("cart:1", 6000).place()).isEqualTo("C08-B");
        assertThat(cart.where("cart:1", 5000 + CartPosition.FORGET_AFTER_MS + 1)).isNull();
    }

    @Test
    void anAntennaForgetsWhereItLooksWhenThatShelvingMoves() {
        CartPosition cart = new CartPosition();
        cart.locationTag("cart:1", "C07-B", 1000);
        cart.locationTag("cart:2", "C28-A", 1000);
        assertThat(cart.forget(place -> place.startsWith("C07"))).isEqualTo(1);
        assertThat(cart.where("cart:1", 2000)).isNull();
        assertThat(cart.where("cart:2", 2000).place()).as("another range's aisle").isEqualTo("C28-A");
        cart.locationTag("cart:1", "C06-B", 3000);
        assertThat(cart.where("cart:1", 3000).column()).isEqualTo(6);
    }

    @Provide
    Arbitrary<String> hex() {
        Arbitrary<String> near = Arbitraries.strings().withChars("0123456789ABCDEF").ofLength(16).map(t -> "4C4F4300" + t);
        Arbitrary<String> any = Arbitraries.integers().between(1, 31)
                .flatMap(n -> Arbitraries.strings().withChars("0123456789ABCDEF").ofLength(4 * n));
        return Arbitraries.oneOf(near, any);
    }

    /** Any EPC: a place only for a well-formed location tag, whose EPC it gives back; never an exception. */
    @Property(tries = 3000)
    void anyEpcIsAPlaceOnlyWhenWellFormed(@ForAll("hex") String hex) {
        Epc epc = new Epc(hex);
        LocationTags.place(epc).ifPresent(place -> {
            assertThat(LocationTags.isLocationTag(epc)).isTrue();
            assertThat(LocationTags.of(Integer.parseInt(place.substring(1, place.indexOf('-'))), place.charAt(place.length() - 1)))
                    .isEqualTo(epc);
        });
    }
}
