package org.storeroom.gateway.api;

import java.sql.Connection;
import java.sql.SQLException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the gateway tells the central archive service, recorded in the same transaction as the change it
 * describes, so that a change is never committed without its message nor a message sent for a change
 * that was rolled back. The uplink publishes recorded messages in order and forgets each only once the
 * broker has acknowledged it.
 *
 * <p>Every message gets a gateway-wide {@code seq}, strictly increasing and never reused, also across
 * restarts. Call these methods only from inside {@link Store#write} work, with its connection.
 */
@ProviderType
public interface Outbox {
    /**
     * Records an event for {@code events/{type}} as the envelope {@code {seq, id, ts, type, data}}.
     *
     * @param type one of alarm, motion, access, whereabouts, inventory, climate, audit (lower-case words
     *             and hyphens, up to 32 characters)
     * @param data what happened: anything Jackson writes as a JSON object
     * @return the event's seq
     * @throws IllegalArgumentException when the type is not a valid topic level, naming it
     */
    long event(Connection tx, String type, Object data) throws SQLException;

    /**
     * Records a message for another topic under the room's root, e.g. {@code index/delta} or
     * {@code cmd-result}, with {@code payload} as its whole JSON body. Telemetry ({@code telemetry/...})
     * is the one kind that is shed, counted and logged, when the outbox is over capacity.
     *
     * @return the message's seq, or -1 when telemetry was shed
     */
    long message(Connection tx, String topic, Object payload) throws SQLException;

    /**
     * Whether the message with this {@code seq} is recorded and not yet acknowledged by the broker, so that
     * work already on its way need not be queued a second time.
     */
    boolean pending(Connection tx, long seq) throws SQLException;
}
