package org.storeroom.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Identity of this firmware build. */
public final class Firmware {
    /** Version of the firmware, as built. */
    public static final String VERSION = load();

    private Firmware() {
    }

    /** @return e.g. {@code column-node 0.1.0} */
    public static String label(String program) {
        return program + " " + VERSION;
    }

    private static String load() {
        try (InputStream in = Firmware.class.getResourceAsStream("firmware.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the firmware version", e);
        }
    }
}
