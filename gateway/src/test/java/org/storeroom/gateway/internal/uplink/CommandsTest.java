package org.storeroom.gateway.internal.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storeroom.testing.Await.until;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.gateway.api.CommandResult;
import org.storeroom.gateway.internal.audit.AuditTrail;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.testing.Mosquitto;

/** Commands from the central system through a real Mosquitto: allow-list, idempotence, motion, audit. */
class CommandsTest {
    private static final String ROOT = "storeroom/v1/gjj/room-1";
    @TempDir
    Path dir;
    private SqliteStore store;
    private Mosquitto broker;
    private Subscriber central;
    private MqttClient sender;
    private AuditTrail audit;
    private CommandDispatcher dispatcher;
    private MqttPublisher publisher;
    private final List<String> locks = new CopyOnWriteArrayList<>();
    private final List<String> moves = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        store = SqliteStore.open(dir.resolve("gateway.db"), "NORMAL");
        broker = Mosquitto.start(dir.resolve("broker"));
        central = new Subscriber(broker.url(), "central", false, ROOT + "/cmd-result");
        sender = new MqttClient(broker.url(), "central-commands", new MemoryPersistence());
        sender.connect();
        OutboxTable outbox = OutboxTable.open(store, 2_000_000, Clock.systemUTC());
        audit = new AuditTrail(store, outbox, Clock.systemUTC());
        Map<String, CommandDispatcher.Handler> handlers = Map.of(
                "shelves.lock", new CommandDispatcher.Handler((id, args) -> {
                    locks.add(id);
                    return CommandResult.ok(Map.of("mode", "LOCKED"));
                }, false),
                "aisle.open", new CommandDispatcher.Handler((id, args) -> {
                    moves.add(id);
                    return CommandResult.ok(Map.of());
                }, true));
        UplinkSettings settings = UplinkSettings.plain(broker.url(), "gjj", "room-1").withReconnect(50, 200)
                .withCommands(java.util.Set.of("shelves.lock", "shelves.unlock", "aisle.open"), false);
        dispatcher = new CommandDispatcher(store, outbox, audit, n -> Optional.ofNullable(handlers.get(n)), settings, Clock.systemUTC());
        publisher = new MqttPublisher(outbox, settings, "0.1.0", Clock.systemUTC(), dispatcher::submit).start();
        until("the gateway subscribed", 10_000, () -> Boolean.TRUE.equals(publisher.health().details().get("connected")));
    }

    @AfterEach
    void stop() throws Exception {
        publisher.close();
        dispatcher.close();
        sender.disconnect();
        sender.close();
        central.close();
        broker.close();
        store.close();
    }

    private JsonNode send(String name, String payload) throws Exception {
        int before = central.received().size();
        sender.publish(ROOT + "/cmd/" + name, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        until("a result for " + name, 10_000, () -> central.received().size() > before);
        return central.received().get(before).body();
    }

    private static String command(String id, Instant ts) {
        return "{\"id\":\"" + id + "\",\"ts\":\"" + ts + "\",\"args\":{}}";
    }

    @Test
    void anAllowedCommandIsCarriedOutOnceAndARepeatGetsTheFirstResult() throws Exception {
        JsonNode first = send("shelves.lock", command("c-1", Instant.now()));
        assertThat(first.get("id").asText()).isEqualTo("c-1");
        assertThat(first.get("status").asText()).isEqualTo("ok");
        assertThat(first.get("data").get("mode").asText()).isEqualTo("LOCKED");
        JsonNode again = send("shelves.lock", command("c-1", Instant.now()));
        assertThat(again).isEqualTo(first);
        assertThat(locks).containsExactly("c-1");
        var entries = audit.recent(10);
        assertThat(entries).extracting(e -> e.action()).contains("command", "command.repeated");
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void whatIsNotAllowedOrMalformedIsRefusedWithAReasonAndChangesNothing() throws Exception {
        JsonNode notAllowed = send("shelves.open-all", command("c-2", Instant.now()));
        assertThat(notAllowed.get("status").asText()).isEqualTo("refused");
        assertThat(notAllowed.get("reason").asText()).isEqualTo("command 'shelves.open-all' is not allowed here");
        JsonNode stale = send("shelves.lock", command("c-3", Instant.now().minusSeconds(3600)));
        assertThat(stale.get("reason").asText()).contains("more than 10 minutes old");
        JsonNode garbage = send("shelves.lock", "{\"id\":\"c-4\",\"ts\":");
        assertThat(garbage.get("status").asText()).isEqualTo("refused");
        assertThat(garbage.get("id").asText()).isEmpty();
        JsonNode unknownField = send("shelves.lock", "{\"id\":\"c-5\",\"ts\":\"" + Instant.now() + "\",\"args\":{},\"sudo\":true}");
        assertThat(unknownField.get("reason").asText()).isEqualTo("field 'sudo' is unknown; a command has id, ts and args");
        JsonNode motion = send("aisle.open", command("c-6", Instant.now()));
        assertThat(motion.get("status").asText()).isEqualTo("refused");
        assertThat(motion.get("reason").asText()).contains("motion from outside the room is switched off");
        assertThat(locks).isEmpty();
        assertThat(moves).isEmpty();
        assertThat(audit.verify().entries()).isEqualTo(5);
    }
}
