/**
 * The virtual warehouse's rules without I/O: the room's storage points and the aisle to each
 * ({@link org.storeroom.rfid.core.ShelvingLayout}), catalogue import checks
 * ({@link org.storeroom.rfid.core.Catalogue}), where tags are ({@link org.storeroom.rfid.core.TagTracker}),
 * readers' JSON events ({@link org.storeroom.rfid.core.VendorEvents}) and inventory reconciliation
 * ({@link org.storeroom.rfid.core.Reconciliation}). Internal to the bundle.
 */
package org.storeroom.rfid.core;
