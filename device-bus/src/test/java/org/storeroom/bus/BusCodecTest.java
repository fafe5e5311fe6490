package org.storeroom.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BusCodecTest {
    private final BusCodec codec = BusCodec.get();

    private static ColumnState sample() {
        return new ColumnState(7, "column-node 0.1.0", 42L, 3, 1800, 2700, Motion.MOVING_FORWARD,
                false, true, false, "obstruction rear", 250, List.of("encoder drift"), 3, 0, false, true);
    }

    @Test
    void shouldRoundTripColumnStateInJsonAndCbor() {
        ColumnState s = sample();
        assertThat(codec.decode(codec.encode(s, BusCodec.JSON), BusCodec.JSON, ColumnState.class)).isEqualTo(s);
        assertThat(codec.decode(codec.encode(s, BusCodec.CBOR), BusCodec.CBOR, ColumnState.class)).isEqualTo(s);
    }

    @Test
    void shouldWriteTheDocumentedJsonFieldNames() {
        String json = new String(codec.encode(sample(), BusCodec.JSON), StandardCharsets.UTF_8);
        assertThat(json).contains("\"column\":7", "\"positionMm\":1800", "\"motion\":\"MOVING_FORWARD\"",
                "\"latchedStop\":\"obstruction rear\"", "\"leaseRemainingMs\":250");
    }

    @Test
    void shouldIgnoreUnknownFieldsFromNewerNodes() {
        String json = new String(codec.encode(sample(), BusCodec.JSON), StandardCharsets.UTF_8)
                .replace("{", "{\"futureField\":[1,2,3],");
        assertThat(codec.decode(json.getBytes(StandardCharsets.UTF_8), BusCodec.JSON, ColumnState.class))
                .isEqualTo(sample());
    }

    @Test
    void shouldNameTheFieldThatIsOutOfRange() {
        String json = new String(codec.encode(sample(), BusCodec.JSON), StandardCharsets.UTF_8)
                .replace("\"positionMm\":1800", "\"positionMm\":-5");
        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8), BusCodec.JSON, ColumnState.class))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("positionMm")
                .hasMessageContaining("-5")
                .extracting(e -> ((PayloadException) e).field()).isEqualTo("positionMm");
    }

    @Test
    void shouldRefuseAStateThatOmitsTheObstructionInputs() {
        String json = new String(codec.encode(sample(), BusCodec.JSON), StandardCharsets.UTF_8)
                .replace("\"obstructionFront\":false,", "");
        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8), BusCodec.JSON, ColumnState.class))
                .isInstanceOf(PayloadException.class)
                .extracting(e -> ((PayloadException) e).field()).isEqualTo("obstructionFront");
    }

    @Test
    void shouldRefuseWrongTypesAndUnknownMotion() {
        String json = new String(codec.encode(sample(), BusCodec.JSON), StandardCharsets.UTF_8)
                .replace("\"MOVING_FORWARD\"", "\"SIDEWAYS\"");
        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8), BusCodec.JSON, ColumnState.class))
                .isInstanceOf(PayloadException.class).hasMessageContaining("motion");
    }

    @Test
    void shouldRefuseUnsupportedContentFormatsAndOversizedPayloads() {
        assertThatThrownBy(() -> codec.decode(new byte[] {1}, 0, ColumnState.class))
                .isInstanceOf(PayloadException.class).hasMessageContaining("content-format").hasMessageContaining("0");
        assertThatThrownBy(() -> codec.decode(new byte[BusCodec.MAX_PAYLOAD + 1], BusCodec.JSON, ColumnState.class))
                .isInstanceOf(PayloadException.class).hasMessageContaining("4097 bytes");
        assertThatThrownBy(() -> codec.decode(new byte[0], BusCodec.CBOR, NodeHealth.class))
                .isInstanceOf(PayloadException.class).hasMessageContaining("empty");
    }

    @Property(tries = 2000)
    void anyStateSurvivesBothEncodings(@ForAll("states") ColumnState s) {
        assertThat(codec.decode(codec.encode(s, BusCodec.JSON), BusCodec.JSON, ColumnState.class)).isEqualTo(s);
        assertThat(codec.decode(codec.encode(s, BusCodec.CBOR), BusCodec.CBOR, ColumnState.class)).isEqualTo(s);
    }

    /** Fuzz: whatever arrives, decoding either yields a valid record or a PayloadException, never anything else. */
    @Property(tries = 5000)
    void arbitraryBytesNeverEscapeAsAnythingButPayloadException(
            @ForAll @Size(max = 300) byte[] bytes, @ForAll boolean cbor) {
        int format = cbor ? BusCodec.CBOR : BusCodec.JSON;
        try {
            ColumnState s = codec.decode(bytes, format, ColumnState.class);
            assertThat(s.column()).isBetween(1, 999);
        } catch (PayloadException expected) {
            assertThat(expected.field()).isNotBlank();
        }
    }

    /** Fuzz closer to the real thing: a valid JSON state with one character mutated. */
    @Property(tries = 5000)
    void mutatedJsonStatesAreAcceptedValidOrRefusedByField(@ForAll("states") ColumnState s,
            @ForAll int position, @ForAll char replacement) {
        byte[] bytes = codec.encode(s, BusCodec.JSON);
        bytes[Math.floorMod(position, bytes.length)] = (byte) replacement;
        try {
            ColumnState decoded = codec.decode(bytes, BusCodec.JSON, ColumnState.class);
            assertThat(decoded.positionMm()).isBetween(0, ColumnState.MAX_RAIL_MM);
        } catch (PayloadException expected) {
            assertThat(expected.getMessage()).startsWith(expected.field() + ": ");
        }
    }

    @Provide
    Arbitrary<ColumnState> states() {
        Arbitrary<Integer> column = Arbitraries.integers().between(1, 999);
        Arbitrary<Integer> pos = Arbitraries.integers().between(0, ColumnState.MAX_RAIL_MM);
        Arbitrary<Integer> target = Arbitraries.integers().between(0, ColumnState.MAX_RAIL_MM).injectNull(0.3);
        Arbitrary<Motion> motion = Arbitraries.of(Motion.class);
        Arbitrary<String> latch = Arbitraries.strings().ofMinLength(1).ofMaxLength(40).injectNull(0.7);
        Arbitrary<List<String>> faults = Arbitraries.strings().ofMinLength(1).ofMaxLength(20).list().ofMaxSize(3);
        return Combinators.combine(column, pos, target, motion, latch, faults,
                        Arbitraries.longs().greaterOrEqual(0), Arbitraries.of(true, false))
                .as((c, p, t, m, l, f, seq, flag) -> new ColumnState(c, "fw 1.0", seq ^ 77, seq, p, t, m,
                        flag, !flag, flag, l, flag ? 300 : 0, f, seq % 7, seq % 3, flag, !flag));
    }
}
