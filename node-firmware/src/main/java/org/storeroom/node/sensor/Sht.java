package org.storeroom.node.sensor;

import com.pi4j.io.i2c.I2C;
import java.util.concurrent.locks.LockSupport;

/**
 * Sensirion SHT3x and SHT4x temperature/humidity sensors on I2C, per their datasheets: one single-shot
 * measurement (high repeatability / high precision), wait the maximum measurement time, read six bytes
 * — temperature word, CRC, humidity word, CRC — and check both CRC-8s before converting.
 */
public final class Sht {
    /** The two families; they differ in commands, timing and the humidity conversion. */
    public enum Model {
        /** SHT30/31/35: single shot, high repeatability, no clock stretching (0x2400), at most 15.5 ms. */
        SHT3X(new byte[] {0x24, 0x00}, 16, new byte[] {0x30, (byte) 0xA2}),
        /** SHT40/41/45: measure with high precision (0xFD), at most 8.3 ms. */
        SHT4X(new byte[] {(byte) 0xFD}, 9, new byte[] {(byte) 0x94});

        private final byte[] measure;
        private final int waitMs;
        private final byte[] softReset;

        Model(byte[] measure, int waitMs, byte[] softReset) {
            this.measure = measure;
            this.waitMs = waitMs;
            this.softReset = softReset;
        }

        /** @return the single-shot measurement command as written on the bus */
        public byte[] measureCommand() {
            return measure.clone();
        }

        /** @return how long a measurement takes at most, ms (rounded up) */
        public int waitMs() {
            return waitMs;
        }

        /** @return relative humidity in % from the raw word, as this family's datasheet converts it */
        public double humidity(int raw) {
            return switch (this) {
                case SHT3X -> 100.0 * raw / 65535.0;
                // SHT4x: -6 + 125·S/(2^16-1), then cropped to 0..100 as the datasheet says.
                case SHT4X -> Math.max(0, Math.min(100, -6 + 125.0 * raw / 65535.0));
            };
        }

        /** @return temperature in °C from the raw word (the same formula for both families) */
        public static double temperature(int raw) {
            return -45 + 175.0 * raw / 65535.0;
        }
    }

    /** A measurement as read: the raw words (for the stuck check) and the converted values. */
    public record Measurement(int rawTemperature, int rawHumidity, double celsius, double humidity) { }

    /** A read that failed on the bus or its checksum; says which. */
    public static final class ReadFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean checksum;

        ReadFailure(String message, boolean checksum) {
            super(message);
            this.checksum = checksum;
        }

        /** @return whether the answer arrived but a CRC was wrong (else the sensor did not answer) */
        public boolean checksum() {
            return checksum;
        }
    }

    private final I2C device;
    private final Model model;

    public Sht(I2C device, Model model) {
        this.device = device;
        this.model = model;
    }

    public Model model() {
        return model;
    }

    /** Measures once: command, the datasheet's wait, six bytes, both CRCs. Blocks for about 10–16 ms. */
    public Measurement measure() throws ReadFailure {
        byte[] command = model.measure;
        int written;
        try {
            written = device.write(command, 0, command.length);
        } catch (RuntimeException e) {
            throw new ReadFailure("no acknowledge to the measure command: " + e.getMessage(), false);
        }
        if (written != command.length) {
            throw new ReadFailure("measure command not taken (" + written + " of " + command.length + " bytes)", false);
        }
        // The sensor does not answer (NACK) until the measurement is done: wait its longest duration.
        LockSupport.parkNanos(model.waitMs * 1_000_000L);
        byte[] answer = new byte[6];
        int read;
        try {
            read = device.read(answer, 0, 6);
        } catch (RuntimeException e) {
            throw new ReadFailure("no answer to the measurement read: " + e.getMessage(), false);
        }
        if (read != 6) {
            throw new ReadFailure("short answer: " + Math.max(read, 0) + " of 6 bytes", false);
        }
        return decode(model, answer);
    }

    /** Sends the soft reset command (after a run of failures). */
    public void softReset() {
        try {
            byte[] command = model.softReset;
            device.write(command, 0, command.length);
        } catch (RuntimeException e) {
            // Nothing more to try: the next measurement will say whether the sensor is back.
        }
    }

    /**
     * Decodes a six-byte answer: temperature MSB, LSB, CRC, humidity MSB, LSB, CRC.
     *
     * @throws ReadFailure naming the word whose CRC is wrong, with the bytes
     */
    public static Measurement decode(Model model, byte[] answer) throws ReadFailure {
        if (answer.length != 6) {
            throw new ReadFailure("answer of " + answer.length + " bytes, expected 6", false);
        }
        int t = word(answer, 0, "temperature");
        int rh = word(answer, 3, "humidity");
        return new Measurement(t, rh, Model.temperature(t), model.humidity(rh));
    }

    private static int word(byte[] b, int at, String what) throws ReadFailure {
        int expected = crc8(b[at], b[at + 1]);
        int got = b[at + 2] & 0xFF;
        if (expected != got) {
            throw new ReadFailure(String.format("%s CRC 0x%02X does not match its word 0x%02X%02X (expected 0x%02X)",
                    what, got, b[at] & 0xFF, b[at + 1] & 0xFF, expected), true);
        }
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    /** CRC-8 of a data word as both families compute it: polynomial 0x31, initial 0xFF, no reflection. */
    public static int crc8(byte msb, byte lsb) {
        int crc = 0xFF;
        for (byte b : new byte[] {msb, lsb}) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80) != 0 ? (crc << 1 ^ 0x31) & 0xFF : crc << 1 & 0xFF;
            }
        }
        return crc;
    }
}
