package org.storeroom.rfid.core;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * Splits a byte stream of one event per line (NDJSON) into whole lines, however the bytes arrive. A line
 * longer than the limit is dropped whole and counted (a reader never sends one; a broken stream might),
 * and the stream goes on at the next newline.
 */
public final class StreamLines {
    private final int maxLine;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean overlong;
    private long tooLong;

    /** @param maxLine the longest line kept, in bytes */
    public StreamLines(int maxLine) {
        if (maxLine < 1) {
            throw new IllegalArgumentException("maxLine " + maxLine + " must be at least 1");
        }
        this.maxLine = maxLine;
    }

    /** Takes the next bytes; each completed line (without its newline) goes to {@code lines}. */
    public void take(byte[] bytes, int offset, int length, Consumer<byte[]> lines) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (overlong) {
                    overlong = false;
                } else {
                    lines.accept(line.toByteArray());
                }
                line.reset();
            } else if (!overlong) {
                if (line.size() == maxLine) {
                    overlong = true;
                    tooLong++;
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }
    }

    /** @return bytes of an unfinished line held */
    public int pending() {
        return line.size();
    }

    /** @return lines dropped for being longer than the limit */
    public long tooLong() {
        return tooLong;
    }
}
