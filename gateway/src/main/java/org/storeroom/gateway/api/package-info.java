/**
 * The gateway's platform services that every subsystem bundle uses: the {@link
 * org.storeroom.gateway.api.Store} (one SQLite database, one writer) and {@link
 * org.storeroom.gateway.api.HealthCheck}, through which each subsystem reports its health honestly to
 * {@code GET /api/v1/health}.
 */
@Export
@Version("1.4.0")
package org.storeroom.gateway.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
