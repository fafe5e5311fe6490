package org.storeroom.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.testing.Await;

/**
 * The room's configuration through the API in the real framework, with the real ConfigurationAdmin and
 * metatype: every component's settings as described, changes checked by the metatype before anything
 * is written, applied to the running component, recorded; passwords never shown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigApiTest {
    private static final String ADMIN_PASSWORD = "config api admin pw";
    private static final String COORDINATOR = "org.storeroom.shelf.coordinator";
    private GatewayRuntime gateway;
    private URI base;
    private ApiBrowser admin;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        System.setProperty("storeroom.admin.password", ADMIN_PASSWORD);
        // The warehouse's stored configuration names one setting only: the others are at their defaults.
        gateway = TestGateways.start(dir, null, Map.of(Main.PID_WAREHOUSE, Map.of("demoCatalogue", false)));
        base = gateway.url();
        admin = new ApiBrowser(base);
        assertThat(admin.login("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        System.clearProperty("storeroom.admin.password");
        if (gateway != null) {
            gateway.stop();
        }
    }

    private JsonNode component(String pid) throws Exception {
        for (JsonNode c : admin.get("/api/v1/config").get("components")) {
            if (c.get("pid").asText().equals(pid)) {
                return c;
            }
        }
        throw new AssertionError("component " + pid + " not listed");
    }

    private static JsonNode attribute(JsonNode component, String id) {
        for (JsonNode a : component.get("attributes")) {
            if (a.get("id").asText().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("setting " + id + " not listed in " + component.get("pid"));
    }

    @Test
    void settingsAreListedCheckedChangedAndRecorded() throws Exception {
        JsonNode config = admin.get("/api/v1/config");
        assertThat(config.get("editable").asBoolean()).as("standalone: the panel is the configuration UI").isTrue();
        assertThat(config.get("components").findValuesAsText("pid")).contains(COORDINATOR, "org.storeroom.gateway.auth",
                "org.storeroom.gateway.uplink", "org.storeroom.climate", "org.storeroom.rfid.warehouse");
        JsonNode lease = attribute(component(COORDINATOR), "leaseMs");
        assertThat(lease.get("type").asText()).isEqualTo("integer");
        assertThat(lease.get("value").asInt()).isEqualTo(300);
        assertThat(lease.has("options")).as("options only where the metatype lists some").isFalse();
        assertThat(attribute(component(COORDINATOR), "ranges").get("list").asBoolean()).isTrue();
        JsonNode password = attribute(component("org.storeroom.gateway.uplink"), "password");
        assertThat(password.get("type").asText()).isEqualTo("password");
        assertThat(password.get("value").isNull()).as("never shown").isTrue();

        // Bad values change nothing, and say which setting and why.
        HttpResponse<String> tooLong = admin.send("PUT", "/api/v1/config/" + COORDINATOR, "{\"values\":{\"leaseMs\":9999,\"toleranceMm\":6}}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(ApiBrowser.json(tooLong).get("message").asText()).startsWith("配置项 leaseMs（Lease (ms)）的值 '9999' 不可用：");
        admin.lang = "en";
        HttpResponse<String> notANumber = admin.send("PUT", "/api/v1/config/" + COORDINATOR, "{\"values\":{\"leaseMs\":\"soon\"}}");
        assertThat(ApiBrowser.json(notANumber).get("message").asText()).startsWith("setting leaseMs (Lease (ms)): 'soon' ");
        HttpResponse<String> unknown = admin.send("PUT", "/api/v1/config/" + COORDINATOR, "{\"values\":{\"speed\":1}}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(ApiBrowser.json(unknown).get("message").asText()).startsWith("setting 'speed' is not one of " + COORDINATOR + "'s");
        assertThat(admin.send("PUT", "/api/v1/config/org.storeroom.nothing", "{\"values\":{\"a\":1}}").statusCode()).isEqualTo(404);
        admin.lang = "zh-CN";
        assertThat(attribute(component(COORDINATOR), "toleranceMm").get("value").asInt()).as("nothing written").isEqualTo(5);

        HttpResponse<String> ok = admin.send("PUT", "/api/v1/config/" + COORDINATOR, "{\"values\":{\"leaseMs\":350}}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ApiBrowser.json(ok).get("changed").get("leaseMs").asText()).isEqualTo("300 -> 350");
        assertThat(attribute(component(COORDINATOR), "leaseMs").get("value").asInt()).isEqualTo(350);
        assertThat(attribute(component(COORDINATOR), "ranges").get("value").size()).as("other settings kept").isEqualTo(5);
        // The coordinator is reconfigured by ConfigurationAdmin and serves again.
        Await.until("the shelving back after its reconfiguration", 10_000, () -> {
            try {
                return admin.get("/api/v1/ranges").get("ranges").size() == 5;
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
        JsonNode entries = admin.get("/api/v1/audit?limit=20").get("entries");
        assertThat(entries.toString()).contains("\"action\":\"config.change\"", "\"target\":\"" + COORDINATOR + "\"", "300 -> 350");

        // A setting the stored configuration leaves out changes from its default.
        HttpResponse<String> loanDays = admin.send("PUT", "/api/v1/config/org.storeroom.rfid.warehouse", "{\"values\":{\"loanDays\":45}}");
        assertThat(loanDays.statusCode()).as(loanDays.body()).isEqualTo(200);
        assertThat(ApiBrowser.json(loanDays).get("changed").get("loanDays").asText()).isEqualTo("30 -> 45");
        assertThat(attribute(component("org.storeroom.rfid.warehouse"), "demoCatalogue").get("value").asBoolean()).as("stored setting kept").isFalse();

        HttpResponse<String> secret = admin.send("PUT", "/api/v1/config/org.storeroom.gateway.uplink", "{\"values\":{\"password\":\"s3cret-broker\"}}");
        assertThat(secret.statusCode()).as(secret.body()).isEqualTo(200);
        assertThat(secret.body()).doesNotContain("s3cret-broker");
        assertThat(attribute(component("org.storeroom.gateway.uplink"), "password").get("set").asBoolean()).isTrue();
        assertThat(admin.get("/api/v1/audit?limit=20").toString()).doesNotContain("s3cret-broker");
    }
}
