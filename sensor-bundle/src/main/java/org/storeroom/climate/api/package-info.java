/**
 * The archive climate standard as types: the JGJ 25-2010 temperature and humidity bands per kind of
 * holdings, and the daily swing limits.
 */
@Export
@Version("1.0.0")
package org.storeroom.climate.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
