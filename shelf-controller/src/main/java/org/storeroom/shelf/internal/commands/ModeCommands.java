package org.storeroom.shelf.internal.commands;

import java.util.Map;
import org.storeroom.gateway.api.CommandResult;
import org.storeroom.shelf.api.ShelfControl;
import org.storeroom.shelf.api.ShelfMode;

/**
 * The central system locking and unlocking the shelving. Neither moves anything: a lock stops what is
 * under way; an unlock only ends a lock, never fire mode or maintenance, which belong to the people in
 * the room.
 */
final class ModeCommands {
    private ModeCommands() {
    }

    /** @return the refusal for arguments other than an optional short {@code reason}, or {@code null} */
    private static CommandResult checkArgs(Map<String, Object> args) {
        for (Map.Entry<String, Object> a : args.entrySet()) {
            if (!a.getKey().equals("reason")) {
                return CommandResult.refused("argument '" + a.getKey() + "' is unknown; only 'reason' is taken");
            }
            if (!(a.getValue() instanceof String s) || s.length() > 200) {
                return CommandResult.refused("argument 'reason' must be text of up to 200 characters");
            }
        }
        return null;
    }

    static CommandResult lock(ShelfControl shelves, String id, Map<String, Object> args) {
        CommandResult bad = checkArgs(args);
        if (bad != null) {
            return bad;
        }
        ShelfMode now = shelves.mode();
        if (now == ShelfMode.FIRE) {
            return CommandResult.refused("the room is in fire mode, which already holds every column");
        }
        if (now != ShelfMode.LOCKED) {
            shelves.setMode(ShelfMode.LOCKED, "central:" + id);
        }
        return CommandResult.ok(Map.of("mode", ShelfMode.LOCKED.name(), "before", now.name()));
    }

    static CommandResult unlock(ShelfControl shelves, String id, Map<String, Object> args) {
        CommandResult bad = checkArgs(args);
        if (bad != null) {
            return bad;
        }
        ShelfMode now = shelves.mode();
        if (now == ShelfMode.NORMAL || now == ShelfMode.VENTILATION) {
            return CommandResult.ok(Map.of("mode", now.name(), "before", now.name()));
        }
        if (now != ShelfMode.LOCKED) {
            return CommandResult.refused("unlock ends a lock only; the shelving is in " + now
                    + " mode, which staff in the room end at the panel");
        }
        shelves.setMode(ShelfMode.NORMAL, "central:" + id);
        return CommandResult.ok(Map.of("mode", ShelfMode.NORMAL.name(), "before", now.name()));
    }
}
