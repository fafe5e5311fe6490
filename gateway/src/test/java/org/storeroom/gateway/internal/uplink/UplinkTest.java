package org.storeroom.gateway.internal.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.storeroom.testing.Await.until;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.gateway.api.StoreException;
import org.storeroom.gateway.api.SubsystemHealth.Status;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.testing.Mosquitto;

/** The outbox and its publisher against a real Mosquitto, with a real Paho subscriber as the central side. */
class UplinkTest {
    private static final String ROOT = "storeroom/v1/gjj/room-1";
    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private SqliteStore store;
    private OutboxTable outbox;

    @BeforeEach
    void openStore() throws Exception {
        store = SqliteStore.open(dir.resolve("gateway.db"), "NORMAL");
        outbox = OutboxTable.open(store, 2_000_000, Clock.systemUTC());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        store.close();
    }

    private <T extends AutoCloseable> T closing(T c) {
        open.add(c);
        return c;
    }

    private MqttPublisher publisher(UplinkSettings s) {
        return closing(new MqttPublisher(outbox, s, "0.1.0-test", Clock.systemUTC()).start());
    }

    private static UplinkSettings settings(Mosquitto broker) {
        return UplinkSettings.plain(broker.url(), "gjj", "room-1").withReconnect(50, 200);
    }

    /** Records {@code n} events of rotating types, {@code perTransaction} in each transaction. */
    private void record(int from, int n, int perTransaction) throws StoreException {
        String[] types = {"motion", "access", "whereabouts"};
        for (int i = from; i < from + n; i += perTransaction) {
            int first = i;
            store.write(c -> {
                for (int k = first; k < Math.min(first + perTransaction, from + n); k++) {
                    outbox.event(c, types[k % types.length], Map.of("n", k));
                }
                return null;
            });
        }
    }

    private long rows() throws StoreException {
        return store.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM uplink_outbox")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Per topic, the seqs after dropping repeats (same id): strictly increasing, and each id with one content. */
    private static Map<String, List<Long>> checkedStreams(List<Subscriber.Received> received) {
        Map<String, List<Long>> streams = new HashMap<>();
        Map<String, JsonNode> byId = new HashMap<>();
        for (Subscriber.Received r : received) {
            if (!r.topic().contains("/events/")) {
                continue;
            }
            String id = r.body().get("id").asText();
            JsonNode before = byId.putIfAbsent(id, r.body());
            if (before != null) {
                assertThat(r.body()).as("a repeat of " + id + " has the same content").isEqualTo(before);
                continue;
            }
            List<Long> seqs = streams.computeIfAbsent(r.topic(), t -> new ArrayList<>());
            long seq = r.body().get("seq").asLong();
            assertThat(seqs.isEmpty() ? 0 : seqs.get(seqs.size() - 1)).as("order on " + r.topic()).isLessThan(seq);
            seqs.add(seq);
        }
        return streams;
    }

    @Test
    void publishesEveryEventInOrderAndForgetsItOnceAcknowledged() throws Exception {
        Mosquitto broker = closing(Mosquitto.start(dir.resolve("broker")));
        Subscriber central = closing(new Subscriber(broker.url(), "central", false, ROOT + "/#"));
        MqttPublisher p = publisher(settings(broker));
        record(0, 3000, 100);
        until("3000 events at the central side", 20_000, () -> central.events().size() >= 3000);
        until("the outbox emptied", 5000, () -> outbox.queued() == 0);
        assertThat(rows()).isZero();
        List<JsonNode> events = central.events();
        assertThat(events).hasSize(3000);
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            assertThat(e.get("seq").asLong()).isEqualTo(i + 1);
            assertThat(e.get("id").asText()).isEqualTo(outbox.instance() + "-" + (i + 1));
            assertThat(e.get("data").get("n").asInt()).isEqualTo(i);
            assertThat(e.get("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        }
        assertThat(central.received().get(0).topic()).isEqualTo(ROOT + "/status");
        assertThat(central.received().get(0).body().get("state").asText()).isEqualTo("online");
        assertThat(central.received().stream().filter(r -> r.topic().equals(ROOT + "/events/access"))).hasSize(1000);
        assertThat(p.health().status()).isEqualTo(Status.UP);
        assertThat(p.health().details()).containsEntry("acknowledged", 3000L).containsEntry("queued", 0L);
    }

    @Test
    void moreCommittedAtOnceThanTheInMemoryHandOffHoldsIsReadBackFromTheTableInOrder() throws Exception {
        Mosquitto broker = closing(Mosquitto.start(dir.resolve("broker")));
        Subscriber central = closing(new Subscriber(broker.url(), "central", false, ROOT + "/#"));
        MqttPublisher p = publisher(settings(broker));
        until("connected", 10_000, () -> p.health().status() == Status.UP);
        record(0, 100, 10); // handed over in memory
        int big = OutboxTable.HANDOFF + 1000; // one commit past the hand-off's bound
        record(100, big, big);
        record(100 + big, 2000, 100); // and after the overflow, in memory again
        int all = 100 + big + 2000;
        until("everything at the central side", 60_000, () -> central.events().size() >= all);
        until("the outbox emptied", 10_000, () -> outbox.queued() == 0);
        List<JsonNode> events = central.events();
        assertThat(events).hasSize(all);
        for (int i = 0; i < all; i++) {
            assertThat(events.get(i).get("seq").asLong()).isEqualTo(i + 1);
            assertThat(events.get(i).get("data").get("n").asInt()).isEqualTo(i);
        }
        assertThat(rows()).isZero();
    }

    @Test
    void aRolledBackChangeSendsNothingAndItsSeqIsNeverReused() throws Exception {
        Mosquitto broker = closing(Mosquitto.start(dir.resolve("broker")));
        Subscriber central = closing(new Subscriber(broker.url(), "central", false, ROOT + "/#"));
        publisher(settings(broker));
        assertThatThrownBy(() -> store.write(c -> {
            outbox.event(c, "motion", Map.of("n", "rolled back"));
            throw new java.sql.SQLException("the change failed");
        })).isInstanceOf(StoreException.class);
        record(1, 1, 1);
        until("one event", 5000, () -> central.events().size() == 1);
        assertThat(central.events().get(0).get("data").get("n").asInt()).isEqualTo(1);
        assertThat(central.events().get(0).get("seq").asLong()).isEqualTo(2);
        until("forgotten once acknowledged", 5000, () -> outbox.queued() == 0);
    }

    @Test
    void seqContinuesAcrossRestartsEvenWithAnEmptyOutbox() throws Exception {
        record(0, 5, 5);
        outbox.forget(new long[] {1, 2, 3, 4, 5}); // all acknowledged
        assertThat(rows()).isZero();
        store.close();
        store = SqliteStore.open(dir.resolve("gateway.db"), "NORMAL");
        outbox = OutboxTable.open(store, 2_000_000, Clock.systemUTC());
        long seq = store.write(c -> outbox.event(c, "audit", Map.of()));
        assertThat(seq).isEqualTo(6);
    }

    @Test
    void anOutageLosesNothingAndTheBacklogDrainsInOrder() throws Exception {
        // The broker keeps the central side's session across its own clean restart, as a production broker would.
        Mosquitto broker = closing(Mosquitto.start(dir.resolve("broker"),
                List.of("persistence true", "autosave_interval 0", "max_queued_messages 0")));
        Subscriber central = closing(new Subscriber(broker.url(), "central", true, ROOT + "/events/#"));
        MqttPublisher p = publisher(settings(broker));
        record(0, 500, 50);
        until("the first 500 through", 10_000, () -> central.events().size() >= 500);
        until("and forgotten", 10_000, () -> outbox.queued() == 0);
        broker.stop();
        until("the gateway noticed", 10_000, () -> p.health().status() == Status.DOWN);
        record(500, 5000, 50); // the room goes on while the central side is away
        assertThat(p.health().details()).containsEntry("queued", 5000L);
        assertThat(p.health().summary()).contains("5000 messages wait");
        broker.start();
        until("the central side back", 10_000, () -> {
            try {
                central.connect();
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                return false;
            }
            return true;
        });
        until("the backlog drained", 30_000, () -> outbox.queued() == 0);
        until("everything at the central side", 10_000, () -> checkedStreams(central.received()).values().stream()
                .mapToInt(List::size).sum() == 5500);
        assertThat(checkedStreams(central.received()).values().stream().flatMap(List::stream).sorted().toList())
                .as("every seq, none lost").isEqualTo(java.util.stream.LongStream.rangeClosed(1, 5500).boxed().toList());
        assertThat(p.health().status()).isEqualTo(Status.UP);
        assertThat((Long) p.health().details().get("connects")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anOutboxFillingUpRaisesAnAlarmAndShedsOnlyTelemetry() throws Exception {
        outbox = OutboxTable.open(store, 1000, Clock.systemUTC());
        MqttPublisher p = publisher(UplinkSettings.plain("tcp://127.0.0.1:1", "gjj", "room-1")
                .withReconnect(50, 100).withCapacity(1000, 80));
        record(0, 850, 50);
        until("an alarm recorded", 5000, () -> outbox.queued() == 851);
        JsonNode alarm = store.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT payload FROM uplink_outbox WHERE topic = 'events/alarm'")) {
                assertThat(rs.next()).isTrue();
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(rs.getBytes(1));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(alarm.get("data").get("code").asText()).isEqualTo("uplink.outbox-filling");
        assertThat(alarm.get("data").get("state").asText()).isEqualTo("raised");
        record(850, 148, 148);
        long kept = store.write(c -> outbox.message(c, "telemetry/climate", Map.of("t", 20.1)));
        assertThat(kept).as("telemetry kept below capacity").isPositive();
        long shed = store.write(c -> outbox.message(c, "telemetry/climate", Map.of("t", 20.2)));
        assertThat(shed).isEqualTo(-1);
        long event = store.write(c -> outbox.event(c, "alarm", Map.of("code", "fire")));
        assertThat(event).as("events are kept past capacity").isPositive();
        assertThat(outbox.queued()).isEqualTo(1001);
        assertThat(outbox.shed()).isEqualTo(1);
        assertThat(p.health().status()).isEqualTo(Status.DOWN);
        assertThat(p.health().details()).containsEntry("telemetryShed", 1L);
    }

    @Test
    void badTypesAndTopicsAreRefusedByName() throws Exception {
        assertThatThrownBy(() -> store.write(c -> outbox.event(c, "Motion/#", Map.of())))
                .hasRootCauseInstanceOf(IllegalArgumentException.class).rootCause().hasMessageContaining("'Motion/#'");
        assertThatThrownBy(() -> store.write(c -> outbox.message(c, "events/motion", Map.of())))
                .rootCause().hasMessageContaining("'events/motion' is the uplink's own");
        assertThatThrownBy(() -> store.write(c -> outbox.message(c, "index/+/x", Map.of())))
                .rootCause().hasMessageContaining("'index/+/x'");
        assertThat(outbox.queued()).isZero();
        assertThat(rows()).isZero();
    }

    @Test
    void aMessageLargerThanBrokersTakeIsRefusedWhereItIsMadeNotQueuedToStallTheRest() throws Exception {
        String big = "x".repeat(OutboxTable.MAX_PAYLOAD);
        assertThatThrownBy(() -> store.write(c -> outbox.event(c, "inventory", Map.of("note", big))))
                .rootCause().hasMessageContaining("the message for events/inventory is 1000").hasMessageContaining("at most 1000000 bytes");
        assertThat(rows()).isZero();
        store.write(c -> outbox.event(c, "inventory", Map.of("note", "x".repeat(OutboxTable.MAX_PAYLOAD - 200))));
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void settingsAreCheckedAndNameWhatIsWrong() {
        assertThatThrownBy(() -> UplinkSettings.plain("http://broker:80", "gjj", "room-1"))
                .hasMessageContaining("brokerUrl 'http://broker:80'");
        assertThatThrownBy(() -> UplinkSettings.plain("tcp://broker:1883", "gjj/2", "room-1"))
                .hasMessageContaining("site 'gjj/2'");
        assertThatThrownBy(() -> UplinkSettings.plain("tcp://broker:1883", "gjj", "room-1").withInflight(0))
                .hasMessageContaining("inflightWindow 0 is outside 1..1000");
        assertThatThrownBy(() -> UplinkSettings.plain("tcp://broker:1883", "gjj", "room-1")
                .withTls(null, dir.resolve("none.pem"), null)).hasMessageContaining("certFile '");
        assertThat(UplinkSettings.plain("tcp://broker:1883", "gjj", "room-1").toString()).doesNotContain("password");
    }
}
