package org.storeroom.gateway.api;

import java.util.Map;
import java.util.Objects;

/**
 * Health of one subsystem.
 *
 * @param status  up, degraded (working with reduced capacity) or down
 * @param summary one sentence a facilities person understands, e.g. "44 of 45 column nodes answer"
 * @param details figures behind the summary (numbers, strings, booleans), for people who dig deeper
 */
public record SubsystemHealth(Status status, String summary, Map<String, Object> details) {

    /** Health states, worst last. */
    public enum Status {
        UP, DEGRADED, DOWN;

        /** @return the worse of the two. */
        public Status worst(Status other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }

    public SubsystemHealth {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static SubsystemHealth up(String summary, Map<String, Object> details) {
        return new SubsystemHealth(Status.UP, summary, details);
    }

    public static SubsystemHealth degraded(String summary, Map<String, Object> details) {
        return new SubsystemHealth(Status.DEGRADED, summary, details);
    }

    public static SubsystemHealth down(String summary, Map<String, Object> details) {
        return new SubsystemHealth(Status.DOWN, summary, details);
    }
}
