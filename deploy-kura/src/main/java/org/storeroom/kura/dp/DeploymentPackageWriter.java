package org.storeroom.kura.dp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes an OSGi Deployment Package (OSGi Compendium 114): a jar whose manifest comes first and names
 * the package ({@code DeploymentPackage-SymbolicName}, {@code -Version}) and, in one section per bundle,
 * the bundle's symbolic name and version; the bundles follow in the order given.
 *
 * <p>Run at {@code package} time by Maven: {@code DeploymentPackageWriter OUT.dp NAME MAVEN_VERSION
 * TIMESTAMP BUNDLE_DIR}. A {@code -SNAPSHOT} version becomes {@code major.minor.micro.TIMESTAMP}, so every
 * build is newer than the last one for Kura's package manager.
 */
public final class DeploymentPackageWriter {
    private static final Pattern OSGI_VERSION = Pattern.compile("\\d+(\\.\\d+(\\.\\d+(\\.[A-Za-z0-9_-]+)?)?)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private DeploymentPackageWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: OUT.dp NAME MAVEN_VERSION TIMESTAMP BUNDLE_DIR");
        }
        List<BundleJar> bundles = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(args[4]))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                bundles.add(BundleJar.of(p));
            }
        }
        String version = osgiVersion(args[2], args[3]);
        write(Path.of(args[0]), args[1], version, bundles);
        System.out.println("deployment package " + args[1] + " " + version + ": " + bundles.size() + " bundles -> " + args[0]);
    }

    /** {@code 0.1.0-SNAPSHOT} and {@code 202611231100} give {@code 0.1.0.202611231100}; a release stays as it is. */
    static String osgiVersion(String mavenVersion, String timestamp) {
        String v = mavenVersion.endsWith("-SNAPSHOT")
                ? mavenVersion.substring(0, mavenVersion.length() - "-SNAPSHOT".length()) + "." + timestamp
                : mavenVersion;
        if (!OSGI_VERSION.matcher(v).matches()) {
            throw new IllegalArgumentException("version " + mavenVersion + " does not make an OSGi version (" + v + ")");
        }
        return v;
    }

    /**
     * Writes the package to {@code out} (through a temporary file, so a failed write leaves no half package).
     *
     * @throws IllegalArgumentException naming the problem: a bad name or version, no bundles, or a bundle twice
     */
    public static void write(Path out, String symbolicName, String version, List<BundleJar> bundles) throws IOException {
        if (!NAME.matcher(symbolicName).matches()) {
            throw new IllegalArgumentException("deployment package name '" + symbolicName + "' is not a symbolic name");
        }
        if (!OSGI_VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("deployment package version '" + version + "' is not an OSGi version");
        }
        if (bundles.isEmpty()) {
            throw new IllegalArgumentException("deployment package " + symbolicName + " has no bundles");
        }
        Set<String> seen = new HashSet<>();
        for (BundleJar b : bundles) {
            if (!seen.add(b.symbolicName())) {
                throw new IllegalArgumentException("bundle " + b.symbolicName() + " is in the package twice (" + b.file() + ")");
            }
        }
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("DeploymentPackage-SymbolicName", symbolicName);
        mf.getMainAttributes().putValue("DeploymentPackage-Version", version);
        for (BundleJar b : bundles) {
            Attributes section = new Attributes();
            section.putValue("Bundle-SymbolicName", b.symbolicName());
            section.putValue("Bundle-Version", b.version());
            mf.getEntries().put(b.entryName(), section);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".dp", ".tmp");
        try {
            // JarOutputStream writes META-INF/MANIFEST.MF as the first entry, as the specification requires.
            try (OutputStream o = Files.newOutputStream(tmp); JarOutputStream jar = new JarOutputStream(o, mf)) {
                for (BundleJar b : bundles) {
                    jar.putNextEntry(new JarEntry(b.entryName()));
                    Files.copy(b.file(), jar);
                    jar.closeEntry();
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
