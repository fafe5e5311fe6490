package org.storeroom.rfid.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EpcTest {
    @Test
    void shouldNormaliseToUpperCaseHex() {
        assertThat(new Epc(" e28011052000 7a3b ".replace(" ", "")).hex()).isEqualTo("E280110520007A3B");
    }

    @Test
    void shouldNameTheBadCharacterAndItsPosition() {
        assertThatThrownBy(() -> new Epc("E28G")).hasMessage("EPC 'E28G' has a non-hex character 'G' at position 4");
        assertThatThrownBy(() -> new Epc("E28")).hasMessage("EPC 'E28' has 3 hex digits; expected a multiple of 4 from 4 to 124");
    }

    @Property(tries = 2000)
    void bytesRoundTrip(@ForAll @Size(min = 1, max = 31) byte[] words) {
        byte[] bytes = new byte[words.length * 2];
        System.arraycopy(words, 0, bytes, 0, words.length);
        assertThat(Epc.of(bytes).bytes()).isEqualTo(bytes);
    }

    @Property(tries = 3000)
    void anyTextIsAcceptedOrRefusedNamingIt(@ForAll String text) {
        try {
            assertThat(new Epc(text).hex()).matches("[0-9A-F]{4,124}");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("EPC");
        }
    }
}
