package org.storeroom.gateway.api;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Carries out one command from the central system. A subsystem registers a handler as a service with
 * the property {@link #NAME} (e.g. {@code shelves.lock}); the uplink calls it only for commands on its
 * allow-list, once per command id, on its own thread, and records the result, the audit entry and the
 * reply together.
 */
@ConsumerType
public interface CommandHandler {
    /** Service property: the command's name. */
    String NAME = "storeroom.command";
    /**
     * Service property, {@code true} for a command that moves shelving: refused unless the uplink's
     * configuration allows motion from outside the room (and then it still passes every interlock).
     */
    String MOTION = "storeroom.command.motion";

    /**
     * @param id   the command's id, unique per command
     * @param args the command's arguments as parsed JSON (maps, lists, strings, numbers, booleans)
     * @return what happened; a handler that finds an argument wrong returns {@link CommandResult#refused}
     *         naming the argument and its value, and changes nothing
     */
    CommandResult handle(String id, Map<String, Object> args);
}
