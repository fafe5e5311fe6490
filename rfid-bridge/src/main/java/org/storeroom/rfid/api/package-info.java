/**
 * The virtual warehouse's vocabulary: {@link org.storeroom.rfid.api.StoragePoint storage points} that map
 * 1:1 to the physical room, and {@link org.storeroom.rfid.api.Epc EPCs} of the tags on boxes and files.
 */
@Export
@Version("1.1.0")
package org.storeroom.rfid.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
