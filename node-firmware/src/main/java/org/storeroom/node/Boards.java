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
}
