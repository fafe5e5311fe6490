package org.storeroom.gateway.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A subsystem's report of its own health, registered as a service. The gateway collects every
 * registered check for {@code GET /api/v1/health}; a subsystem the gateway expects but that has no
 * registered check is reported as down.
 *
 * <p>{@link #check()} is called on an HTTP thread whenever health is asked for: it must return within
 * milliseconds, from state the subsystem already holds, and must not throw.
 */
@ConsumerType
public interface HealthCheck {
    /** @return the subsystem's name, e.g. {@code store}, {@code device-bus}, {@code uplink}. */
    String subsystem();

    /** @return the subsystem's health now. */
    SubsystemHealth check();
}
