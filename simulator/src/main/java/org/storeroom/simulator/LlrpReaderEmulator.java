package org.storeroom.simulator;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.llrp.ltk.generated.enumerations.ConnectionAttemptStatusType;
import org.llrp.ltk.generated.enumerations.StatusCode;
import org.llrp.ltk.generated.messages.ENABLE_ROSPEC;
import org.llrp.ltk.generated.messages.KEEPALIVE;
import org.llrp.ltk.generated.messages.KEEPALIVE_ACK;
import org.llrp.ltk.generated.messages.READER_EVENT_NOTIFICATION;
import org.llrp.ltk.generated.messages.RO_ACCESS_REPORT;
import org.llrp.ltk.generated.messages.SET_READER_CONFIG;
import org.llrp.ltk.generated.parameters.AntennaID;
import org.llrp.ltk.generated.parameters.ConnectionAttemptEvent;
import org.llrp.ltk.generated.parameters.EPCData;
import org.llrp.ltk.generated.parameters.EPC_96;
import org.llrp.ltk.generated.parameters.FirstSeenTimestampUTC;
import org.llrp.ltk.generated.parameters.LLRPStatus;
import org.llrp.ltk.generated.parameters.PeakRSSI;
import org.llrp.ltk.generated.parameters.ReaderEventNotificationData;
import org.llrp.ltk.generated.parameters.TagReportData;
import org.llrp.ltk.generated.parameters.UTCTimestamp;
import org.llrp.ltk.types.BitArray_HEX;
import org.llrp.ltk.types.Integer96_HEX;
import org.llrp.ltk.types.LLRPMessage;
import org.llrp.ltk.types.SignedByte;
import org.llrp.ltk.types.UTF8String_UTF_8;
import org.llrp.ltk.types.UnsignedLong_DATETIME;
import org.llrp.ltk.types.UnsignedShort;

/**
 * A fixed UHF reader speaking LLRP on its own loopback address (simulated reader n on
 * {@code 127.0.3.n:5084}): announces each connection, answers configuration with success, and once a
 * ROSpec is enabled reports what its antennas see every {@code reportEveryMs}, as real readers do with
 * misses (10 % of sightings) and RSSI noise (±3 dB). Keepalives at the period the client configured.
 * One client at a time; a second is told that a connection already exists.
 *
 * <p>Framing is written here independently of the gateway's client (ltkjava encodes and decodes), so
 * the two sides of the wire are not one piece of code tested against itself.
 *
 * <p>For tests of what goes wrong: {@link #dropConnection()} (the reader vanishes mid-report) and
 * {@link #sendGarbage()} (a frame that is not LLRP).
 */
public final class LlrpReaderEmulator implements AutoCloseable {
    /** What an antenna sees now: a tag and how strongly. */
    public record Sighting(int antenna, String epcHex, int rssiDbm) { }

    private final ServerSocket server;
    private final Supplier<List<Sighting>> sees;
    private final long reportEveryMs;
    private final Random random = new Random(5084);
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;
    private volatile Socket client;
    private volatile boolean closed;

    public LlrpReaderEmulator(InetSocketAddress bind, Supplier<List<Sighting>> sees, long reportEveryMs) throws IOException {
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(bind);
        this.sees = sees;
        this.reportEveryMs = reportEveryMs;
        acceptor = new Thread(this::accept, "llrp-emulator-" + bind.getHostString());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** @return connections accepted so far */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = server.accept();
                if (client != null && !client.isClosed()) {
                    refuse(s);
                    continue;
                }
                client = s;
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "llrp-emulator-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private static void refuse(Socket s) {
        try (s) {
            OutputStream out = s.getOutputStream();
            LlrpFrames.write(out, connectionEvent(ConnectionAttemptStatusType.Failed_A_Client_Initiated_Connection_Already_Exists));
        } catch (IOException ignored) {
            // the refused client went away
        }
    }

    private static READER_EVENT_NOTIFICATION connectionEvent(int status) {
        READER_EVENT_NOTIFICATION n = new READER_EVENT_NOTIFICATION();
        ReaderEventNotificationData d = new ReaderEventNotificationData();
        UTCTimestamp ts = new UTCTimestamp();
        ts.setMicroseconds(new UnsignedLong_DATETIME(System.currentTimeMillis() * 1000));
        d.setTimestamp(ts);
        ConnectionAttemptEvent e = new ConnectionAttemptEvent();
        e.setStatus(new ConnectionAttemptStatusType(status));
        d.setConnectionAttemptEvent(e);
        n.setReaderEventNotificationData(d);
        return n;
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = new BufferedOutputStream(s.getOutputStream());
            Object lock = new Object();
            LlrpFrames.write(out, connectionEvent(ConnectionAttemptStatusType.Success));
            long[] keepaliveMs = {0};
            Thread reporter = null;
            while (!closed) {
                LLRPMessage m = LlrpFrames.read(in);
                if (m instanceof KEEPALIVE_ACK) {
                    continue;
                }
                if (m instanceof SET_READER_CONFIG c && c.getKeepaliveSpec() != null) {
                    keepaliveMs[0] = c.getKeepaliveSpec().getPeriodicTriggerValue().toLong();
                }
                synchronized (lock) {
                    LlrpFrames.write(out, response(m));
                }
                if (m instanceof ENABLE_ROSPEC && reporter == null) {
                    reporter = new Thread(() -> report(s, out, lock, keepaliveMs[0]), "llrp-emulator-reports");
                    reporter.setDaemon(true);
                    reporter.start();
                }
            }
        } catch (IOException e) {
            // the client went away, or was dropped
        } finally {
            client = null;
        }
    }

    /** The response a real reader gives to a request: its type, the request's id, success. */
    private static LLRPMessage response(LLRPMessage request) throws IOException {
        try {
            LLRPMessage r = (LLRPMessage) Class.forName("org.llrp.ltk.generated.messages." + request.getResponseType())
                    .getDeclaredConstructor().newInstance();
            LLRPStatus status = new LLRPStatus();
            status.setStatusCode(new StatusCode(StatusCode.M_Success));
            status.setErrorDescription(new UTF8String_UTF_8(""));
            r.getClass().getMethod("setLLRPStatus", LLRPStatus.class).invoke(r, status);
            r.setMessageID(request.getMessageID());
            return r;
        } catch (ReflectiveOperationException e) {
            throw new IOException("no response known for " + request.getName(), e);
        }
    }

    private void report(Socket s, OutputStream out, Object lock, long keepaliveMs) {
        long nextKeepalive = System.currentTimeMillis() + keepaliveMs;
        try {
            while (!closed && !s.isClosed()) {
                RO_ACCESS_REPORT r = new RO_ACCESS_REPORT();
                List<TagReportData> data = new ArrayList<>();
                long now = System.currentTimeMillis();
                for (Sighting seen : sees.get()) {
                    if (random.nextInt(10) == 0) {
                        continue; // missed: metal shelves, stacked boxes
                    }
                    data.add(tag(seen, now));
                }
                r.setTagReportDataList(data);
                synchronized (lock) {
                    LlrpFrames.write(out, r);
                    if (keepaliveMs > 0 && now >= nextKeepalive) {
                        LlrpFrames.write(out, new KEEPALIVE());
                        nextKeepalive = now + keepaliveMs;
                    }
                }
                Thread.sleep(reportEveryMs); // the reader's own pace, not a test's synchronisation
            }
        } catch (IOException | InterruptedException e) {
            // connection gone
        }
    }

    private TagReportData tag(Sighting seen, long now) {
        TagReportData t = new TagReportData();
        if (seen.epcHex().length() == 24) {
            EPC_96 e = new EPC_96();
            e.setEPC(new Integer96_HEX(seen.epcHex()));
            t.setEPCParameter(e);
        } else {
            EPCData e = new EPCData();
            e.setEPC(new BitArray_HEX(seen.epcHex()));
            t.setEPCParameter(e);
        }
        AntennaID a = new AntennaID();
        a.setAntennaID(new UnsignedShort(seen.antenna()));
        t.setAntennaID(a);
        PeakRSSI p = new PeakRSSI();
        p.setPeakRSSI(new SignedByte(Math.max(-128, Math.min(0, seen.rssiDbm() + random.nextInt(7) - 3))));
        t.setPeakRSSI(p);
        FirstSeenTimestampUTC f = new FirstSeenTimestampUTC();
        f.setMicroseconds(new UnsignedLong_DATETIME(now * 1000));
        t.setFirstSeenTimestampUTC(f);
        return t;
    }

    /** The reader's side of the framing: header (type, length, id), then the body. */
    private static final class LlrpFrames {
        static LLRPMessage read(InputStream in) throws IOException {
            java.io.DataInputStream d = new java.io.DataInputStream(in);
            byte[] header = new byte[10];
            d.readFully(header);
            long length = ((header[2] & 0xFFL) << 24) | ((header[3] & 0xFF) << 16) | ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
            if (length < 10 || length > (1 << 20)) {
                throw new IOException("frame length " + length);
            }
            byte[] m = java.util.Arrays.copyOf(header, (int) length);
            d.readFully(m, 10, m.length - 10);
            try {
                return org.llrp.ltk.generated.LLRPMessageFactory.createLLRPMessage(m);
            } catch (org.llrp.ltk.exceptions.InvalidLLRPMessageException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        static void write(OutputStream out, LLRPMessage m) throws IOException {
            try {
                out.write(m.encodeBinary());
                out.flush();
            } catch (org.llrp.ltk.exceptions.InvalidLLRPMessageException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

    /** The reader vanishes: its connection is cut, mid-report if one is under way. */
    public void dropConnection() throws IOException {
        Socket s = client;
        if (s != null) {
            s.close();
        }
    }

    /** Sends bytes that are not an LLRP message (version 7, absurd length). */
    public void sendGarbage() throws IOException {
        Socket s = client;
        if (s != null) {
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {(byte) 0xFC, 0x3D, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 1});
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        dropConnection();
    }
}
