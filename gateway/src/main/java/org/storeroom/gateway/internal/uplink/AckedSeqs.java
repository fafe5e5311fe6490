package org.storeroom.gateway.internal.uplink;

import java.util.Arrays;

/**
 * The seqs the broker acknowledged and the outbox has not yet been asked to delete: appended by Paho's
 * callback thread, taken in sorted batches by the publisher. A primitive array under a lock, since one
 * arrives for every message sent (a concurrent skip list of boxed seqs took about a quarter of the publisher's Java time).
 */
final class AckedSeqs {
    private long[] seqs = new long[1024];
    private int count;

    synchronized void add(long seq) {
        if (count == seqs.length) {
            seqs = Arrays.copyOf(seqs, count * 2);
        }
        seqs[count++] = seq;
    }

    synchronized int size() {
        return count;
    }

    /** @return everything added since the last take, ascending and without repeats; this is then empty */
    synchronized long[] take() {
        long[] out = Arrays.copyOf(seqs, count);
        count = 0;
        if (seqs.length > 1 << 16) {
            seqs = new long[1024]; // a backlog's worth of array is not kept for good
        }
        Arrays.sort(out);
        int distinct = 0;
        for (int i = 0; i < out.length; i++) {
            if (i == 0 || out[i] != out[i - 1]) {
                out[distinct++] = out[i];
            }
        }
        return distinct == out.length ? out : Arrays.copyOf(out, distinct);
    }

    /** Puts back seqs taken whose deletion failed, to be deleted with the next batch. */
    synchronized void restore(long[] taken) {
        for (long s : taken) {
            add(s);
        }
    }
}
