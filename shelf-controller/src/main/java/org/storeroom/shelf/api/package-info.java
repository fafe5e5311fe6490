/**
 * What the shelf controller offers the rest of the gateway: the links to the column nodes on the
 * device bus, and (as it grows) the room model, aisles, modes and motion requests.
 */
@Export
@Version("1.4.0")
package org.storeroom.shelf.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
