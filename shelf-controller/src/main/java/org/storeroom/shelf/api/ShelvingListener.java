package org.storeroom.shelf.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told what the shelving has finished that others must follow up: registered as a service (whiteboard),
 * called on the coordinator's completion threads; must not block.
 */
@ConsumerType
public interface ShelvingListener {
    /**
     * A range is back in its home position after a re-homing (after a fire's all-clear, a person asked
     * for it): boxes may have moved in the emergency, so the warehouse counts the range.
     *
     * @param range  the range, e.g. {@code A}
     * @param origin who asked for the re-homing, e.g. {@code user:wang.fang}
     */
    void rehomed(String range, String origin);
}
