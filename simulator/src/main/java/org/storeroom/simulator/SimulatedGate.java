package org.storeroom.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store room's door gate: a fixed LLRP reader on {@code 127.0.3.1} (port 5084 in the demo) with
 * antenna 1 inside the door and antenna 2 outside. A person carrying a tagged box through the door is
 * read by one antenna for {@value #SIDE_MS} ms, then by the other (with the emulator's misses and RSSI
 * noise).
 */
public final class SimulatedGate implements AutoCloseable {
    /** The reader's name in the gateway's configuration. */
    public static final String READER = "door";
    static final long SIDE_MS = 1500;
    private static final Pattern STEP = Pattern.compile("(carry-out|carry-in):(\\d{1,5})@(\\d{1,6})");

    /** One carrying through the door. */
    private record Crossing(String epcHex, boolean out, long startNanos) { }

    /** A step of a door scenario: carry box {@code box} out (or in) {@code afterSeconds} after READY. */
    public record Step(boolean out, int box, int afterSeconds) {
        /** @return what the console says as it starts */
        public String says() {
            return (out ? "carry-out" : "carry-in") + " of box " + box + " (" + afterSeconds + " s after READY)";
        }
    }

    private final LlrpReaderEmulator reader;
    private final ShelfContents shelves;
    private final List<Crossing> crossings = new CopyOnWriteArrayList<>();

    /**
     * @param port    5084 for the demo, 0 for any free port
     * @param shelves what stands on the shelves: a box carried out leaves its face, one carried in goes back
     */
    SimulatedGate(int port, ShelfContents shelves) {
        this.shelves = shelves;
        try {
            reader = new LlrpReaderEmulator(new InetSocketAddress("127.0.3.1", port), this::sees, 200);
        } catch (IOException e) {
            throw new UncheckedIOException("the door gate's reader cannot listen on 127.0.3.1:" + port + ": " + e.getMessage(), e);
        }
    }

    private List<LlrpReaderEmulator.Sighting> sees() {
        long now = System.nanoTime();
        List<LlrpReaderEmulator.Sighting> out = new ArrayList<>();
        for (Crossing c : crossings) {
            long ms = (now - c.startNanos()) / 1_000_000;
            if (ms >= 2 * SIDE_MS) {
                crossings.remove(c);
                continue;
            }
            boolean first = ms < SIDE_MS;
            // Out: inside first, then outside; in: the other way round.
            int antenna = first == c.out() ? 1 : 2;
            out.add(new LlrpReaderEmulator.Sighting(antenna, c.epcHex(), -48));
        }
        return out;
    }

    /** Someone carries the tag through the door, out of the room or into it. */
    public void carry(String epcHex, boolean out) {
        if (out) {
            shelves.takeOff(epcHex);
        } else {
            shelves.putBack(epcHex); // carried to its shelf once through the door
        }
        crossings.add(new Crossing(epcHex.toUpperCase(Locale.ROOT), out, System.nanoTime()));
    }

    /** @return the gateway's configuration of this reader: {@code door=127.0.3.1:PORT} */
    public String llrpReadersConfig() {
        return READER + "=" + reader.address().getAddress().getHostAddress() + ":" + reader.address().getPort();
    }

    /** @return the gateway's configuration of its antennas */
    public static String[] antennasConfig() {
        return new String[] {READER + ":1=gate-inside", READER + ":2=gate-outside"};
    }

    /**
     * @param spec {@code carry-out:BOX@SECONDS} or {@code carry-in:BOX@SECONDS}
     * @throws IllegalArgumentException naming the spec and what it should be
     */
    public static Step parse(String spec) {
        Matcher m = STEP.matcher(spec == null ? "" : spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + spec + "' is not carry-out:BOX@SECONDS or carry-in:BOX@SECONDS, e.g. carry-out:42@30");
        }
        int box = Integer.parseInt(m.group(2));
        if (box < 1) {
            throw new IllegalArgumentException("'" + spec + "': the demo room's boxes are numbered from 1");
        }
        return new Step(m.group(1).equals("carry-out"), box, Integer.parseInt(m.group(3)));
    }

    /** Plays a step now. */
    public void play(Step s) {
        carry(ShelfContents.demoBoxEpc(s.box()), s.out());
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
