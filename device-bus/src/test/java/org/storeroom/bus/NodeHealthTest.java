package org.storeroom.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeHealthTest {
    @Test
    void shouldRoundTripAndTellHealthyFromFaulty() {
        NodeHealth ok = new NodeHealth("column-3", NodeKind.COLUMN, "column-node 0.1.0", 9, 1200, List.of());
        NodeHealth bad = new NodeHealth("sensor-1", NodeKind.SENSOR, "sensor-node 0.1.0", 9, 1200, List.of("SHT4x CRC"));
        BusCodec codec = BusCodec.get();
        assertThat(codec.decode(codec.encode(ok, BusCodec.CBOR), BusCodec.CBOR, NodeHealth.class)).isEqualTo(ok);
        assertThat(ok.healthy()).isTrue();
        assertThat(bad.healthy()).isFalse();
    }

    @Test
    void shouldNameAnEmptyNodeId() {
        assertThatThrownBy(() -> new NodeHealth("", NodeKind.COLUMN, "fw", 1, 0, List.of()))
                .isInstanceOf(PayloadException.class).hasMessage("node: length 0 is outside 1..64");
    }

    @Test
    void shouldRefuseTooManyFaults() {
        List<String> many = java.util.Collections.nCopies(33, "x");
        assertThatThrownBy(() -> new NodeHealth("n", NodeKind.COLUMN, "fw", 1, 0, many))
                .hasMessage("faults: 33 entries, at most 32");
    }
}
