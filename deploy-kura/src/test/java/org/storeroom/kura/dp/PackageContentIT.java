package org.storeroom.kura.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The package carries our bundles and the libraries Kura lacks, and nothing Kura provides itself. */
class PackageContentIT {
    private static final Path DP = Path.of(System.getProperty("dp.file", "target/storeroom-0.1.0-SNAPSHOT.dp"));

    @Test
    void carriesExactlyWhatKuraDoesNotProvide() throws Exception {
        List<String> entries = new ArrayList<>();
        Manifest mf;
        try (InputStream in = Files.newInputStream(DP); JarInputStream jar = new JarInputStream(in)) {
            mf = jar.getManifest();
            for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                entries.add(e.getName());
            }
        }
        assertThat(mf.getMainAttributes().getValue("DeploymentPackage-SymbolicName")).isEqualTo("storeroom");
        assertThat(mf.getMainAttributes().getValue("DeploymentPackage-Version")).matches("\\d+\\.\\d+\\.\\d+\\.\\d{12}|\\d+\\.\\d+\\.\\d+");
        List<String> bsns = mf.getEntries().values().stream().map(a -> a.getValue("Bundle-SymbolicName")).sorted().toList();
        assertThat(bsns).containsExactlyInAnyOrder(
                "org.storeroom.device-bus", "org.storeroom.gateway", "org.storeroom.shelf-controller",
                "org.storeroom.rfid-bridge", "org.storeroom.sensor-bundle",
                "org.eclipse.californium.core", "org.eclipse.californium.element-connector", "org.eclipse.californium.scandium",
                "org.eclipse.paho.client.mqttv3",
                "com.fasterxml.jackson.core.jackson-core", "com.fasterxml.jackson.core.jackson-annotations",
                "com.fasterxml.jackson.core.jackson-databind", "com.fasterxml.jackson.dataformat.jackson-dataformat-cbor",
                "org.xerial.sqlite-jdbc", "jul.to.slf4j");
        assertThat(bsns).as("Kura's own API bundle exports the marker package").doesNotContain("org.storeroom.kura-api");
        assertThat(entries).as("every manifest section has its bundle and nothing else").containsExactlyInAnyOrderElementsOf(mf.getEntries().keySet());
    }
}
