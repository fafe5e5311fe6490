package org.storeroom.gateway.internal.uplink;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.gateway.api.AuditLog;
import org.storeroom.gateway.api.CommandHandler;
import org.storeroom.gateway.api.CommandResult;
import org.storeroom.gateway.api.Store;
import org.storeroom.gateway.api.StoreException;

/**
 * Carries out commands from the central system one at a time, on its own thread: checks each against
 * the allow-list, answers a repeated id with its first result, refuses motion unless allowed, calls the
 * subsystem's handler, and records the result, an audit entry and the {@code cmd-result} reply in one
 * transaction. A malformed, stale or unknown command changes nothing but that record.
 */
final class CommandDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);

    /** A registered handler and whether its command moves shelving. */
    record Handler(CommandHandler handler, boolean motion) { }

    private final Store store;
    private final OutboxTable outbox;
    private final AuditLog audit;
    private final Function<String, Optional<Handler>> handlers;
    private final UplinkSettings settings;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final ThreadPoolExecutor worker;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    CommandDispatcher(Store store, OutboxTable outbox, AuditLog audit, Function<String, Optional<Handler>> handlers,
                      UplinkSettings settings, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.audit = audit;
        this.handlers = handlers;
        this.settings = settings;
        this.clock = clock;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100), r -> {
            Thread t = new Thread(r, "uplink-commands");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a command as it arrived on {@code …/cmd/{name}}; called on Paho's thread, never blocks. */
    void submit(String name, byte[] payload) {
        received.incrementAndGet();
        try {
            worker.execute(() -> accept(name, payload));
        } catch (RejectedExecutionException e) {
            // Not carried out and not answered: the central side sees no result and sends it again.
            long n = dropped.incrementAndGet();
            LOG.warn("uplink: {} commands waiting already; command on cmd/{} not taken ({} so far)", 100, name, n);
        }
    }

    /** Handles one command to the end. Package-private for tests, which call it directly. */
    void accept(String name, byte[] payload) {
        Instant now = clock.instant();
        CommandRequest request;
        try {
            request = CommandRequest.parse(name, payload, settings.commands(), now);
        } catch (CommandRequest.Rejected r) {
            refused.incrementAndGet();
            LOG.warn("uplink: command on cmd/{} refused: {}", name, r.getMessage());
            String id = r.id == null ? "" : r.id;
            if (!id.isEmpty() && answerRepeat(name, id)) {
                return;
            }
            record(name, id, now, CommandResult.refused(r.getMessage()));
            return;
        }
        if (answerRepeat(name, request.id())) {
            return;
        }
        CommandResult result;
        Optional<Handler> h = handlers.apply(name);
        if (h.isEmpty()) {
            result = CommandResult.refused("no part of this gateway carries out " + name + " (is its subsystem running?)");
        } else if (h.get().motion() && !settings.allowMotionCommands()) {
            result = CommandResult.refused(name + " moves shelving, and motion from outside the room is switched off here");
        } else {
            try {
                result = h.get().handler().handle(request.id(), request.args());
                if (result == null) {
                    result = CommandResult.error(name + " gave no result");
                }
            } catch (RuntimeException e) {
                LOG.error("uplink: command {} {} failed", name, request.id(), e);
                result = CommandResult.error(name + " failed: " + e.getMessage());
            }
        }
        if (result.status() != CommandResult.Status.OK) {
            refused.incrementAndGet();
        }
        record(name, request.id(), now, result);
    }

    /** Answers an id seen before with its first result. @return whether it was a repeat */
    private boolean answerRepeat(String name, String id) {
        try {
            Optional<byte[]> first = store.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT result FROM uplink_command WHERE id = ?")) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                    }
                }
            });
            if (first.isEmpty()) {
                return false;
            }
            Object reply = json.readValue(first.get(), Map.class);
            store.write(c -> {
                audit.append(c, "central", "command.repeated", "command " + id, Map.of("name", String.valueOf(name)));
                return outbox.message(c, "cmd-result", reply);
            });
            LOG.info("uplink: command {} repeated; answered with its first result", id);
            return true;
        } catch (StoreException | IOException e) {
            LOG.error("uplink: cannot look up command {}", id, e);
            return true; // not carried out: the central side sends it again
        }
    }

    private void record(String name, String id, Instant received, CommandResult result) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("id", id);
        reply.put("status", result.status().name().toLowerCase(java.util.Locale.ROOT));
        reply.put("reason", result.reason());
        reply.put("data", result.data());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", name == null ? "" : name);
        detail.put("status", reply.get("status"));
        detail.put("reason", result.reason());
        try {
            byte[] bytes = json.writeValueAsBytes(reply);
            store.write(c -> {
                if (!id.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO uplink_command(id, name, received, result) VALUES (?, ?, ?, ?)")) {
                        ps.setString(1, id);
                        ps.setString(2, name == null ? "" : name);
                        ps.setString(3, received.toString());
                        ps.setBytes(4, bytes);
                        ps.executeUpdate();
                    }
                }
                audit.append(c, "central", "command", "command " + (id.isEmpty() ? "without id" : id), detail);
                return outbox.message(c, "cmd-result", reply);
            });
        } catch (StoreException | IOException e) {
            LOG.error("uplink: result of command {} {} could not be recorded", name, id, e);
        }
    }

    Map<String, Object> counters() {
        return Map.of("commandsReceived", received.get(), "commandsRefused", refused.get(), "commandsDropped", dropped.get());
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
