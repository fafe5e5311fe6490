package org.storeroom.rfid.internal.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.gateway.internal.audit.AuditTrail;
import org.storeroom.gateway.internal.index.IndexLog;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.gateway.internal.uplink.UplinkComponent;
import org.storeroom.rfid.core.ShelvingLayout;
import org.storeroom.testing.Await;
import org.storeroom.testing.Mosquitto;

/** A Zebra reader at the door publishing to a real Mosquitto; the warehouse subscribed as configured. */
class MqttReadersTest {
    private static String zebra(int antenna, String epc, String time) {
        return "{\"data\":{\"eventNum\":1,\"format\":\"epc\",\"idHex\":\"" + epc + "\",\"antenna\":" + antenna
                + ",\"peakRssi\":-55,\"reads\":2},\"timestamp\":\"" + time + "\",\"type\":\"SIMPLE\"}";
    }

    @Test
    void tagEventsOverMqttReachTheGateAndAnExitWithoutALoanIsRecorded(@TempDir Path dir) throws Exception {
        SqliteStore store = SqliteStore.open(dir.resolve("g.db"), "NORMAL");
        UplinkComponent outbox = UplinkComponent.open(store, "", "gjj", "room-1", 64);
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            Warehouse w = new Warehouse(store, outbox, new IndexLog(store, outbox), new AuditTrail(store, outbox, Clock.systemUTC()),
                    Clock.systemUTC(), ShelvingLayout.DEMO, Duration.ofDays(30));
            var r = w.check(new ByteArrayInputStream(WarehouseTest.CATALOGUE.getBytes(StandardCharsets.UTF_8)));
            w.apply(r, "user:admin", (d, t) -> { });
            WarehouseComponent component = new WarehouseComponent(w, new String[] {"fx9600-door:1=gate-inside", "fx9600-door:2=gate-outside"});
            component.readFrom(broker.url(), new String[] {"rfid/+/events"});
            MqttReaders readers = component.readers();
            assertThat(readers.readerOf("rfid/fx9600-door/events")).isEqualTo("fx9600-door");
            Await.until("subscribed to the readers' broker", 10_000, readers::connected);

            MqttClient reader = new MqttClient(broker.url(), "fx9600-door", new MemoryPersistence());
            reader.connect();
            reader.publish("rfid/fx9600-door/events", "not json".getBytes(StandardCharsets.UTF_8), 1, false);
            reader.publish("rfid/fx9600-door/events", ("[" + zebra(1, "E28011600000000000000003", "2026-11-23T08:00:00.000+0800") + ","
                    + zebra(2, "E28011600000000000000003", "2026-11-23T08:00:01.500+0800") + "]").getBytes(StandardCharsets.UTF_8), 1, false);
            reader.disconnect();
            Await.until("the passage recorded", 10_000, () -> {
                try {
                    return w.whereabouts("box:B-3").stream().anyMatch(t -> t.what().equals("gate-out"));
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(w.whereabouts("box:B-3")).filteredOn(t -> t.what().equals("gate-out")).singleElement()
                    .extracting(Warehouse.Trail::note).isEqualTo("left the room without a check-out");
            assertThat(readers.stats()).containsEntry("messages", 2L).containsEntry("rejectedEvents", 1L);
            assertThat(component.check().details()).containsKey("readerBroker");
            component.deactivate();
        } finally {
            outbox.close();
            store.close();
        }
    }
}
