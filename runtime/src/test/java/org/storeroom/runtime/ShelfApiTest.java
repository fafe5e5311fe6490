package org.storeroom.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storeroom.runtime.ApiBrowser.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.testing.Await;

/**
 * The shelving through the JSON API, in the real framework with one simulated range of nine columns:
 * people see the range, open an aisle if their role allows, and are told why when the shelving refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShelfApiTest {
    private TestRoom room;
    private URI base;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        room = TestRoom.start(dir, "shelf api admin pw");
        base = room.base;
    }

    @AfterAll
    void stop() {
        if (room != null) {
            room.close();
        }
    }

    private ApiBrowser as(String user) throws Exception {
        return room.as(user);
    }

    @Test
    void peopleSeeTheRangeAndOpenAnAisleIfTheirRoleAllows() throws Exception {
        ApiBrowser viewer = as("zhang.min");
        Await.until("all nine columns heard", 10_000, () -> {
            try {
                List<String> motion = viewer.get("/api/v1/columns").get("columns").findValuesAsText("motion");
                return motion.size() == 9 && !motion.contains("UNKNOWN");
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode ranges = viewer.get("/api/v1/ranges");
        assertThat(ranges.get("mode").asText()).isEqualTo("NORMAL");
        assertThat(ranges.get("ranges").get(0).get("columns").toString()).isEqualTo("[1,2,3,4,5,6,7,8,9]");
        assertThat(ranges.get("ranges").get(0).get("openAisle").asInt()).as("the simulated range starts with its last aisle open").isEqualTo(9);
        assertThat(viewer.get("/api/v1/aisles").get("aisles")).hasSize(9);

        HttpResponse<String> refused = viewer.send("POST", "/api/v1/aisles/A-8/open", null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("message").asText()).isEqualTo("需要档案员或设施管理员角色");

        ApiBrowser archivist = as("li.wei");
        HttpResponse<String> accepted = archivist.send("POST", "/api/v1/aisles/A-8/open", null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(json(accepted).get("status").asText()).isEqualTo("ACCEPTED");
        Await.until("column 9 seen moving", 10_000, () -> {
            try {
                return viewer.get("/api/v1/columns").get("columns").get(8).get("motion").asText().equals("MOVING_FORWARD");
            } catch (Exception e) {
                return false;
            }
        });
        // The warehouse hears the motion over the device bus: RFID locations in range A pause meanwhile.
        String[] paused = {""};
        Await.until("range A paused for RFID while it moves", 10_000,
                () -> (paused[0] = pausedRanges(viewer)).contains("\"A\""));
        Await.until("aisle A-8 open", 30_000, () -> {
            try {
                return viewer.get("/api/v1/ranges").get("ranges").get(0).get("openAisle").asInt() == 8;
            } catch (Exception e) {
                return false;
            }
        });
        try {
            Await.until("range A read afresh once it stands", 10_000, () -> (paused[0] = pausedRanges(viewer)).equals("[]"));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the warehouse's health said pausedRanges " + paused[0], e);
        }
        JsonNode a8 = viewer.get("/api/v1/aisles").get("aisles").get(7);
        assertThat(a8.get("id").asText()).isEqualTo("A-8");
        assertThat(a8.get("open").asBoolean()).isTrue();
    }

    /** The warehouse's paused ranges as its health shows them (health answers 503 here: no uplink broker). */
    private static String pausedRanges(ApiBrowser browser) {
        try {
            return ApiBrowser.json(browser.send("GET", "/api/v1/health", null))
                    .path("subsystems").path("warehouse").path("details").path("pausedRanges").toString();
        } catch (Exception e) {
            return "health not read: " + e;
        }
    }

    @Test
    void theMapIsLiveAsServerSentEventsUntilTheLoginEnds() throws Exception {
        ApiBrowser viewer = as("zhang.min");
        assertThat(new ApiBrowser(base).live("/api/v1/room/live").status).as("not logged in").isEqualTo(401);
        ApiBrowser facilities = as("wang.fang");
        try (LiveEvents map = viewer.live("/api/v1/room/live")) {
            assertThat(map.status).isEqualTo(200);
            assertThat(map.contentType).startsWith("text/event-stream");
            JsonNode first = map.next("room", 10_000, r -> r.get("columns").findValuesAsText("motion").size() == 9
                    && !r.get("columns").findValuesAsText("motion").contains("UNKNOWN"));
            assertThat(first.get("ranges").get(0).get("columns").toString()).isEqualTo("[1,2,3,4,5,6,7,8,9]");
            assertThat(first.get("aisles")).hasSize(9);
            assertThat(first.get("columns").get(4).has("ageMs")).as("ages change at every send; the live view says fresh").isFalse();
            assertThat(first.get("columns").get(4).get("fresh").asBoolean()).isTrue();

            // A change reaches the open stream without being asked for.
            assertThat(facilities.send("PUT", "/api/v1/mode", "{\"mode\":\"LOCKED\"}").statusCode()).isEqualTo(200);
            map.next("room", 5000, r -> r.get("mode").asText().equals("LOCKED"));
            assertThat(facilities.send("PUT", "/api/v1/mode", "{\"mode\":\"NORMAL\"}").statusCode()).isEqualTo(200);
            map.next("room", 5000, r -> r.get("mode").asText().equals("NORMAL"));

            // Logging out ends the stream at once with an 'end' event, so a panel left open shows the login.
            assertThat(viewer.send("DELETE", "/api/v1/session", null).statusCode()).isEqualTo(200);
            assertThat(map.next("end", 5000, e -> true).get("error").asText()).isEqualTo("unauthenticated");
            assertThat(map.endsWithin(5000)).isTrue();
        } finally {
            facilities.send("PUT", "/api/v1/mode", "{\"mode\":\"NORMAL\"}");
        }
    }

    @Test
    void afterAFireTheShelvingIsReHomedAndEachRangeCountedByRfid() throws Exception {
        ApiBrowser facilities = as("wang.fang");
        ApiBrowser archivist = as("li.wei");
        HttpResponse<String> notNow = facilities.send("POST", "/api/v1/shelving/rehome", null);
        assertThat(notNow.statusCode()).as("only after an all-clear, from LOCKED").isEqualTo(409);
        assertThat(json(notNow).get("message").asText()).isEqualTo("只有火警解除后（密集架锁定时）才能归位；现在的模式是 NORMAL");
        assertThat(archivist.send("POST", "/api/v1/shelving/rehome", null).statusCode()).isEqualTo(403);
        // Away from home (aisle 9 open), then locked as an all-clear leaves it.
        HttpResponse<String> away = archivist.send("POST", "/api/v1/aisles/A-8/open", null);
        assertThat(away.statusCode()).as(away.body()).isEqualTo(202);
        Await.until("aisle A-8 open", 30_000, () -> openAisle(archivist) == 8);
        assertThat(facilities.send("PUT", "/api/v1/mode", "{\"mode\":\"LOCKED\"}").statusCode()).isEqualTo(200);
        Await.until("locked", 5000, () -> mode(archivist).equals("LOCKED"));

        HttpResponse<String> rehome = facilities.send("POST", "/api/v1/shelving/rehome", null);
        assertThat(rehome.statusCode()).as(rehome.body()).isEqualTo(202);
        assertThat(json(rehome).get("ranges").findValuesAsText("status")).containsExactly("ACCEPTED");
        assertThat(mode(archivist)).isEqualTo("NORMAL");
        Await.until("range A home (its last aisle open)", 60_000, () -> openAisle(archivist) == 9);
        Await.until("an inventory of range A opened by the re-homing", 10_000, () -> {
            try {
                return archivist.get("/api/v1/inventory").get("sessions").toString()
                        .contains("\"scope\":\"range A after re-homing\",\"columns\":[1,2,3,4,5,6,7,8,9],\"startedBy\":\"user:wang.fang\"");
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(room.admin().get("/api/v1/audit?limit=50").get("entries").findValuesAsText("action")).contains("shelves.rehome");
    }

    private static int openAisle(ApiBrowser b) {
        try {
            return b.get("/api/v1/ranges").get("ranges").get(0).path("openAisle").asInt(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    private static String mode(ApiBrowser b) {
        try {
            return b.get("/api/v1/ranges").get("mode").asText();
        } catch (Exception e) {
            return "";
        }
    }

    @Test
    void refusalsSayWhyInTheCallersLanguage() throws Exception {
        ApiBrowser facilities = as("wang.fang");
        assertThat(facilities.send("PUT", "/api/v1/mode", "{\"mode\":\"LOCKED\"}").statusCode()).isEqualTo(200);
        ApiBrowser archivist = as("li.wei");
        try {
            Await.until("locked", 5000, () -> {
                try {
                    return archivist.get("/api/v1/ranges").get("mode").asText().equals("LOCKED");
                } catch (Exception e) {
                    return false;
                }
            });
            HttpResponse<String> zh = archivist.send("POST", "/api/v1/aisles/A-3/open", null);
            assertThat(zh.statusCode()).isEqualTo(409);
            assertThat(json(zh).get("error").asText()).isEqualTo("refused");
            assertThat(json(zh).get("message").asText()).contains("锁定");
            archivist.lang = "en";
            HttpResponse<String> en = archivist.send("POST", "/api/v1/aisles/A-3/open", null);
            assertThat(json(en).get("message").asText()).containsIgnoringCase("lock");
            assertThat(archivist.send("POST", "/api/v1/aisles/A3/open", null).statusCode()).isEqualTo(400);
            assertThat(facilities.send("PUT", "/api/v1/mode", "{\"mode\":\"PARTY\"}").statusCode()).isEqualTo(400);
            assertThat(facilities.send("POST", "/api/v1/columns/99/reset", null).statusCode()).isEqualTo(404);
            assertThat(archivist.send("POST", "/api/v1/columns/9/reset", null).statusCode()).isEqualTo(403);
            assertThat(as("zhang.min").send("POST", "/api/v1/stop", null).statusCode()).as("anyone may stop").isEqualTo(202);
        } finally {
            facilities.send("PUT", "/api/v1/mode", "{\"mode\":\"NORMAL\"}");
        }
        ApiBrowser admin = room.admin();
        Await.until("the refusal in the audit log", 5000, () -> {
            try {
                return admin.get("/api/v1/audit?limit=100").get("entries").toString().contains("\"outcome\":\"REFUSED\"");
            } catch (Exception e) {
                return false;
            }
        });
        List<String> actions = admin.get("/api/v1/audit?limit=100").get("entries").findValuesAsText("action");
        assertThat(actions).contains("mode.change", "aisle.open", "shelves.stop", "user.login");
    }
}
