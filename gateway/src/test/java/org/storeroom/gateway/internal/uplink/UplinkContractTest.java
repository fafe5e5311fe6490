package org.storeroom.gateway.internal.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storeroom.testing.Await.until;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.gateway.internal.audit.AuditTrail;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.testing.Mosquitto;

/** Real messages published by the uplink to a real Mosquitto, checked against docs/asyncapi.yaml. */
class UplinkContractTest {
    private static final Path CONTRACT = Path.of("..", "docs", "asyncapi.yaml");
    @TempDir
    Path dir;

    @Test
    void everyPublishedMessageIsAsDocumented() throws Exception {
        AsyncApiContract contract = new AsyncApiContract(CONTRACT);
        SqliteStore store = SqliteStore.open(dir.resolve("gateway.db"), "NORMAL");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             Subscriber central = new Subscriber(broker.url(), "central", false, "storeroom/v1/gjj/room-1/#")) {
            OutboxTable outbox = OutboxTable.open(store, 2_000_000, Clock.systemUTC());
            AuditTrail audit = new AuditTrail(store, outbox, Clock.systemUTC());
            MqttPublisher publisher = new MqttPublisher(outbox, UplinkSettings.plain(broker.url(), "gjj", "room-1")
                    .withReconnect(50, 200), "0.1.0", Clock.systemUTC()).start();
            try {
                store.write(c -> {
                    outbox.event(c, "alarm", Map.of("code", "fire", "state", "raised", "zone", "north"));
                    outbox.event(c, "motion", Map.of("request", "panel-1", "outcome", "FINISHED"));
                    audit.append(c, "user:li.wei", "aisle.open", "range A aisle 3", Map.of("requestId", "panel-1"));
                    outbox.message(c, "telemetry/climate", Map.of("ts", "2026-11-23T08:00:00Z", "readings", Map.of("t", 20.5)));
                    return null;
                });
                until("4 messages and the status", 10_000, () -> central.received().size() >= 5);
            } finally {
                publisher.close();
            }
            until("the offline status", 10_000, () -> central.received().size() >= 6);
            for (Subscriber.Received r : central.received()) {
                assertThat(contract.check(r.topic(), r.body())).as(r.topic() + " " + r.body()).isEmpty();
            }
            assertThat(central.received()).extracting(Subscriber.Received::topic).contains(
                    "storeroom/v1/gjj/room-1/status", "storeroom/v1/gjj/room-1/events/alarm",
                    "storeroom/v1/gjj/room-1/events/motion", "storeroom/v1/gjj/room-1/events/audit",
                    "storeroom/v1/gjj/room-1/telemetry/climate");

            // The checker itself must be able to fail.
            ObjectNode broken = (ObjectNode) central.events().get(0).deepCopy();
            broken.remove("seq");
            assertThat(contract.check("storeroom/v1/gjj/room-1/events/alarm", broken)).isNotEmpty();
            ObjectNode badAudit = (ObjectNode) new ObjectMapper().readTree(
                    "{\"seq\":1,\"id\":\"x-1\",\"ts\":\"2026-11-23T08:00:00Z\",\"type\":\"audit\",\"data\":{\"auditSeq\":1}}");
            assertThat(contract.check("storeroom/v1/gjj/room-1/events/audit", badAudit)).isNotEmpty();
        } finally {
            store.close();
        }
    }
}
