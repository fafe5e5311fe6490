package org.storeroom.bus;

/**
 * How a sensor node judged its latest attempt to read a temperature/humidity sensor. Only {@link #GOOD}
 * carries values; anything else never drives climate control and is an alarm, not a silent gap.
 */
public enum ReadQuality {
    /** Read, checksums right, plausible, changing as real air does. */
    GOOD,
    /** The sensor did not answer on the bus (no acknowledge, short read). */
    NO_ANSWER,
    /** A checksum (CRC-8) of the answer was wrong: a disturbed bus or a failing sensor. */
    CRC_ERROR,
    /** The value lies outside what a store room can hold (or outside the sensor's range). */
    OUT_OF_RANGE,
    /** The raw value has not changed at all for too long: real sensors always wobble in the last bits. */
    STUCK;

    /** @return whether values of this quality may be used. */
    public boolean usable() {
        return this == GOOD;
    }
}
