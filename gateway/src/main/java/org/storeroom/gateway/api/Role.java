package org.storeroom.gateway.api;

import java.util.Locale;

/**
 * What a user may do. Viewer is every logged-in user; archivist handles files (locate, check-out,
 * inventory); facilities handles the room (shelving resets, maintenance, climate, alarms); admin may do
 * everything, including users and configuration.
 */
public enum Role {
    VIEWER, ARCHIVIST, FACILITIES, ADMIN;

    /** @return the role as written in the API and configuration: lower case */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the value when it is not a role */
    public static Role of(String id) {
        for (Role r : values()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        throw new Bilingual.BadInput("role '" + id + "' is not one of viewer, archivist, facilities, admin",
                "角色 '" + id + "' 不是查看者（viewer）、档案员（archivist）、设施管理员（facilities）或管理员（admin）");
    }
}
