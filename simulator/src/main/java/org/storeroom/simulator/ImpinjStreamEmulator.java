package org.storeroom.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A reader with the Impinj IoT device interface's HTTP stream: {@code GET /api/v1/data/stream} answers
 * with one JSON event per line for as long as the client stays, a {@code tagInventoryEvent} per tag seen
 * every {@code reportEveryMs} (10 % missed, ±3 dB of RSSI noise) and, when nothing is seen, a keepalive
 * event every second. HTTP Basic credentials as the reader's (the factory default is root / impinj).
 *
 * <p>For tests of what goes wrong: {@link #dropStreams()} (the reader restarts mid-stream),
 * {@link #silence(boolean)} (the stream stays open and says nothing) and {@link #send(String)} (any line).
 */
public final class ImpinjStreamEmulator implements AutoCloseable {
    /** What an antenna sees now: a tag and how strongly. */
    public record Sighting(int antennaPort, String epcHex, int rssiDbm) { }

    private static final String END = "\u0000end";

    private final HttpServer server;
    private final String hostname;
    private final String authorization;
    private final Supplier<List<Sighting>> sees;
    private final int reportEveryMs;
    private final Random noise = new Random(7);
    private final AtomicInteger streams = new AtomicInteger();
    private final List<BlockingQueue<String>> open = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean silent;

    /**
     * @param bind     where to listen, e.g. {@code 127.0.3.20:0}
     * @param hostname the reader's name, sent in each event
     * @param user     Basic credentials the reader asks for
     */
    public ImpinjStreamEmulator(InetSocketAddress bind, String hostname, String user, String password,
                                Supplier<List<Sighting>> sees, int reportEveryMs) throws IOException {
        this.hostname = hostname;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.sees = sees;
        this.reportEveryMs = reportEveryMs;
        this.server = HttpServer.create(bind, 8);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "impinj-stream-" + hostname);
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/api/v1/data/stream", this::stream);
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** @return the stream's URL */
    public String url() {
        return "http://" + address().getAddress().getHostAddress() + ":" + address().getPort() + "/api/v1/data/stream";
    }

    /** @return streams served so far */
    public int streams() {
        return streams.get();
    }

    /** Ends every open stream, as a reader that restarts. */
    public void dropStreams() {
        open.forEach(q -> q.add(END));
    }

    /** Stops (or resumes) sending anything, keepalives included, while streams stay open. */
    public void silence(boolean on) {
        silent = on;
    }

    /** Sends one line, as is, on every open stream. */
    public void send(String line) {
        open.forEach(q -> q.add(line));
    }

    private void stream(HttpExchange x) throws IOException {
        try (x) {
            if (!"GET".equals(x.getRequestMethod())) {
                x.sendResponseHeaders(405, -1);
                return;
            }
            if (!authorization.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"reader\"");
                x.sendResponseHeaders(401, -1);
                return;
            }
            streams.incrementAndGet();
            BlockingQueue<String> mine = new LinkedBlockingQueue<>();
            open.add(mine);
            x.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            long lastSent = System.currentTimeMillis();
            try {
                while (true) {
                    String extra = mine.poll(reportEveryMs, TimeUnit.MILLISECONDS);
                    if (END.equals(extra)) {
                        return;
                    }
                    StringBuilder lines = new StringBuilder();
                    if (extra != null) {
                        lines.append(extra).append('\n');
                    }
                    if (!silent) {
                        String now = Instant.now().toString();
                        for (Sighting s : sees.get()) {
                            if (noise.nextInt(10) == 0) {
                                continue;
                            }
                            int cdbm = (s.rssiDbm() * 100) + noise.nextInt(601) - 300;
                            lines.append("{\"timestamp\":\"").append(now).append("\",\"hostname\":\"").append(hostname)
                                    .append("\",\"eventType\":\"tagInventory\",\"tagInventoryEvent\":{\"epcHex\":\"").append(s.epcHex())
                                    .append("\",\"antennaPort\":").append(s.antennaPort()).append(",\"peakRssiCdbm\":").append(cdbm).append("}}\n");
                        }
                        if (lines.length() == 0 && System.currentTimeMillis() - lastSent >= 1000) {
                            lines.append("{\"timestamp\":\"").append(now).append("\",\"hostname\":\"").append(hostname)
                                    .append("\",\"eventType\":\"keepalive\",\"keepaliveEvent\":{}}\n");
                        }
                    }
                    if (lines.length() > 0) {
                        out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        lastSent = System.currentTimeMillis();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client went away
            } finally {
                open.remove(mine);
            }
        }
    }

    @Override
    public void close() {
        dropStreams();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
