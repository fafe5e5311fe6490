package org.storeroom.gateway.internal.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The outbox's event stamps read exactly as the JDK writes an instant, whatever the second and its fraction. */
class InstantTextTest {
    private final InstantText text = new InstantText();

    @Property(tries = 20_000)
    void writesWhatTheJdkWrites(@ForAll("instants") Instant t) {
        assertThat(text.format(t)).isEqualTo(t.toString());
    }

    /** Runs of instants within one second and across the next, as a burst of events brings them. */
    @Property(tries = 2_000)
    void keepsTheSecondOnlyWhileItLasts(@ForAll("instants") Instant t, @ForAll("nanos") int step) {
        for (int i = 0; i < 5; i++) {
            Instant next = t.plusNanos((long) step * i);
            assertThat(text.format(next)).isEqualTo(next.toString());
        }
    }

    @Test
    void leavesInstantsBefore1970AndAfter9999ToTheJdk() {
        for (Instant t : new Instant[] {Instant.EPOCH.minusNanos(1), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.MAX, Instant.MIN, Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.EPOCH}) {
            assertThat(text.format(t)).isEqualTo(t.toString());
        }
    }

    @Provide
    Arbitrary<Instant> instants() {
        // The edges of a minute, a day and the formatter's range; this century; and far on either side.
        Arbitrary<Long> seconds = Arbitraries.oneOf(
                Arbitraries.of(0L, 1L, 59L, 60L, 86_399L, 86_400L, 253_402_300_799L, 253_402_300_800L, -1L),
                Arbitraries.longs().between(1_700_000_000L, 1_900_000_000L),
                Arbitraries.longs().between(-100_000_000_000L, 300_000_000_000L));
        return seconds.flatMap(s -> nanos().map(n -> Instant.ofEpochSecond(s, n)));
    }

    /** Whole seconds, milli-, micro- and nanosecond fractions, each with and without leading zeros. */
    @Provide
    Arbitrary<Integer> nanos() {
        return Arbitraries.oneOf(Arbitraries.just(0),
                Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
                Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.of(1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 999_999_999));
    }
}
