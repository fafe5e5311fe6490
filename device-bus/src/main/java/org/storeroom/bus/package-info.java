/**
 * The device bus contract: what the gateway and the column and sensor nodes say to each other over
 * CoAP (RFC 7252). Resource names, payload records with their validation, the JSON (content-format 50)
 * and CBOR (60) codec, and the Californium configuration for the store room's wired LAN.
 *
 * <p>Both sides depend on this package, so a payload that one side writes the other can read; the
 * human-readable description is {@code docs/device-bus.md}.
 */
@Export
@Version("1.2.0")
package org.storeroom.bus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
