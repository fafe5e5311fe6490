package org.storeroom.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A server-sent event stream from the API, read as a browser's EventSource reads it: named events, JSON data. */
final class LiveEvents implements AutoCloseable {
    record Event(String name, JsonNode data) { }

    final int status;
    final String contentType;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> reading = new CompletableFuture<>();
    private final Stream<String> lines;
    private volatile boolean ended;

    LiveEvents(HttpResponse<Stream<String>> response) {
        status = response.statusCode();
        contentType = response.headers().firstValue("Content-Type").orElse("");
        lines = response.body();
        Thread reader = new Thread(() -> {
            read(lines);
            reading.complete(null);
        }, "live-events-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Stream<String> lines) {
        String[] name = {"message"};
        StringBuilder data = new StringBuilder();
        try (lines) {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        try {
                            events.add(new Event(name[0], ApiBrowser.JSON.readTree(data.toString())));
                        } catch (Exception e) {
                            events.add(new Event("unreadable", ApiBrowser.JSON.getNodeFactory().textNode(data.toString())));
                        }
                    }
                    name[0] = "message";
                    data.setLength(0);
                } else if (line.startsWith("event: ")) {
                    name[0] = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            });
        } catch (RuntimeException e) {
            // closed by the test
        } finally {
            ended = true;
        }
    }

    /** @return the first event named {@code name} whose data matches, skipping others; fails after {@code ms} */
    JsonNode next(String name, long ms, Predicate<JsonNode> matches) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        Event last = null;
        while (true) {
            long left = until - System.nanoTime();
            Event e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no '" + name + "' event as awaited within " + ms + " ms; last event: " + last
                        + (ended ? " (the stream has ended)" : ""));
            }
            last = e;
            if (e.name().equals(name) && matches.test(e.data())) {
                return e.data();
            }
        }
    }

    /** Whether the server has closed the stream, waiting up to {@code ms}. */
    boolean endsWithin(long ms) throws Exception {
        try {
            reading.get(ms, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        lines.close();
    }
}
