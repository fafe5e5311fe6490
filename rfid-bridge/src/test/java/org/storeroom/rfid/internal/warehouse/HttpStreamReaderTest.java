package org.storeroom.rfid.internal.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.storeroom.rfid.core.TagRead;
import org.storeroom.simulator.ImpinjStreamEmulator;
import org.storeroom.testing.Await;

/** A reader's HTTP event stream, against a reader serving it over real HTTP on loopback. */
class HttpStreamReaderTest {
    private static final String BOX = "E28011600000000000000001";
    private final List<TagRead> got = new CopyOnWriteArrayList<>();

    private static ImpinjStreamEmulator reader(String host) throws Exception {
        return new ImpinjStreamEmulator(new InetSocketAddress("127.0.3.20", 0), host, "root", "impinj",
                () -> List.of(new ImpinjStreamEmulator.Sighting(1, BOX, -52)), 20);
    }

    @Test
    void readsTheStreamAndOpensItAgainWhenTheReaderRestarts() throws Exception {
        try (ImpinjStreamEmulator r = reader("door-reader");
             HttpStreamReader s = new HttpStreamReader("door", URI.create(r.url()), "root", "impinj", 5000, got::addAll)) {
            Await.until("reads arrive", 10_000, () -> got.size() >= 5);
            TagRead first = got.get(0);
            assertThat(first.reader()).as("the event's host names the reader").isEqualTo("door-reader");
            assertThat(first.antenna()).isEqualTo(1);
            assertThat(first.epc().hex()).isEqualTo(BOX);
            assertThat(first.rssiDbm()).isBetween(-55.0, -49.0);
            assertThat(s.streaming()).isTrue();
            // A line that is not JSON is rejected and counted; the stream goes on.
            r.send("{\"timestamp\":");
            Await.until("the bad line counted", 5000, () -> (long) s.stats().get("rejectedEvents") == 1);
            int before = got.size();
            Await.until("reads go on", 5000, () -> got.size() > before);
            // The reader restarts: the stream ends and is opened again after the back-off.
            r.dropStreams();
            Await.until("the stream opened again", 10_000, () -> (long) s.stats().get("connects") == 2 && s.streaming());
            assertThat(s.stats().get("lastError")).isEqualTo("");
            assertThat(r.streams()).isEqualTo(2);
        }
    }

    @Test
    void aQuietStreamIsOpenedAgainAndKeepalivesKeepItOpen() throws Exception {
        try (ImpinjStreamEmulator r = new ImpinjStreamEmulator(new InetSocketAddress("127.0.3.20", 0), "quiet", "root", "impinj",
                List::of, 50);
             HttpStreamReader s = new HttpStreamReader("quiet", URI.create(r.url()), "root", "impinj", 2500, got::addAll)) {
            // Nothing seen: only keepalives, once a second; they are events, not reads, and the stream stays.
            Await.until("keepalives heard", 10_000, () -> (long) s.stats().get("events") >= 3);
            assertThat(s.stats().get("connects")).isEqualTo(1L);
            assertThat(got).isEmpty();
            // Now not even keepalives: dropped after 2.5 s and opened again.
            r.silence(true);
            Await.until("a quiet stream dropped", 10_000, () -> "nothing heard for 2500 ms".equals(s.stats().get("lastError")));
            r.silence(false);
            Await.until("opened again", 10_000, () -> (long) s.stats().get("connects") >= 2 && s.streaming());
        }
    }

    @Test
    void wrongCredentialsAreSaidAndNotLogged() throws Exception {
        try (ImpinjStreamEmulator r = reader("door");
             HttpStreamReader s = new HttpStreamReader("door", URI.create(r.url()), "root", "wrong", 5000, got::addAll)) {
            Await.until("refused", 10_000, () -> "the reader refused the credentials (HTTP 401)".equals(s.stats().get("lastError")));
            assertThat(s.streaming()).isFalse();
            assertThat(s.stats().toString()).doesNotContain("wrong");
            assertThat(r.streams()).isZero();
        }
    }

    @Test
    void closeReturnsWhileStreamingAndWhileNoReaderAnswers() throws Exception {
        ImpinjStreamEmulator r = reader("door");
        HttpStreamReader s = new HttpStreamReader("door", URI.create(r.url()), "root", "impinj", 5000, got::addAll);
        Await.until("streaming", 10_000, s::streaming);
        long t0 = System.nanoTime();
        s.close();
        assertThat((System.nanoTime() - t0) / 1_000_000).as("close while streaming, ms").isLessThan(3000);
        assertThat(s.stats().get("state")).isEqualTo("closed");
        r.close();
        HttpStreamReader gone = new HttpStreamReader("gone", URI.create(r.url()), "", "", 5000, got::addAll);
        Await.until("a refused connection reported", 10_000, () -> "the reader does not accept connections".equals(gone.stats().get("lastError")));
        t0 = System.nanoTime();
        gone.close();
        assertThat((System.nanoTime() - t0) / 1_000_000).as("close while backing off, ms").isLessThan(3000);
    }
}
