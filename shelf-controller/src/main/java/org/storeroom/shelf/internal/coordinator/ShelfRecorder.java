package org.storeroom.shelf.internal.coordinator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.gateway.api.AuditLog;
import org.storeroom.gateway.api.Outbox;
import org.storeroom.gateway.api.Store;
import org.storeroom.gateway.api.StoreException;
import org.storeroom.shelf.api.Refusal;

/**
 * Records what the shelving was asked and what it did, in the audit log and as {@code motion} events for
 * the central service. The coordinator hands records over and never waits: a thread of its own writes
 * them in batches, one transaction each, so that a slow disk never delays a stop or a lease renewal.
 * Should the queue ever fill, records are counted and logged as lost, loudly, and motion goes on.
 */
@Component(service = ShelfRecorder.class, immediate = true)
public final class ShelfRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(ShelfRecorder.class);
    private static final int QUEUE = 10_000;
    private static final int BATCH = 500;

    /** One operation: who asked, what, on what, and how it ended. */
    record Entry(String actor, String action, String target, Map<String, Object> detail, boolean event) { }

    private final Store store;
    private final Outbox outbox;
    private final AuditLog audit;
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread writer;
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private volatile boolean running = true;

    @Activate
    public ShelfRecorder(@Reference Store store, @Reference Outbox outbox, @Reference AuditLog audit) {
        this.store = store;
        this.outbox = outbox;
        this.audit = audit;
        writer = new Thread(this::run, "shelf-recorder");
        writer.setDaemon(true);
        writer.start();
    }

    /** A request's decision or end: audited, and sent as a motion event. */
    void request(String requestId, String origin, String action, String target, String outcome, Refusal why) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("request", requestId);
        d.put("outcome", outcome);
        if (why != null) {
            d.put("reason", why.reason().name());
            d.put("why", why.reason().en());
            d.put("whyZh", why.reason().zh());
            d.put("detail", why.detail());
        }
        offer(new Entry(origin, action, target, d, true));
    }

    /** An operation that is not a request (mode change, reset, stop all): audited, and sent as a motion event. */
    void operation(String origin, String action, String target, Map<String, Object> detail) {
        offer(new Entry(origin, action, target, detail, true));
    }

    private void offer(Entry e) {
        if (!queue.offer(e)) {
            long n = lost.incrementAndGet();
            if (n == 1 || n % 100 == 0) {
                LOG.error("shelf recorder behind by {} records: {} not recorded so far (latest: {} {} by {})",
                        QUEUE, n, e.action(), e.target(), e.actor());
            }
        }
    }

    private void run() {
        List<Entry> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                store.write(c -> {
                    for (Entry e : batch) {
                        audit.append(c, e.actor(), e.action(), e.target(), e.detail());
                        if (e.event()) {
                            Map<String, Object> data = new LinkedHashMap<>();
                            data.put("actor", e.actor());
                            data.put("action", e.action());
                            data.put("target", e.target());
                            data.putAll(e.detail());
                            outbox.event(c, "motion", data);
                        }
                    }
                    return null;
                });
                written.addAndGet(batch.size());
            } catch (StoreException e) {
                if (e.getCause() instanceof IllegalArgumentException bad) {
                    lost.addAndGet(batch.size());
                    LOG.error("shelf recorder: {} records refused by the audit log and not recorded: {}", batch.size(), bad.getMessage());
                    batch.clear();
                    continue;
                }
                // Kept in memory and tried again: the database may come back (disk full, locked).
                LOG.error("shelf recorder cannot write {} records; retrying", batch.size(), e);
                sleepQuietly();
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            batch.clear();
        }
    }

    private static void sleepQuietly() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return records written, and records lost to a full queue */
    Map<String, Object> counters() {
        return Map.of("recordsWritten", written.get(), "recordsLost", lost.get());
    }

    @Deactivate
    void close() {
        running = false;
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
