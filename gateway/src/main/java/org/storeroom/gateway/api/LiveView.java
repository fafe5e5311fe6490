package org.storeroom.gateway.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something the panel watches live, such as the room map or the fire alarm: what it shows now, and a
 * signal whenever that may have changed. A route answers with {@link ApiResponse#live}; the gateway then
 * keeps the request open as server-sent events, sends the view at once and again after each signal (at
 * most every few tens of milliseconds, and only when it differs from what it sent last).
 */
@ConsumerType
public interface LiveView {
    /** @return what the view shows now, a value Jackson can write; called on the gateway's stream threads */
    Object now();

    /**
     * Calls {@code changed} whenever the view may have changed, until the returned handle is closed. It may
     * be called on any thread and often; it only marks the view for sending and never blocks.
     */
    Watch watch(Runnable changed);

    /** Stops the signals of one {@link #watch}. */
    @FunctionalInterface
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
