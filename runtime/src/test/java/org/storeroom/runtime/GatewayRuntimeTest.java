package org.storeroom.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.storeroom.simulator.RoomLayout;
import org.storeroom.simulator.SimulatedRoom;

/**
 * Boots the real OSGi framework with every embedded bundle, wired to a small simulated room, and checks
 * that everything resolves and activates and that the gateway reaches the column nodes over CoAP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayRuntimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulatedRoom room;
    private GatewayRuntime gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        room = SimulatedRoom.start(new RoomLayout(3, 0));
        gateway = TestGateways.start(dir, room, Map.of());
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.stop();
        }
        if (room != null) {
            room.close();
        }
    }

    @Test
    void everyBundleResolvesAndIsActive() {
        assertThat(gateway.inactiveBundles()).isEmpty();
        assertThat(gateway.bundles()).extracting(Bundle::getSymbolicName).contains(
                "org.storeroom.device-bus", "org.storeroom.gateway", "org.storeroom.shelf-controller",
                "org.storeroom.rfid-bridge", "org.storeroom.sensor-bundle", "org.apache.felix.scr",
                "org.apache.felix.configadmin", "org.apache.felix.metatype", "org.apache.felix.http.jetty",
                "org.eclipse.californium.core", "org.eclipse.paho.client.mqttv3", "org.xerial.sqlite-jdbc");
    }

    @Test
    void everyDeclarativeServicesComponentIsActive() {
        assertThat(gateway.componentProblems()).isEmpty();
        ServiceComponentRuntime scr = gateway.service(ServiceComponentRuntime.class);
        List<String> ours = scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.bundle.symbolicName.startsWith("org.storeroom."))
                .map(d -> d.name).sorted().toList();
        assertThat(ours).contains("org.storeroom.gateway.store", "org.storeroom.gateway.health",
                "org.storeroom.shelf.bus");
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            assertThat(scr.getComponentConfigurationDTOs(d)).as(d.name)
                    .isNotEmpty()
                    .allSatisfy(c -> assertThat(c.state).as(d.name)
                            .isIn(ComponentConfigurationDTO.ACTIVE, ComponentConfigurationDTO.SATISFIED));
        }
    }

    private JsonNode health() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(gateway.url().resolve("api/v1/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    @Test
    void theGatewayReachesEverySimulatedColumnNodeOverCoap() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode bus = health().path("subsystems").path("device-bus");
        while (!bus.path("status").asText().equals("UP") && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            bus = health().path("subsystems").path("device-bus");
        }
        assertThat(bus.path("status").asText()).isEqualTo("UP");
        assertThat(bus.path("summary").asText()).isEqualTo("3 of 3 column nodes answer");
        assertThat(bus.path("details").path("failures").asLong()).isZero();
    }

    @Test
    void healthReportsEachSubsystemHonestly() throws Exception {
        JsonNode h = health();
        assertThat(h.path("subsystems").path("store").path("status").asText()).isEqualTo("UP");
        assertThat(h.path("subsystems").path("store").path("details").path("database").asText())
                .endsWith("storeroom.db");
        assertThat(h.path("subsystems").path("uplink").path("status").asText())
                .as("no broker is configured here, and health must not pretend otherwise").isEqualTo("DOWN");
        assertThat(h.path("subsystems").path("uplink").path("summary").asText())
                .startsWith("no central broker configured; ");
        assertThat(h.path("subsystems").path("uplink").path("details").path("commandHandlers").toString())
                .as("the shelving registered its commands with the uplink").contains("shelves.lock", "shelves.unlock");
        assertThat(h.path("status").asText()).isEqualTo("DOWN");
    }

    @Test
    void servesThePanelWithSecurityHeaders() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(gateway.url()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("智能档案库房", "app.js");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                v -> assertThat(v).contains("frame-ancestors 'none'", "script-src 'self'"));
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void apiRoutesAnswerJson401WithoutALogin() throws Exception {
        // Known or not: without a login nothing is told (ApiSecurityTest covers 404 for a logged-in user).
        for (String path : new String[] {"api/v1/nothing-here", "api/v1/audit", "api/v1/index"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(gateway.url().resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.path("error").asText()).isEqualTo("unauthenticated");
            assertThat(body.path("message").asText()).as("Chinese unless English is asked for").startsWith("请先登录");
            HttpResponse<String> en = http.send(HttpRequest.newBuilder(gateway.url().resolve(path)).header("Accept-Language", "en-GB").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(en.body()).path("message").asText()).contains("log in first");
        }
    }

    @Test
    void configurationFromTheLauncherReachedConfigAdmin() throws Exception {
        org.osgi.service.cm.ConfigurationAdmin cm = gateway.service(org.osgi.service.cm.ConfigurationAdmin.class);
        var c = cm.getConfiguration(Main.PID_DEVICE_BUS, "?");
        assertThat((String[]) c.getProperties().get("columnNodes")).hasSize(3);
        assertThat(c.getProperties().get(GatewayRuntime.SOURCE)).isEqualTo("launcher");
    }
}
