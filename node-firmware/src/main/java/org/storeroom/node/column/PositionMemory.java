package org.storeroom.node.column;

import java.io.IOException;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the carriage came to rest, kept in a file across restarts of the board (a power cut stops all 45
 * boards at once, and most carriages are then not where their configuration says they start).
 *
 * <p>The control loop reports each cycle; the file is written only when the carriage has stood still for
 * {@value #SETTLE_MS} ms at a new place, and once when it starts to move, so a restart knows whether the
 * carriage was moving when the board went down. Writes run on a thread of their own: a slow SD card must
 * not hold up the control loop. Each write replaces the file whole (written beside it, forced to disk,
 * then renamed), so a power cut leaves the old record or the new one, never half of one.
 */
public final class PositionMemory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PositionMemory.class);
    /** How long the position must hold with the motor off before it counts as at rest (coasting ends). */
    static final long SETTLE_MS = 500;

    /**
     * @param positionMm the position at rest, or where a movement started
     * @param atRest     whether the carriage stood still; false once a movement started
     */
    public record Saved(int positionMm, boolean atRest) { }

    private final Path file;
    /** What the file said when this memory was opened: where the board starts. */
    private final Optional<Saved> atStart;
    private final ExecutorService writer;
    private final AtomicReference<Saved> pending = new AtomicReference<>();
    // Touched by the control loop only.
    private Saved wanted;
    private int stillAt = Integer.MIN_VALUE;
    private long stillSince;

    private PositionMemory(Path file, Optional<Saved> onFile) {
        this.file = file;
        this.atStart = onFile;
        this.wanted = onFile.orElse(null);
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "position-memory");
            t.setDaemon(true);
            return t;
        });
    }

    /** @return the memory kept in {@code file}, which need not exist yet */
    public static PositionMemory at(Path file) {
        return new PositionMemory(file, read(file));
    }

    /** @return what the file said when this memory was opened, as read then */
    public Optional<Saved> atStart() {
        return atStart;
    }

    /** @return what the file says, or empty when there is no file or it cannot be read (logged) */
    public Optional<Saved> load() {
        return read(file);
    }

    private static Optional<Saved> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            String mm = p.getProperty("positionMm");
            String rest = p.getProperty("atRest");
            if (mm == null || !("true".equals(rest) || "false".equals(rest))) {
                throw new IOException("positionMm or atRest is missing");
            }
            int position = Integer.parseInt(mm.trim());
            if (position < 0 || position > org.storeroom.bus.ColumnState.MAX_RAIL_MM) {
                throw new IOException("positionMm " + position + " is outside 0.." + org.storeroom.bus.ColumnState.MAX_RAIL_MM);
            }
            return Optional.of(new Saved(position, Boolean.parseBoolean(rest)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("position file {} cannot be read ({}); the carriage's position is not known from it", file, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * What the carriage does this cycle; cheap, no I/O.
     *
     * @param driving    whether the motor is driven
     * @param positionMm where the carriage is
     * @param nowMs      the control loop's clock
     */
    void observe(boolean driving, int positionMm, long nowMs) {
        if (driving) {
            stillAt = Integer.MIN_VALUE;
            if (wanted == null || wanted.atRest()) {
                want(new Saved(positionMm, false));
            }
            return;
        }
        if (positionMm != stillAt) {
            stillAt = positionMm;
            stillSince = nowMs;
        } else if (nowMs - stillSince >= SETTLE_MS && !(wanted != null && wanted.atRest() && wanted.positionMm() == positionMm)) {
            want(new Saved(positionMm, true));
        }
    }

    /** @return what the control loop last decided the file should say (written soon after, if not yet) */
    Saved wanted() {
        return wanted;
    }

    private void want(Saved s) {
        wanted = s;
        if (pending.getAndSet(s) == null) {
            try {
                writer.execute(this::writeLatest);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pending.set(null); // closed: the board is going down, and its control loop must not fail for it
            }
        }
    }

    private void writeLatest() {
        Saved s = pending.getAndSet(null);
        if (s == null) {
            return;
        }
        try {
            write(file, s);
        } catch (IOException e) {
            LOG.warn("position file {} cannot be written ({}): after a restart the carriage's position will not be known from it",
                    file, e.getMessage());
        }
    }

    /**
     * Puts on file that the carriage stands at {@code positionMm}, at rest, as measured by hand: what a board
     * without a home switch needs after it went down while its carriage moved. The board takes it up when it
     * next starts.
     */
    public static void confirm(Path file, int positionMm) throws IOException {
        if (positionMm < 0 || positionMm > org.storeroom.bus.ColumnState.MAX_RAIL_MM) {
            throw new IllegalArgumentException("position " + positionMm + " mm is outside the rail's 0.."
                    + org.storeroom.bus.ColumnState.MAX_RAIL_MM + " mm");
        }
        write(file, new Saved(positionMm, true));
    }

    /** Replaces the file whole: written beside it, forced to disk, then renamed. */
    private static void write(Path file, Saved s) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        byte[] text = ("positionMm=" + s.positionMm() + "\natRest=" + s.atRest() + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel c = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            c.write(java.nio.ByteBuffer.wrap(text));
            c.force(true);
        }
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes what is still pending, then stops. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("position file {}: the last write did not finish within 2 s", file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
