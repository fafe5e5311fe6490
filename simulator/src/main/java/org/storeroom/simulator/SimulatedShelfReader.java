package org.storeroom.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fixed shelf antennas: an LLRP reader on {@code 127.0.3.3} (port 5084 in the demo) whose antenna n is
 * fitted to the n-th face it was given, and reads every box standing on that face once a second, with
 * the emulator's misses and RSSI noise. A box taken off the face is no longer read there; the other
 * boxes go on being read, which is how the gateway tells a departure from a reader gone quiet. No
 * antenna is fitted until {@link #fit} is called.
 */
public final class SimulatedShelfReader implements AutoCloseable {
    /** The reader's name in the gateway's configuration. */
    public static final String READER = "shelf";
    /** Antennas one reader drives (through multiplexers, as shelf installations do). */
    public static final int MAX_ANTENNAS = 64;

    private final ShelfContents shelves;
    private final LlrpReaderEmulator reader;
    private final List<ShelfContents.Face> faces = new CopyOnWriteArrayList<>();

    SimulatedShelfReader(int port, ShelfContents shelves) {
        this.shelves = shelves;
        try {
            reader = new LlrpReaderEmulator(new InetSocketAddress("127.0.3.3", port), this::sees, 1000);
        } catch (IOException e) {
            throw new UncheckedIOException("the shelf antennas' reader cannot listen on 127.0.3.3:" + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fits an antenna to each face, numbered from 1 in the order given (after those fitted before).
     *
     * @throws IllegalArgumentException when a face already has one, or the reader would drive more than {@value #MAX_ANTENNAS}
     */
    public synchronized void fit(List<ShelfContents.Face> more) {
        for (ShelfContents.Face f : more) {
            if (faces.contains(f)) {
                throw new IllegalArgumentException("face " + f + " already has a shelf antenna");
            }
        }
        if (faces.size() + more.size() > MAX_ANTENNAS) {
            throw new IllegalArgumentException((faces.size() + more.size()) + " shelf antennas are more than one reader drives ("
                    + MAX_ANTENNAS + ")");
        }
        faces.addAll(more);
    }

    private List<LlrpReaderEmulator.Sighting> sees() {
        List<LlrpReaderEmulator.Sighting> out = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            for (String epc : shelves.on(faces.get(i))) {
                out.add(new LlrpReaderEmulator.Sighting(i + 1, epc, -55));
            }
        }
        return out;
    }

    /** @return the gateway's configuration of this reader: {@code shelf=127.0.3.3:PORT} */
    public String llrpReadersConfig() {
        return READER + "=" + reader.address().getAddress().getHostAddress() + ":" + reader.address().getPort();
    }

    /** @return the gateway's configuration of the antennas fitted so far: {@code shelf:1=C07-A} and so on */
    public String[] antennasConfig() {
        String[] out = new String[faces.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = READER + ":" + (i + 1) + "=" + faces.get(i);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
