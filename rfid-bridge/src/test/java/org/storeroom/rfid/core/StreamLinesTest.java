package org.storeroom.rfid.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Whole lines out of a stream, however its bytes are cut. */
class StreamLinesTest {
    @Test
    void linesAcrossChunksAndAnOverlongLineDropped() {
        StreamLines s = new StreamLines(8);
        List<String> out = new ArrayList<>();
        byte[] b = "ab\ncd".getBytes(StandardCharsets.UTF_8);
        s.take(b, 0, b.length, l -> out.add(new String(l, StandardCharsets.UTF_8)));
        assertThat(out).containsExactly("ab");
        assertThat(s.pending()).isEqualTo(2);
        byte[] c = "e\n0123456789\nok\n".getBytes(StandardCharsets.UTF_8);
        s.take(c, 0, c.length, l -> out.add(new String(l, StandardCharsets.UTF_8)));
        assertThat(out).containsExactly("ab", "cde", "ok");
        assertThat(s.tooLong()).isEqualTo(1);
    }

    @Provide
    Arbitrary<byte[]> streams() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(400),
                Arbitraries.strings().withChars("ab{}\":,\n").ofMaxLength(400).map(x -> x.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Any bytes cut anywhere: the lines given are exactly the stream's lines of at most the limit, in order,
     * and every longer one is counted.
     */
    @Property(tries = 2000)
    void anyCutGivesTheSameLines(@ForAll("streams") byte[] stream, @ForAll("cuts") List<Integer> cuts) {
        int max = 16;
        StreamLines s = new StreamLines(max);
        List<byte[]> got = new ArrayList<>();
        int at = 0;
        for (int cut : cuts) {
            int n = Math.min(cut, stream.length - at);
            s.take(stream, at, n, got::add);
            at += n;
        }
        s.take(stream, at, stream.length - at, got::add);
        List<String> expected = new ArrayList<>();
        long overlong = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (byte b : stream) {
            if (b == '\n') {
                if (line.size() <= max) {
                    expected.add(hex(line.toByteArray()));
                } else {
                    overlong++;
                }
                line.reset();
            } else {
                line.write(b);
            }
        }
        // An unfinished long line has already been counted; an unfinished short one waits.
        overlong += line.size() > max ? 1 : 0;
        assertThat(got.stream().map(StreamLinesTest::hex).toList()).isEqualTo(expected);
        assertThat(s.tooLong()).isEqualTo(overlong);
        assertThat(s.pending()).isEqualTo(line.size() > max ? 0 : line.size());
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 50).list().ofMaxSize(20);
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
