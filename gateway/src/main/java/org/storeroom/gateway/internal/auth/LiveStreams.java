package org.storeroom.gateway.internal.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.gateway.api.ApiException;
import org.storeroom.gateway.api.ApiResponse;
import org.storeroom.gateway.api.LiveView;

/**
 * The open server-sent event streams of live views. Each stream sends its view at once, then after every
 * change signal, coalesced to at most one send per {@value #MIN_INTERVAL_MS} ms and only when the JSON
 * differs from the last sent. A comment line every {@value #HEARTBEAT_S} s keeps idle connections open and
 * finds dead ones; a stream whose session has ended gets an {@code end} event and is closed, so an open
 * map does not keep a login alive forever.
 *
 * <p>Sends run on a pool of their own: a client that stops reading blocks only its own stream's thread
 * until the connection times out, never the subsystem that signalled nor the other streams.
 */
final class LiveStreams implements AutoCloseable {
    static final int MIN_INTERVAL_MS = 40;
    static final int HEARTBEAT_S = 15;
    private static final Logger LOG = LoggerFactory.getLogger(LiveStreams.class);
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final int max;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNo = new AtomicInteger();
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> thread(r, "live-send-" + threadNo.incrementAndGet()));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "live-timer"));

    LiveStreams(int max) {
        this.max = max;
        timer.scheduleWithFixedDelay(() -> open.forEach(s -> senders.execute(s::heartbeat)), HEARTBEAT_S, HEARTBEAT_S, TimeUnit.SECONDS);
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    int open() {
        return open.size();
    }

    /**
     * Turns the request into a stream of {@code live}.
     *
     * @param owner the session the stream belongs to (ended with it), or {@code null} for a bearer token
     * @param alive whether the caller's login still holds; asked at every heartbeat, without extending it
     */
    void start(HttpServletRequest req, HttpServletResponse resp, ApiResponse.Live live, String owner, BooleanSupplier alive)
            throws IOException, ApiException {
        if (open.size() >= max) {
            throw new ApiException(503, "busy", "the gateway already serves " + max + " live views; close a panel and try again");
        }
        resp.setStatus(200);
        resp.setContentType("text/event-stream;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        Stream s = new Stream(async, resp, live, owner, alive);
        open.add(s);
        async.addListener(s);
        s.watch = live.view().watch(s::changed);
        if (s.closed.get()) {
            s.watch.close(); // closed before it was watched
        }
        // "retry" tells the browser how soon to come back if the connection drops.
        s.write(": " + live.event() + "\nretry: 2000\n\n");
        s.changed();
    }

    /** A logout: that session's streams get their {@code end} event now rather than at the next heartbeat. */
    void end(String owner) {
        open.stream().filter(s -> owner.equals(s.owner)).forEach(s -> senders.execute(s::end));
    }

    @Override
    public void close() {
        open.forEach(Stream::close);
        timer.shutdownNow();
        senders.shutdownNow();
    }

    private final class Stream implements AsyncListener {
        private final AsyncContext async;
        private final HttpServletResponse resp;
        private final ApiResponse.Live live;
        private final String owner;
        private final BooleanSupplier alive;
        private final AtomicBoolean pending = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile LiveView.Watch watch;
        private volatile long lastSentNs = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(MIN_INTERVAL_MS);
        private byte[] last;

        Stream(AsyncContext async, HttpServletResponse resp, ApiResponse.Live live, String owner, BooleanSupplier alive) {
            this.async = async;
            this.resp = resp;
            this.live = live;
            this.owner = owner;
            this.alive = alive;
        }

        /** Called by the view on any thread: one send is scheduled, however many signals arrive meanwhile. */
        void changed() {
            if (closed.get() || !pending.compareAndSet(false, true)) {
                return;
            }
            long waitNs = lastSentNs + TimeUnit.MILLISECONDS.toNanos(MIN_INTERVAL_MS) - System.nanoTime();
            try {
                if (waitNs <= 0) {
                    senders.execute(this::send);
                } else {
                    timer.schedule(() -> senders.execute(this::send), waitNs, TimeUnit.NANOSECONDS);
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                close(); // shutting down
            }
        }

        private synchronized void send() {
            pending.set(false);
            if (closed.get()) {
                return;
            }
            byte[] data;
            try {
                data = JSON.writeValueAsBytes(live.view().now());
            } catch (IOException | RuntimeException e) {
                LOG.error("live view '{}' could not be written; its stream is closed", live.event(), e);
                close();
                return;
            }
            lastSentNs = System.nanoTime();
            if (Arrays.equals(data, last)) {
                return;
            }
            last = data;
            // JSON from Jackson's default printer has no line breaks, so one data line holds it.
            write("event: " + live.event() + "\ndata: " + new String(data, StandardCharsets.UTF_8) + "\n\n");
        }

        synchronized void heartbeat() {
            if (closed.get()) {
                return;
            }
            if (!alive.getAsBoolean()) {
                end();
                return;
            }
            write(": keep-alive\n\n");
        }

        synchronized void end() {
            write("event: end\ndata: {\"error\":\"unauthenticated\",\"message\":\"the login has ended\"}\n\n");
            close();
        }

        synchronized void write(String text) {
            if (closed.get()) {
                return;
            }
            try {
                resp.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
                resp.flushBuffer();
            } catch (IOException | IllegalStateException e) {
                LOG.debug("live stream '{}' ended: {}", live.event(), e.toString());
                close();
            }
        }

        void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            open.remove(this);
            LiveView.Watch w = watch;
            if (w != null) {
                w.close();
            }
            try {
                async.complete();
            } catch (IllegalStateException e) {
                // already completed by the container
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            close();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            close();
        }

        @Override
        public void onError(AsyncEvent event) {
            close();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // nothing to do
        }
    }
}
