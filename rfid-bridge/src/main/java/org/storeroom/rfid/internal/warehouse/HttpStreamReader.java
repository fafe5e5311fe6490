package org.storeroom.rfid.internal.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.rfid.core.StreamLines;
import org.storeroom.rfid.core.TagRead;
import org.storeroom.rfid.core.VendorEvents;

/**
 * One reader's HTTP event stream (Impinj IoT device interface: {@code GET /api/v1/data/stream}, one JSON
 * event per line for as long as the connection lasts). One thread per reader reads the stream, gathers
 * what has arrived into batches and hands their reads on; a stream that ends, fails, or says nothing
 * (not even a keepalive) for the silence limit is dropped and opened again with doubling back-off
 * (1 s to 60 s, with jitter). Credentials go as HTTP Basic and never into the log.
 */
final class HttpStreamReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpStreamReader.class);
    /** A reader's event is a few hundred bytes; a line beyond this is a broken stream. */
    static final int MAX_LINE = 64 * 1024;
    /** Lines handed on at most per batch, so a busy stream still commits in steps. */
    static final int BATCH_LINES = 500;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rfid-stream-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final String name;
    private final URI uri;
    private final String authorization;
    private final long silenceMs;
    private final Consumer<List<TagRead>> reads;
    private final HttpClient http;
    private final Thread thread;
    private final ScheduledFuture<?> watchdog;
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong tagReads = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong tooLong = new AtomicLong();
    private volatile String state = "connecting";
    private volatile String lastError = "";
    private volatile InputStream current;
    private volatile long lastHeard;
    /** Set by the watchdog when it ends a quiet stream, so the error says so. */
    private volatile boolean quiet;
    private volatile boolean closed;

    /**
     * @param name      the reader's name, for events that do not carry their host and for health
     * @param uri       the stream, e.g. {@code https://192.168.10.20/api/v1/data/stream}
     * @param user      Basic credentials, or empty for none
     * @param silenceMs a stream quiet this long is dropped and opened again
     * @param reads     takes each batch's reads, on this reader's thread
     */
    HttpStreamReader(String name, URI uri, String user, String password, long silenceMs, Consumer<List<TagRead>> reads) {
        this.name = name;
        this.uri = uri;
        this.authorization = user.isEmpty() ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.silenceMs = silenceMs;
        this.reads = reads;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        this.thread = new Thread(this::run, "rfid-stream-" + name);
        thread.setDaemon(true);
        thread.start();
        long every = Math.max(100, silenceMs / 4);
        this.watchdog = WATCHDOG.scheduleWithFixedDelay(this::watch, every, every, TimeUnit.MILLISECONDS);
    }

    private void run() {
        long backoff = 1000;
        while (!closed) {
            try {
                state = "connecting";
                HttpRequest.Builder rq = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET()
                        .header("Accept", "application/x-ndjson, application/json");
                if (authorization != null) {
                    rq.header("Authorization", authorization);
                }
                HttpResponse<InputStream> r = http.send(rq.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = r.body()) {
                    if (r.statusCode() != 200) {
                        throw new IOException(r.statusCode() == 401 || r.statusCode() == 403
                                ? "the reader refused the credentials (HTTP " + r.statusCode() + ")"
                                : "the reader answered HTTP " + r.statusCode() + ", not its event stream");
                    }
                    quiet = false;
                    lastHeard = System.currentTimeMillis();
                    current = in;
                    connects.incrementAndGet();
                    state = "streaming";
                    lastError = "";
                    backoff = 1000;
                    LOG.info("reader {}: event stream {} open", name, uri);
                    receive(in);
                    throw new IOException("the reader ended the stream");
                }
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    break;
                }
                state = "reconnecting";
                lastError = quiet ? "nothing heard for " + silenceMs + " ms" : describe(e);
                LOG.warn("reader {} at {}: {}; opening the stream again in {} ms", name, uri, lastError, backoff);
            } catch (InterruptedException e) {
                break;
            } finally {
                current = null;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 4 + 1));
            } catch (InterruptedException e) {
                break;
            }
            backoff = Math.min(60_000, backoff * 2);
        }
        state = "closed";
    }

    /** Java's HTTP client often gives no message: say what happened in words. */
    private static String describe(Exception e) {
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "the reader did not answer within 5 s";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "the reader accepted the connection but sent no answer within 10 s";
        }
        if (e instanceof java.net.ConnectException) {
            return "the reader does not accept connections";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Reads until the stream ends; each pass hands on the whole lines that have arrived. */
    private void receive(InputStream in) throws IOException {
        StreamLines splitter = new StreamLines(MAX_LINE);
        java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream(1 << 16);
        int[] inBatch = {0};
        byte[] buf = new byte[1 << 16];
        while (!closed) {
            int n = in.read(buf);
            if (n < 0) {
                return;
            }
            lastHeard = System.currentTimeMillis();
            long dropped = splitter.tooLong();
            splitter.take(buf, 0, n, line -> {
                batch.write(line, 0, line.length);
                batch.write('\n');
                inBatch[0]++;
            });
            tooLong.addAndGet(splitter.tooLong() - dropped);
            if (inBatch[0] > 0 && (inBatch[0] >= BATCH_LINES || in.available() == 0)) {
                hand(batch.toByteArray(), inBatch[0]);
                batch.reset();
                inBatch[0] = 0;
            }
        }
    }

    private void hand(byte[] payload, int count) {
        lines.addAndGet(count);
        VendorEvents.Parsed p = VendorEvents.parse(payload, name);
        if (!p.rejected().isEmpty() && rejected.getAndAdd(p.rejected().size()) < 20) {
            LOG.warn("reader {}: {} events rejected, e.g. {}", name, p.rejected().size(), p.rejected().get(0));
        }
        if (!p.reads().isEmpty()) {
            tagReads.addAndGet(p.reads().size());
            reads.accept(p.reads());
        }
    }

    /** Closes a stream that has gone quiet: its blocked read then ends and the stream is opened again. */
    private void watch() {
        InputStream in = current;
        if (in != null && System.currentTimeMillis() - lastHeard > silenceMs) {
            quiet = true;
            try {
                in.close();
            } catch (IOException e) {
                LOG.debug("reader {}: closing a quiet stream: {}", name, e.getMessage());
            }
        }
    }

    /** The reader's health: state, counts and the last error. */
    Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", uri.toString());
        m.put("state", state);
        m.put("connects", connects.get());
        m.put("events", lines.get());
        m.put("reads", tagReads.get());
        m.put("rejectedEvents", rejected.get());
        m.put("linesTooLong", tooLong.get());
        m.put("lastError", lastError);
        return m;
    }

    boolean streaming() {
        return "streaming".equals(state);
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        closed = true;
        watchdog.cancel(false);
        InputStream in = current;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
