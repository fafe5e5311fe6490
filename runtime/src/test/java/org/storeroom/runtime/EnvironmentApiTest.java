package org.storeroom.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storeroom.runtime.ApiBrowser.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.simulator.SimulatedRoom;
import org.storeroom.testing.Await;

/**
 * The room's environment through the JSON API, in the real framework with a simulated range and the
 * simulated room's sensor boards over CoAP (three in the room, one outside): climate per zone, fresh air by
 * hand, and a smoke detector holding the
 * shelving until facilities staff clear the alarm.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnvironmentApiTest {
    private TestRoom test;
    private SimulatedRoom room;
    private URI base;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        test = TestRoom.start(dir, "environment api admin pw");
        room = test.room;
        base = test.base;
    }

    @AfterAll
    void stop() {
        if (test != null) {
            test.close();
        }
    }

    private static JsonNode read(ApiBrowser b, String path) {
        try {
            return b.get(path);
        } catch (Exception e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    @Test
    void climateIsShownAndASmokeDetectorHoldsTheShelvingUntilFacilitiesClearIt() throws Exception {
        ApiBrowser archivist = test.as("li.wei");
        ApiBrowser facilities = test.as("wang.fang");
        Await.until("zone-1's three sensors read", 15_000, () -> {
            JsonNode z = read(archivist, "/api/v1/climate").path("zones").path(0);
            return z.path("sensors").size() == 3 && z.path("celsius").isNumber()
                    && z.path("sensors").findValuesAsText("quality").stream().allMatch("GOOD"::equals);
        });
        JsonNode zone = archivist.get("/api/v1/climate").get("zones").get(0);
        assertThat(zone.get("zone").asText()).isEqualTo("zone-1");
        assertThat(zone.get("holdings").asText()).isEqualTo("PAPER");
        assertThat(zone.get("celsius").asDouble()).isBetween(15.0, 25.0);
        assertThat(zone.get("band").get("maxHumidity").asDouble()).isEqualTo(60.0);
        assertThat(archivist.get("/api/v1/fire").get("stage").asText()).isEqualTo("QUIET");
        // The board on the outside wall is no zone of the room: its air is shown as the outside air.
        Await.until("the outside air shown", 10_000,
                () -> read(archivist, "/api/v1/climate").path("zones").path(0).path("freshAir").path("outside").path("celsius").isNumber());
        assertThat(archivist.get("/api/v1/climate").get("zones")).hasSize(1);
        // Facilities open the fresh air by hand; the fans and dampers follow, and close again on the next order.
        assertThat(archivist.send("POST", "/api/v1/climate/zones/zone-1/override", "{\"plant\":\"FRESH_AIR\",\"on\":true,\"minutes\":5}")
                .statusCode()).as("facilities only").isEqualTo(403);
        HttpResponse<String> open = facilities.send("POST", "/api/v1/climate/zones/zone-1/override",
                "{\"plant\":\"FRESH_AIR\",\"on\":true,\"minutes\":5}");
        assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
        Await.until("fans and dampers on", 10_000, () -> room.climate().board(1).relays().relays().get(org.storeroom.bus.Relay.VENTILATION)
                && room.climate().board(1).relays().relays().get(org.storeroom.bus.Relay.DAMPERS));
        assertThat(room.climate().outsideBoard().relays().relays()).as("the outside board is never switched").doesNotContainValue(true);
        facilities.send("POST", "/api/v1/climate/zones/zone-1/override", "{\"plant\":\"FRESH_AIR\",\"on\":false,\"minutes\":1}");
        Await.until("fans and dampers off", 10_000, () -> !room.climate().board(1).relays().relays().get(org.storeroom.bus.Relay.DAMPERS));
        Await.until("the room's columns heard", 10_000, () -> read(archivist, "/api/v1/columns").path("columns").size() == 9
                && !read(archivist, "/api/v1/columns").path("columns").findValuesAsText("motion").contains("UNKNOWN"));

        LiveEvents banner = archivist.live("/api/v1/fire/live");
        assertThat(banner.next("fire", 5000, f -> true).get("stage").asText()).as("sent at once").isEqualTo("QUIET");
        room.climate().smoke(2, true);
        try (banner) {
            JsonNode alarm = banner.next("fire", 5000, f -> !f.get("stage").asText().equals("QUIET"));
            assertThat(alarm.get("stage").asText()).isEqualTo("FIRST_ALARM");
            assertThat(alarm.get("fireDetectors").toString()).isEqualTo("[\"smoke-s2\"]");
        }
        Await.until("the shelving in fire mode", 5000, () -> read(archivist, "/api/v1/ranges").path("mode").asText().equals("FIRE"));
        JsonNode fire = archivist.get("/api/v1/fire");
        assertThat(fire.get("stage").asText()).isEqualTo("FIRST_ALARM");
        assertThat(fire.get("fireDetectors").toString()).isEqualTo("[\"smoke-s2\"]");
        HttpResponse<String> refused = archivist.send("POST", "/api/v1/aisles/A-3/open", null);
        assertThat(refused.statusCode()).isEqualTo(409);
        // Acknowledged by a person: recorded, shown with the alarm; a viewer may not; nothing else changes.
        assertThat(test.as("zhang.min").send("POST", "/api/v1/fire/acknowledge", null).statusCode()).isEqualTo(403);
        HttpResponse<String> ack = archivist.send("POST", "/api/v1/fire/acknowledge", null);
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(json(ack).path("acknowledged").path("fireDetectors").toString()).isEqualTo("[\"smoke-s2\"]");
        Await.until("the acknowledgement shown with the alarm", 5000,
                () -> read(archivist, "/api/v1/fire").path("acknowledged").path("by").asText().equals("user:li.wei"));
        assertThat(archivist.get("/api/v1/fire").get("stage").asText()).isEqualTo("FIRST_ALARM");

        HttpResponse<String> early = facilities.send("POST", "/api/v1/fire/all-clear", null);
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(json(early).get("message").asText()).contains("smoke-s2");
        room.climate().smoke(2, false);
        Await.until("the detector quiet again", 5000, () -> read(facilities, "/api/v1/fire").path("fireDetectors").size() == 0);
        assertThat(archivist.send("POST", "/api/v1/fire/all-clear", null).statusCode()).as("facilities only").isEqualTo(403);
        HttpResponse<String> cleared = facilities.send("POST", "/api/v1/fire/all-clear", null);
        assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
        assertThat(json(cleared).get("stage").asText()).isEqualTo("QUIET");
        Await.until("the shelving locked for re-homing", 5000, () -> read(archivist, "/api/v1/ranges").path("mode").asText().equals("LOCKED"));
        HttpResponse<String> nothing = archivist.send("POST", "/api/v1/fire/acknowledge", null);
        assertThat(nothing.statusCode()).as("nothing showing to acknowledge").isEqualTo(409);
        assertThat(json(nothing).path("message").asText()).isEqualTo("当前没有需要确认的报警");
        assertThat(archivist.get("/api/v1/fire").path("acknowledged").isNull()).as("an acknowledgement holds for its alarm only").isTrue();
    }

    @Test
    void theEightProtectionsStandByTheSensorsAndTheInspectionsRecorded() throws Exception {
        ApiBrowser facilities = test.as("wang.fang");
        JsonNode items = facilities.get("/api/v1/protections").get("protections");
        assertThat(items.findValuesAsText("id")).containsExactly("fire", "water", "theft", "climate", "light", "dust", "pests", "mould");
        assertThat(items.get(4).get("status").asText()).isEqualTo("OVERDUE");
        assertThat(items.get(4).get("name").asText()).isEqualTo("防光");
        HttpResponse<String> noNote = facilities.send("POST", "/api/v1/protections/mould/inspections", "{\"ok\":false}");
        assertThat(noNote.statusCode()).isEqualTo(400);
        assertThat(json(noNote).get("message").asText()).isEqualTo("请写明巡检发现的问题");
        HttpResponse<String> done = facilities.send("POST", "/api/v1/protections/light/inspections", "{\"ok\":true,\"note\":\"blinds shut\"}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode light = facilities.get("/api/v1/protections").get("protections").get(4);
        assertThat(light.get("status").asText()).isEqualTo("OK");
        assertThat(light.get("lastInspection").get("by").asText()).isEqualTo("user:wang.fang");
        assertThat(facilities.send("POST", "/api/v1/protections/unicorns/inspections", "{\"ok\":true}").statusCode()).isEqualTo(404);
    }
}
