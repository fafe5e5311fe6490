/**
 * Stand-in for the package of Eclipse Kura's API bundle that holds {@link
 * org.eclipse.kura.configuration.ConfigurableComponent}, at the version Kura exports (1.2.0). Only the
 * marker interface is declared: it is all our bundles use. See docs/install-kura.md.
 */
@Export
@Version("1.2.0")
package org.eclipse.kura.configuration;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
