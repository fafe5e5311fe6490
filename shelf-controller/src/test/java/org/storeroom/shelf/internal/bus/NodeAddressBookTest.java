package org.storeroom.shelf.internal.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class NodeAddressBookTest {
    @Test
    void shouldParseEntriesInColumnOrder() {
        var nodes = NodeAddressBook.parse(new String[] {"12=coap://127.0.1.12:5683", " 3 = coap://10.0.0.3 ", ""});
        assertThat(nodes.keySet()).containsExactly(3, 12);
        assertThat(nodes.get(12)).isEqualTo(URI.create("coap://127.0.1.12:5683"));
    }

    @Test
    void shouldNameTheBadEntry() {
        assertThatThrownBy(() -> NodeAddressBook.parse(new String[] {"x=coap://a"}))
                .hasMessage("columnNodes entry 'x=coap://a': column is not a number");
        assertThatThrownBy(() -> NodeAddressBook.parse(new String[] {"4=http://a"}))
                .hasMessage("columnNodes entry '4=http://a': scheme must be coap or coaps");
        assertThatThrownBy(() -> NodeAddressBook.parse(new String[] {"4=coap://a", "4=coap://b"}))
                .hasMessage("columnNodes: column 4 is listed twice");
        assertThatThrownBy(() -> NodeAddressBook.parse(new String[] {"1000=coap://a"}))
                .hasMessageContaining("column 1000 is outside 1..999");
    }

    @Property(tries = 3000)
    void anyEntryIsParsedOrRefusedWithItsTextNamed(@ForAll String entry) {
        try {
            var nodes = NodeAddressBook.parse(new String[] {entry});
            nodes.forEach((c, u) -> assertThat(u.getScheme()).isIn("coap", "coaps"));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("columnNodes");
        }
    }
}
