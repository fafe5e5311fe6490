package org.storeroom.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.storeroom.simulator.RoomLayout;
import org.storeroom.simulator.SimulatedRoom;

/**
 * One simulated range of nine columns (range A, and the room's sensor boards) with the real gateway
 * watching it, an admin and the staff logins the tests use: li.wei (archivist), zhang.min (viewer),
 * wang.fang (facilities), all with the password {@value #PASSWORD}.
 */
final class TestRoom implements AutoCloseable {
    static final String PASSWORD = "storeroom-2026";
    final SimulatedRoom room;
    final GatewayRuntime gateway;
    final URI base;
    private final String adminPassword;

    private TestRoom(SimulatedRoom room, GatewayRuntime gateway, String adminPassword) {
        this.room = room;
        this.gateway = gateway;
        this.base = gateway.url();
        this.adminPassword = adminPassword;
    }

    static TestRoom start(Path dir, String adminPassword) throws Exception {
        return start(dir, adminPassword, room -> { });
    }

    /** @param fitOut what to do to the room before the gateway starts (e.g. fit shelf antennas) */
    static TestRoom start(Path dir, String adminPassword, java.util.function.Consumer<SimulatedRoom> fitOut) throws Exception {
        System.setProperty("storeroom.admin.password", adminPassword);
        SimulatedRoom room = SimulatedRoom.startWithClimate(new RoomLayout(9, 0));
        GatewayRuntime gateway = null;
        try {
            fitOut.accept(room);
            gateway = TestGateways.start(dir, room, Map.of("org.storeroom.shelf.coordinator", Map.of("ranges", new String[] {"A:1-9"})));
            TestRoom t = new TestRoom(room, gateway, adminPassword);
            ApiBrowser admin = t.admin();
            admin.addUsers(PASSWORD, new String[] {"li.wei", "archivist"}, new String[] {"zhang.min", "viewer"},
                    new String[] {"wang.fang", "facilities"});
            return t;
        } catch (Exception | AssertionError e) {
            if (gateway != null) {
                gateway.stop();
            }
            room.close();
            throw e;
        }
    }

    /** @return a browser logged in as the admin */
    ApiBrowser admin() throws Exception {
        ApiBrowser admin = new ApiBrowser(base);
        assertThat(admin.login("admin", adminPassword).statusCode()).isEqualTo(200);
        return admin;
    }

    /** Imports a catalogue (CSV, English header) as the admin: checked, applied, and waited for. */
    void importCatalogue(String csv) throws Exception {
        ApiBrowser admin = admin();
        com.fasterxml.jackson.databind.JsonNode check = ApiBrowser.json(admin.send("POST", "/api/v1/catalogue/checks", csv, "text/csv"));
        assertThat(check.path("ok").asBoolean()).as(check.toString()).isTrue();
        long id = check.path("id").asLong();
        assertThat(admin.send("POST", "/api/v1/catalogue/checks/" + id + "/apply", "{}").statusCode()).isEqualTo(202);
        org.storeroom.testing.Await.until("the catalogue imported", 20_000, () -> {
            try {
                return admin.get("/api/v1/catalogue/checks/" + id).path("state").asText().equals("done");
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** Waits until the warehouse reads from LLRP reader {@code name} (its part of the health; the whole is 503 without an uplink broker). */
    void awaitReaderReading(String name) throws Exception {
        ApiBrowser admin = admin();
        org.storeroom.testing.Await.until("reader " + name + " reading", 20_000, () -> {
            try {
                return ApiBrowser.json(admin.send("GET", "/api/v1/health", null)).path("subsystems").path("warehouse").path("details")
                        .path("llrpReaders").path(name).path("state").asText().equals("reading");
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** @return a browser logged in as one of the staff */
    ApiBrowser as(String user) throws Exception {
        return ApiBrowser.loggedIn(base, user, PASSWORD);
    }

    @Override
    public void close() {
        System.clearProperty("storeroom.admin.password");
        gateway.stop();
        room.close();
    }
}
