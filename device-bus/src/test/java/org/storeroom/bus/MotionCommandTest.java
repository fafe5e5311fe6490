package org.storeroom.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MotionCommandTest {
    private final BusCodec codec = BusCodec.get();

    private MotionCommand json(String s) {
        return codec.decode(s.getBytes(StandardCharsets.UTF_8), BusCodec.JSON, MotionCommand.class);
    }

    @Test
    void shouldReadEachActionFromJson() {
        assertThat(json("{\"action\":\"MOVE\",\"id\":7,\"targetMm\":4800,\"leaseMs\":300}")).isEqualTo(MotionCommand.move(7, 4800, 300));
        assertThat(json("{\"action\":\"RENEW\",\"id\":7,\"targetMm\":null,\"leaseMs\":300}")).isEqualTo(MotionCommand.renew(7, 300));
        assertThat(json("{\"action\":\"STOP\",\"id\":0,\"targetMm\":null,\"leaseMs\":null}")).isEqualTo(MotionCommand.stop());
    }

    @Test
    void shouldNameTheFieldOfABadCommand() {
        assertThatThrownBy(() -> json("{\"action\":\"MOVE\",\"id\":7,\"targetMm\":4800,\"leaseMs\":60000}"))
                .isInstanceOf(PayloadException.class).hasMessage("leaseMs: 60000 is outside 50..5000");
        assertThatThrownBy(() -> json("{\"action\":\"MOVE\",\"id\":7,\"targetMm\":null,\"leaseMs\":300}"))
                .isInstanceOf(PayloadException.class).hasMessage("targetMm: is missing");
        assertThatThrownBy(() -> json("{\"action\":\"JUMP\",\"id\":7,\"targetMm\":1,\"leaseMs\":300}"))
                .isInstanceOf(PayloadException.class).extracting(e -> ((PayloadException) e).field()).isEqualTo("action");
        assertThatThrownBy(() -> json("{\"action\":\"RENEW\",\"id\":0,\"targetMm\":null,\"leaseMs\":300}"))
                .isInstanceOf(PayloadException.class).hasMessage("id: 0 is below 1");
    }

    @Test
    void shouldRoundTripInCbor() {
        MotionCommand m = MotionCommand.move(99, 5700, 250);
        assertThat(codec.decode(codec.encode(m, BusCodec.CBOR), BusCodec.CBOR, MotionCommand.class)).isEqualTo(m);
    }

    /** Fuzz: nothing that arrives is anything but a valid command or a PayloadException. */
    @Property(tries = 5000)
    void arbitraryBytesAreAValidCommandOrRefusedByField(@ForAll @Size(max = 200) byte[] bytes, @ForAll boolean cbor) {
        try {
            MotionCommand c = codec.decode(bytes, cbor ? BusCodec.CBOR : BusCodec.JSON, MotionCommand.class);
            if (c.action() == MotionCommand.Action.MOVE) {
                assertThat(c.leaseMs()).isBetween(MotionCommand.MIN_LEASE_MS, MotionCommand.MAX_LEASE_MS);
            }
        } catch (PayloadException e) {
            assertThat(e.field()).isNotBlank();
        }
    }

    @Property(tries = 5000)
    void mutatedMovesAreValidOrRefusedByField(@ForAll int position, @ForAll char c) {
        byte[] b = codec.encode(MotionCommand.move(12, 3000, 300), BusCodec.JSON);
        b[Math.floorMod(position, b.length)] = (byte) c;
        try {
            MotionCommand m = codec.decode(b, BusCodec.JSON, MotionCommand.class);
            assertThat(m.action()).isNotNull();
        } catch (PayloadException e) {
            assertThat(e.getMessage()).startsWith(e.field() + ": ");
        }
    }
}
