package org.storeroom.rfid.internal.llrp;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.llrp.ltk.exceptions.InvalidLLRPMessageException;
import org.llrp.ltk.generated.LLRPMessageFactory;
import org.llrp.ltk.types.LLRPMessage;

/**
 * LLRP messages on a TCP stream: a 10-byte header (version and type, length, id) and the body. Decoding
 * and encoding are ltkjava's; the framing is ours, on a plain socket, so the client owns its threads,
 * time-outs and reconnection (ltkjava's own connector does none of that).
 */
public final class LlrpFrames {
    /** No reader sends more in one message; a larger length is a broken stream. */
    public static final int MAX_MESSAGE = 4 << 20;

    private LlrpFrames() {
    }

    /** A stream that is not LLRP: what was wrong, for the reader's health and the log. */
    public static final class BadFrame extends IOException {
        private static final long serialVersionUID = 1L;

        BadFrame(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @return the next message
     * @throws EOFException when the stream ends between messages
     * @throws BadFrame     when the header or body is not a valid LLRP message
     */
    public static LLRPMessage read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] header = new byte[10];
        d.readFully(header);
        int version = (header[0] >> 2) & 0x7;
        int type = ((header[0] & 0x3) << 8) | (header[1] & 0xFF);
        long length = ((header[2] & 0xFFL) << 24) | ((header[3] & 0xFF) << 16) | ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
        if (version != 1) {
            throw new BadFrame("LLRP message of type " + type + " has version " + version + "; only version 1 is spoken", null);
        }
        if (length < 10 || length > MAX_MESSAGE) {
            throw new BadFrame("LLRP message of type " + type + " says it is " + length + " bytes long; expected 10.." + MAX_MESSAGE, null);
        }
        byte[] message = new byte[(int) length];
        System.arraycopy(header, 0, message, 0, 10);
        try {
            d.readFully(message, 10, message.length - 10);
        } catch (EOFException e) {
            throw new BadFrame("LLRP message of type " + type + " ended after fewer than its " + length + " bytes", e);
        }
        try {
            return LLRPMessageFactory.createLLRPMessage(message);
        } catch (InvalidLLRPMessageException | RuntimeException e) {
            throw new BadFrame("LLRP message of type " + type + " (" + length + " bytes) cannot be decoded: " + e.getMessage(), e);
        }
    }

    /** Writes one message and flushes. */
    public static void write(OutputStream out, LLRPMessage message) throws IOException {
        try {
            out.write(message.encodeBinary());
            out.flush();
        } catch (InvalidLLRPMessageException e) {
            throw new IOException("LLRP message " + message.getName() + " cannot be encoded: " + e.getMessage(), e);
        }
    }
}
