package org.storeroom.kura.dp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * An OSGi bundle jar as a deployment package names it: {@code <bsn>_<version>.jar}.
 *
 * @param file          the jar
 * @param symbolicName  Bundle-SymbolicName without directives
 * @param version       Bundle-Version
 */
public record BundleJar(Path file, String symbolicName, String version) {

    /** Reads the bundle identity from the jar's manifest, naming the jar when it is not a bundle. */
    public static BundleJar of(Path file) throws IOException {
        try (JarFile jar = new JarFile(file.toFile())) {
            Manifest mf = jar.getManifest();
            Attributes a = mf == null ? new Attributes() : mf.getMainAttributes();
            String bsn = a.getValue("Bundle-SymbolicName");
            if (bsn == null || bsn.isBlank()) {
                throw new IllegalArgumentException(file + " is not an OSGi bundle: no Bundle-SymbolicName");
            }
            String version = a.getValue("Bundle-Version");
            return new BundleJar(file, bsn.split(";", 2)[0].trim(), version == null ? "0.0.0" : version.trim());
        }
    }

    /** @return the entry name inside the deployment package */
    public String entryName() {
        return symbolicName + "_" + version + ".jar";
    }
}
