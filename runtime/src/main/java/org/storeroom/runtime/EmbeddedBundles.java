package org.storeroom.runtime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The bundle jars embedded under {@code bundles/} in storeroom.jar (or in target/classes when testing). */
final class EmbeddedBundles {
    private static final String DIR = "bundles/";

    /** One embedded bundle jar. */
    record Jar(String name, byte[] content) {
        InputStream open() {
            return new ByteArrayInputStream(content);
        }
    }

    private EmbeddedBundles() {
    }

    static List<Jar> list() throws StartupException {
        Path source;
        try {
            source = Path.of(EmbeddedBundles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw StartupException.failed("cannot locate the runtime's own jar: " + e.getMessage(), e);
        }
        List<Jar> jars = new ArrayList<>();
        try {
            if (Files.isDirectory(source)) {
                try (Stream<Path> s = Files.list(source.resolve(DIR))) {
                    for (Path p : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                        jars.add(new Jar(p.getFileName().toString(), Files.readAllBytes(p)));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(source.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        JarEntry entry = e.nextElement();
                        String n = entry.getName();
                        if (n.startsWith(DIR) && n.endsWith(".jar") && n.indexOf('/', DIR.length()) < 0) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                jars.add(new Jar(n.substring(DIR.length()), in.readAllBytes()));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw StartupException.failed("cannot read the embedded bundles from " + source + ": " + e.getMessage(), e);
        }
        if (jars.isEmpty()) {
            throw StartupException.failed("no bundles are embedded in " + source + "; rebuild with mvn verify", null);
        }
        jars.sort(java.util.Comparator.comparing(Jar::name));
        return jars;
    }
}
