package org.storeroom.rfid.core;

import org.storeroom.rfid.api.Epc;

/**
 * One read of one tag by one antenna, whatever the reader spoke (LLRP or a vendor's JSON).
 *
 * @param reader  the reader's name as configured (or its host name)
 * @param antenna the antenna port, from 1
 * @param rssiDbm peak RSSI in dBm
 * @param atMs    when, in ms since the epoch
 */
public record TagRead(String reader, int antenna, Epc epc, double rssiDbm, long atMs) {
    public TagRead {
        if (reader == null || reader.isBlank()) {
            throw new IllegalArgumentException("a tag read has no reader");
        }
        if (antenna < 1 || antenna > 65535) {
            throw new IllegalArgumentException("antenna " + antenna + " of reader " + reader + " is outside 1..65535");
        }
        if (epc == null) {
            throw new IllegalArgumentException("a tag read of reader " + reader + " has no EPC");
        }
        if (!(rssiDbm >= -128 && rssiDbm <= 20)) {
            throw new IllegalArgumentException("RSSI " + rssiDbm + " dBm of reader " + reader + " is outside -128..20");
        }
    }
}
