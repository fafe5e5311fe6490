package org.storeroom.rfid.internal.llrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.storeroom.rfid.core.TagRead;
import org.storeroom.simulator.LlrpReaderEmulator;
import org.storeroom.testing.Await;

/** The gateway's LLRP client against a simulated reader on its own loopback address, over real TCP. */
class LlrpReaderTest {
    private static final String BOX = "E28011600000000000000001";
    private static final String FILE_128 = "E28011600000000000000000000000A7";

    @Test
    void readsReportsAndComesBackAfterTheReaderVanishesOrSpeaksGarbage() throws Exception {
        List<LlrpReaderEmulator.Sighting> sees = List.of(new LlrpReaderEmulator.Sighting(1, BOX, -50),
                new LlrpReaderEmulator.Sighting(2, FILE_128, -62));
        Map<String, TagRead> last = new ConcurrentHashMap<>();
        AtomicLong count = new AtomicLong();
        try (LlrpReaderEmulator reader = new LlrpReaderEmulator(new InetSocketAddress("127.0.3.1", 0), () -> sees, 20);
             LlrpReader client = new LlrpReader("shelf-7", reader.address(), reads -> {
                 reads.forEach(r -> last.put(r.epc().hex(), r));
                 count.addAndGet(reads.size());
             })) {
            Await.until("reads of both tags", 10_000, () -> last.size() == 2);
            assertThat(last.get(BOX).antenna()).isEqualTo(1);
            assertThat(last.get(BOX).reader()).isEqualTo("shelf-7");
            assertThat(last.get(BOX).rssiDbm()).isBetween(-53.0, -47.0);
            assertThat(last.get(FILE_128).antenna()).isEqualTo(2);
            assertThat(Math.abs(last.get(BOX).atMs() - System.currentTimeMillis())).isLessThan(10_000);
            assertThat(client.reading()).isTrue();

            // A second client is refused: the reader says a connection exists.
            try (LlrpReader other = new LlrpReader("shelf-7b", reader.address(), r -> { })) {
                Await.until("the second client refused", 10_000, () -> other.stats().get("lastError").toString().contains("refused the connection"));
            }

            reader.dropConnection();
            Await.until("reconnected after the reader vanished", 10_000, () -> (Long) client.stats().get("connects") == 2 && client.reading());
            long before = count.get();
            Await.until("reads again", 10_000, () -> count.get() > before);

            reader.sendGarbage();
            Await.until("reconnected after a broken frame", 10_000, () -> (Long) client.stats().get("connects") == 3 && client.reading());
            assertThat(reader.connections()).isGreaterThanOrEqualTo(3);
        }
    }
}
