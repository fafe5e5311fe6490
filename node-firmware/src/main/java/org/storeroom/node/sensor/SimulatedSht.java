package org.storeroom.node.sensor;

import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProviderImpl;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Sensirion SHT3x/SHT4x chip on Pi4J's mock I2C, for boards without hardware (tests, the simulated
 * room): it answers the datasheet's measure command with the air it is given, encoded as the chip does
 * (raw words, CRC-8), and can be told to fail as real ones do — silence, a corrupted checksum, a value
 * frozen in place.
 */
public final class SimulatedSht {
    /** How the chip misbehaves. */
    public enum Fault { NONE, NO_ANSWER, BAD_CRC, STUCK }

    private final Sht.Model model;
    private volatile double celsius = 20;
    private volatile double humidity = 50;
    private volatile Fault fault = Fault.NONE;
    private volatile byte[] frozen;
    private volatile long measurements;

    public SimulatedSht(Sht.Model model) {
        this.model = model;
    }

    /** Sets the air around the chip. */
    public void air(double celsius, double humidity) {
        this.celsius = celsius;
        this.humidity = humidity;
    }

    public void fault(Fault f) {
        fault = f;
        frozen = null;
    }

    /** @return measure commands answered so far */
    public long measurements() {
        return measurements;
    }

    /** The six bytes the chip answers for the given air. */
    public static byte[] answer(Sht.Model model, double celsius, double humidity) {
        int t = clampWord((celsius + 45) * 65535 / 175);
        double rh = model == Sht.Model.SHT3X ? humidity * 65535 / 100 : (humidity + 6) * 65535 / 125;
        int h = clampWord(rh);
        byte[] b = {(byte) (t >> 8), (byte) t, 0, (byte) (h >> 8), (byte) h, 0};
        b[2] = (byte) Sht.crc8(b[0], b[1]);
        b[5] = (byte) Sht.crc8(b[3], b[4]);
        return b;
    }

    private static int clampWord(double v) {
        return (int) Math.max(0, Math.min(65535, Math.round(v)));
    }

    /** What the chip says when the command bytes arrive; {@code null} for silence. */
    private byte[] onCommand(byte[] command) {
        if (!java.util.Arrays.equals(command, model.measureCommand())) {
            return new byte[0]; // a reset or another command: taken, nothing to read
        }
        measurements++;
        return switch (fault) {
            case NO_ANSWER -> null;
            case BAD_CRC -> {
                byte[] b = answer(model, celsius, humidity);
                b[5] ^= 0x5A;
                yield b;
            }
            case STUCK -> {
                if (frozen == null) {
                    frozen = answer(model, celsius, humidity);
                }
                yield frozen.clone();
            }
            case NONE -> answer(model, celsius, humidity);
        };
    }

    /**
     * A mock I2C provider that puts the given chips at their addresses (other addresses get Pi4J's plain
     * mock device); use it in place of Pi4J's {@code MockI2CProvider} when building the board's context.
     */
    public static MockI2CProviderImpl provider(Map<Integer, SimulatedSht> chips) {
        Map<Integer, SimulatedSht> at = new ConcurrentHashMap<>(chips);
        return new MockI2CProviderImpl() {
            @Override
            public I2C create(I2CConfig config) {
                SimulatedSht chip = at.get(config.device());
                if (chip == null) {
                    return super.create(config);
                }
                I2C device = new Device(this, config, chip);
                context.registry().add(device);
                return device;
            }
        };
    }

    /** The chip seen from the bus: a write of a command queues its answer for the next read. */
    private static final class Device extends MockI2C {
        private final SimulatedSht chip;

        Device(I2CProvider provider, I2CConfig config, SimulatedSht chip) {
            super(provider, config);
            this.chip = chip;
        }

        @Override
        public int write(byte[] data, int offset, int length) {
            byte[] command = java.util.Arrays.copyOfRange(data, offset, offset + length);
            byte[] answer = chip.onCommand(command);
            synchronized (this) {
                raw.clear();
                if (answer == null) {
                    throw new com.pi4j.io.exception.IOException("no acknowledge from 0x" + Integer.toHexString(config().device()));
                }
                for (byte b : answer) {
                    raw.add(b);
                }
            }
            return length;
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            return super.read(buffer, offset, length);
        }
    }
}
