package org.storeroom.rfid.internal.llrp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.llrp.ltk.generated.enumerations.ConnectionAttemptStatusType;
import org.llrp.ltk.generated.enumerations.StatusCode;
import org.llrp.ltk.generated.messages.KEEPALIVE;
import org.llrp.ltk.generated.messages.KEEPALIVE_ACK;
import org.llrp.ltk.generated.messages.READER_EVENT_NOTIFICATION;
import org.llrp.ltk.generated.messages.RO_ACCESS_REPORT;
import org.llrp.ltk.generated.parameters.LLRPStatus;
import org.llrp.ltk.types.LLRPMessage;
import org.llrp.ltk.types.UnsignedInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.rfid.core.TagRead;

/**
 * One fixed reader over LLRP (TCP 5084): connects, waits for the reader's connection event, sets
 * keepalives, replaces any ROSpec with ours and enables it, then hands each tag report's reads to the
 * consumer. A reader that goes quiet for three keepalive periods, closes the link, refuses a step or
 * sends something that is not LLRP is dropped and connected again with doubling back-off (1 s to 60 s,
 * with jitter). One thread per reader owns its socket: ltkjava is used only to encode and decode.
 */
public final class LlrpReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LlrpReader.class);
    static final int KEEPALIVE_MS = 5000;
    static final int REPORT_EVERY = 50;

    private final String name;
    private final InetSocketAddress address;
    private final Consumer<List<TagRead>> reads;
    private final Thread thread;
    private final AtomicLong reports = new AtomicLong();
    private final AtomicLong tagReads = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong problems = new AtomicLong();
    private volatile String state = "connecting";
    private volatile String lastError = "";
    private volatile Socket socket;
    private volatile boolean closed;
    private long nextId = 1;

    /**
     * @param name  the reader's name, as the antennas configuration uses it
     * @param reads takes each report's reads, on this reader's thread
     */
    public LlrpReader(String name, InetSocketAddress address, Consumer<List<TagRead>> reads) {
        this.name = name;
        this.address = address;
        this.reads = reads;
        this.thread = new Thread(this::run, "llrp-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long backoff = 1000;
        while (!closed) {
            try (Socket s = new Socket()) {
                socket = s;
                state = "connecting";
                // Resolved at every attempt: a reader's name may point elsewhere after a replacement.
                s.connect(new InetSocketAddress(address.getHostString(), address.getPort()), 5000);
                s.setSoTimeout(3 * KEEPALIVE_MS);
                s.setTcpNoDelay(true);
                InputStream in = new java.io.BufferedInputStream(s.getInputStream(), 1 << 16);
                OutputStream out = new java.io.BufferedOutputStream(s.getOutputStream());
                setUp(in, out);
                connects.incrementAndGet();
                state = "reading";
                lastError = "";
                backoff = 1000;
                LOG.info("LLRP reader {} at {} is reading", name, address);
                receive(in, out);
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    break;
                }
                state = "reconnecting";
                lastError = e instanceof SocketTimeoutException ? "no keepalive for " + 3 * KEEPALIVE_MS + " ms"
                        : e instanceof EOFException ? "the reader closed the connection" : String.valueOf(e.getMessage());
                LOG.warn("LLRP reader {} at {}: {}; connecting again in {} ms", name, address, lastError, backoff);
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

    /** The reader speaks first; then our configuration, step by step, each answered with success. */
    private void setUp(InputStream in, OutputStream out) throws IOException {
        LLRPMessage first = LlrpFrames.read(in);
        if (!(first instanceof READER_EVENT_NOTIFICATION n) || n.getReaderEventNotificationData().getConnectionAttemptEvent() == null) {
            throw new IOException("the reader's first message is " + first.getName() + ", not its connection event");
        }
        int status = n.getReaderEventNotificationData().getConnectionAttemptEvent().getStatus().intValue();
        if (status != ConnectionAttemptStatusType.Success) {
            throw new IOException("the reader refused the connection (status " + status + "; another client may hold it)");
        }
        transact(in, out, LlrpSpecs.readerConfig(KEEPALIVE_MS));
        transact(in, out, LlrpSpecs.deleteAll());
        transact(in, out, LlrpSpecs.addRoSpec(REPORT_EVERY));
        transact(in, out, LlrpSpecs.enable());
    }

    /** Sends a request and waits for its response, taking reports that arrive meanwhile. */
    private void transact(InputStream in, OutputStream out, LLRPMessage request) throws IOException {
        long id = nextId++;
        request.setMessageID(new UnsignedInteger(id));
        LlrpFrames.write(out, request);
        String expected = request.getResponseType();
        while (true) {
            LLRPMessage m = LlrpFrames.read(in);
            if (m.getName().equals(expected) && m.getMessageID().toLong() == id) {
                LLRPStatus s = status(m);
                if (s != null && s.getStatusCode().intValue() != StatusCode.M_Success) {
                    throw new IOException("the reader refused " + request.getName() + ": " + s.getStatusCode()
                            + (s.getErrorDescription() == null ? "" : " " + s.getErrorDescription()));
                }
                return;
            }
            take(m, out);
        }
    }

    private static LLRPStatus status(LLRPMessage m) {
        try {
            return (LLRPStatus) m.getClass().getMethod("getLLRPStatus").invoke(m);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private void receive(InputStream in, OutputStream out) throws IOException {
        while (!closed) {
            take(LlrpFrames.read(in), out);
        }
    }

    private void take(LLRPMessage m, OutputStream out) throws IOException {
        if (m instanceof RO_ACCESS_REPORT report) {
            LlrpSpecs.Decoded d = LlrpSpecs.reads(name, report, System.currentTimeMillis());
            reports.incrementAndGet();
            tagReads.addAndGet(d.reads().size());
            if (!d.problems().isEmpty() && problems.getAndAdd(d.problems().size()) < 20) {
                LOG.warn("LLRP reader {}: {} tag entries not used, e.g. {}", name, d.problems().size(), d.problems().get(0));
            }
            if (!d.reads().isEmpty()) {
                reads.accept(d.reads());
            }
        } else if (m instanceof KEEPALIVE k) {
            KEEPALIVE_ACK ack = new KEEPALIVE_ACK();
            ack.setMessageID(k.getMessageID());
            LlrpFrames.write(out, ack);
        } else if (m instanceof READER_EVENT_NOTIFICATION) {
            LOG.debug("LLRP reader {}: event {}", name, m.getName());
        }
    }

    /** The reader's health: state, counts and the last error. */
    public Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", address.getHostString() + ":" + address.getPort());
        m.put("state", state);
        m.put("connects", connects.get());
        m.put("reports", reports.get());
        m.put("reads", tagReads.get());
        m.put("badEntries", problems.get());
        m.put("lastError", lastError);
        return m;
    }

    public boolean reading() {
        return "reading".equals(state);
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        closed = true;
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
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
