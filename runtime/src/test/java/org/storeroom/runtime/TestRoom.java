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
        System.setProperty("storeroom.admin.password", adminPassword);
        SimulatedRoom room = SimulatedRoom.startWithClimate(new RoomLayout(9, 0));
        GatewayRuntime gateway = null;
        try {
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
