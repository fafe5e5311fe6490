package org.storeroom.gateway.api;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a command, published on {@code cmd-result} as {@code {id, status, reason, data}}.
 *
 * @param status ok, refused (not done, and why) or error (failed while being done)
 * @param reason in words, empty when ok
 * @param data   figures for the central system (JSON-able values)
 */
public record CommandResult(Status status, String reason, Map<String, Object> data) {
    /** How a command ended. */
    public enum Status { OK, REFUSED, ERROR }

    public CommandResult {
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    public static CommandResult ok(Map<String, Object> data) {
        return new CommandResult(Status.OK, "", data);
    }

    public static CommandResult refused(String reason) {
        return new CommandResult(Status.REFUSED, reason, Map.of());
    }

    public static CommandResult error(String reason) {
        return new CommandResult(Status.ERROR, reason, Map.of());
    }
}
