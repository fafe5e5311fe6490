package org.storeroom.gateway.internal.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class AckedSeqsTest {

    /** Whatever order acknowledgements come in, repeated or not, a take holds each once, ascending, and empties it. */
    @Property(tries = 500)
    void takesEverySeqOnceInOrder(@ForAll @Size(max = 5000) List<@LongRange(min = 1, max = 3000) Long> acks) {
        AckedSeqs acked = new AckedSeqs();
        acks.forEach(acked::add);
        assertThat(acked.size()).isEqualTo(acks.size());
        long[] taken = acked.take();
        assertThat(taken).containsExactly(new TreeSet<>(acks).stream().mapToLong(Long::longValue).toArray());
        assertThat(acked.size()).isZero();
        assertThat(acked.take()).isEmpty();
    }

    /** A batch whose delete failed comes back with the next one. */
    @Property(tries = 200)
    void restoredSeqsAreTakenAgain(@ForAll @Size(max = 200) List<@LongRange(min = 1, max = 500) Long> first,
                                   @ForAll @Size(max = 200) List<@LongRange(min = 1, max = 500) Long> later) {
        AckedSeqs acked = new AckedSeqs();
        first.forEach(acked::add);
        long[] failed = acked.take();
        later.forEach(acked::add);
        acked.restore(failed);
        TreeSet<Long> all = new TreeSet<>(first);
        all.addAll(later);
        assertThat(acked.take()).containsExactly(all.stream().mapToLong(Long::longValue).toArray());
    }
}
