package org.storeroom.rfid.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class IsoTimeTest {

    @Property(tries = 3000)
    void readsEveryUtcInstantAsInstantParseDoes(@ForAll @LongRange(min = -30_000_000_000L, max = 250_000_000_000L) long second,
                                                @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                                @ForAll @IntRange(min = 0, max = 9) int digits) {
        StringBuilder t = new StringBuilder(Instant.ofEpochSecond(second).toString());
        t.setLength(19);
        if (digits > 0) {
            t.append('.').append(String.format("%09d", nanos), 0, digits);
        }
        t.append('Z');
        String s = t.toString();
        assertThat(IsoTime.utc(s)).as(s).isNotEqualTo(Long.MIN_VALUE).isEqualTo(Instant.parse(s).toEpochMilli());
    }

    @Property(tries = 5000)
    void aMangledTimeIsReadOrRefusedAsInstantParseDoes(@ForAll("mangled") String s) {
        Long expected;
        try {
            expected = Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            expected = null;
        }
        if (expected == null) {
            assertThat(IsoTime.utc(s)).as(s).isEqualTo(Long.MIN_VALUE);
            assertThatThrownBy(() -> IsoTime.epochMillis(s)).as(s).isInstanceOf(DateTimeParseException.class);
        } else {
            assertThat(IsoTime.epochMillis(s)).as(s).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<String> mangled() {
        Arbitrary<String> base = Arbitraries.of("2026-11-24T09:30:00.123456Z", "2024-02-29T23:59:59Z", "2023-02-28T00:00:00.5Z",
                "1999-12-31T23:59:60Z", "2026-11-24T09:30:00+08:00", "2026-11-24t09:30:00z", "2026-04-30T12:00:00.000000000Z");
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 29);
        Arbitrary<Character> ch = Arbitraries.of('0', '1', '2', '3', '9', '-', ':', '.', 'T', 'Z', ' ', '/', '٣');
        return net.jqwik.api.Combinators.combine(base, at, ch, Arbitraries.integers().between(0, 2))
                .as((b, i, c, how) -> {
                    if (i >= b.length()) {
                        return b + c;
                    }
                    return switch (how) {
                        case 0 -> b.substring(0, i) + c + b.substring(i + 1); // replace
                        case 1 -> b.substring(0, i) + b.substring(i + 1); // delete
                        default -> b.substring(0, i) + c + b.substring(i); // insert
                    };
                });
    }

    @Test
    void leavesOtherShapesToTheGeneralParser() {
        assertThat(IsoTime.utc("2026-11-24T17:30:00+08:00")).isEqualTo(Long.MIN_VALUE);
        assertThat(IsoTime.epochMillis("2026-11-24T17:30:00+08:00")).isEqualTo(Instant.parse("2026-11-24T09:30:00Z").toEpochMilli());
        assertThat(IsoTime.utc("2023-02-29T00:00:00Z")).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> IsoTime.epochMillis("2023-02-29T00:00:00Z")).isInstanceOf(DateTimeParseException.class);
    }
}
