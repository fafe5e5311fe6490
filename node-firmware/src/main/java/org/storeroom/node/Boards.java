package org.storeroom.node;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;

/**
 * Builds the Pi4J context of a board explicitly, never by plugin auto-discovery, so what drives the
 * pins is a decision made here and visible in tests.
 */
public final class Boards {
    private Boards() {
    }

    /**
     * @return a context on Pi4J's mock platform: digital I/O and I2C with no hardware, whose inputs a
     *         test or the simulator sets through {@code MockDigitalInput#mockState}
     */
    public static Context mock() {
        return Pi4J.newContextBuilder()
                .add(MockDigitalInputProvider.newInstance(),
                        MockDigitalOutputProvider.newInstance(),
                        MockI2CProvider.newInstance())
                .build();
    }

    /**
     * @param chips simulated SHT sensors by I2C address
     * @return a mock-platform context whose I2C bus carries those chips
     */
    public static Context mock(java.util.Map<Integer, org.storeroom.node.sensor.SimulatedSht> chips) {
        return Pi4J.newContextBuilder()
                .add(MockDigitalInputProvider.newInstance(),
                        MockDigitalOutputProvider.newInstance(),
                        org.storeroom.node.sensor.SimulatedSht.provider(chips))
                .build();
    }

    /**
     * @param gpio what the {@code --gpio} option says: gpiod or mock
     * @param real the board's own context, made only when asked for
     * @return the context the option names
     */
    static Context forGpioOption(String gpio, java.util.function.Supplier<Context> real) {
        return switch (gpio) {
            case "gpiod" -> real.get();
            case "mock" -> mock();
            default -> throw new IllegalArgumentException("--gpio '" + gpio + "' is neither gpiod nor mock");
        };
    }

    /** Where a board's GPIO controller appears: Linux's character device, which libgpiod drives. */
    static final java.nio.file.Path GPIO_CHIP = java.nio.file.Path.of("/dev/gpiochip0");

    /**
     * @return a context driving the board's real pins through libgpiod (Pi4J's gpiod plugin, with its
     *         native library for armhf and aarch64)
     * @throws IllegalStateException naming what is missing, on a machine that is not a board
     */
    public static Context gpiod() {
        return gpiod(GPIO_CHIP);
    }

    static Context gpiod(java.nio.file.Path chip) {
        requirePresent(chip, "no GPIO controller at " + chip + ": this machine is not a controller board");
        return build("the GPIO library (libgpiod through Pi4J)",
                com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider.newInstance(),
                com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider.newInstance());
    }

    /** Where a sensor board's temperature/humidity sensors appear: I2C bus 1 through Linux's i2c-dev driver. */
    static final java.nio.file.Path I2C_BUS = java.nio.file.Path.of("/dev/i2c-1");

    /**
     * @return a context driving a sensor board's real pins through libgpiod and its I2C bus 1 through
     *         Linux's i2c-dev (Pi4J's linuxfs plugin)
     * @throws IllegalStateException naming what is missing, on a machine that is not a board or whose I2C
     *         is switched off
     */
    public static Context sensorBoard() {
        return sensorBoard(GPIO_CHIP, I2C_BUS);
    }

    static Context sensorBoard(java.nio.file.Path chip, java.nio.file.Path i2c) {
        requirePresent(chip, "no GPIO controller at " + chip + ": this machine is not a sensor board");
        requirePresent(i2c, "no I2C bus at " + i2c + " for the temperature/humidity sensors: switch I2C on"
                + " (raspi-config, or dtparam=i2c_arm=on in config.txt) and restart the board");
        return build("the GPIO and I2C libraries (libgpiod and i2c-dev through Pi4J)",
                com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider.newInstance(),
                com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider.newInstance(),
                com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider.newInstance());
    }

    private static void requirePresent(java.nio.file.Path device, String missing) {
        if (!java.nio.file.Files.exists(device)) {
            throw new IllegalStateException(missing + " (--gpio mock runs the firmware without hardware)");
        }
    }

    private static Context build(String what, com.pi4j.provider.Provider<?, ?, ?>... providers) {
        try {
            return Pi4J.newContextBuilder().add(providers).build();
        } catch (LinkageError | RuntimeException e) {
            throw new IllegalStateException(what + " cannot be used on this machine (" + System.getProperty("os.arch")
                    + "): " + e.getMessage(), e);
        }
    }
}
