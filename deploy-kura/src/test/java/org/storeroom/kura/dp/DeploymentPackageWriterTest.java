package org.storeroom.kura.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentPackageWriterTest {
    @TempDir
    Path dir;

    private Path bundle(String name, String bsn, String version) throws Exception {
        Manifest mf = new Manifest();
        mf.getMainAttributes().putValue("Manifest-Version", "1.0");
        if (bsn != null) {
            mf.getMainAttributes().putValue("Bundle-SymbolicName", bsn);
            mf.getMainAttributes().putValue("Bundle-Version", version);
        }
        Path p = dir.resolve(name);
        try (OutputStream o = Files.newOutputStream(p); JarOutputStream j = new JarOutputStream(o, mf)) {
            j.putNextEntry(new JarEntry("a/B.class"));
            j.write(new byte[] {1, 2, 3});
        }
        return p;
    }

    @Test
    void shouldWriteTheManifestFirstWithOneSectionPerBundleAndTheBundlesAfter() throws Exception {
        List<BundleJar> bundles = List.of(BundleJar.of(bundle("a.jar", "org.example.a;singleton:=true", "1.0.0")),
                BundleJar.of(bundle("b.jar", "org.example.b", "2.1.0.SNAPSHOT")));
        Path dp = dir.resolve("out/storeroom-0.1.0.dp");
        DeploymentPackageWriter.write(dp, "storeroom", "0.1.0.202611231100", bundles);

        try (InputStream in = Files.newInputStream(dp); JarInputStream jar = new JarInputStream(in)) {
            Manifest mf = jar.getManifest();
            assertThat(mf).as("manifest must be the first entry").isNotNull();
            assertThat(mf.getMainAttributes().getValue("DeploymentPackage-SymbolicName")).isEqualTo("storeroom");
            assertThat(mf.getMainAttributes().getValue("DeploymentPackage-Version")).isEqualTo("0.1.0.202611231100");
            assertThat(mf.getEntries()).containsOnlyKeys("org.example.a_1.0.0.jar", "org.example.b_2.1.0.SNAPSHOT.jar");
            assertThat(mf.getAttributes("org.example.a_1.0.0.jar").getValue("Bundle-SymbolicName")).isEqualTo("org.example.a");
            assertThat(mf.getAttributes("org.example.b_2.1.0.SNAPSHOT.jar").getValue("Bundle-Version")).isEqualTo("2.1.0.SNAPSHOT");
            assertThat(jar.getNextJarEntry().getName()).isEqualTo("org.example.a_1.0.0.jar");
            assertThat(jar.readAllBytes()).isEqualTo(Files.readAllBytes(dir.resolve("a.jar")));
            assertThat(jar.getNextJarEntry().getName()).isEqualTo("org.example.b_2.1.0.SNAPSHOT.jar");
            assertThat(jar.getNextJarEntry()).isNull();
        }
    }

    @Test
    void shouldRefuseAJarThatIsNotABundleNamingIt() throws Exception {
        Path plain = bundle("plain.jar", null, null);
        assertThatThrownBy(() -> BundleJar.of(plain)).hasMessage(plain + " is not an OSGi bundle: no Bundle-SymbolicName");
    }

    @Test
    void shouldRefuseABundleTwiceAndWriteNothing() throws Exception {
        List<BundleJar> twice = List.of(BundleJar.of(bundle("a.jar", "org.example.a", "1.0.0")),
                BundleJar.of(bundle("a2.jar", "org.example.a", "1.1.0")));
        Path dp = dir.resolve("x.dp");
        assertThatThrownBy(() -> DeploymentPackageWriter.write(dp, "storeroom", "1.0.0", twice))
                .hasMessageStartingWith("bundle org.example.a is in the package twice");
        assertThat(dp).doesNotExist();
    }

    @Test
    void shouldTurnASnapshotIntoATimestampedOsgiVersion() {
        assertThat(DeploymentPackageWriter.osgiVersion("0.1.0-SNAPSHOT", "202611231100")).isEqualTo("0.1.0.202611231100");
        assertThat(DeploymentPackageWriter.osgiVersion("1.2.3", "202611231100")).isEqualTo("1.2.3");
        assertThatThrownBy(() -> DeploymentPackageWriter.osgiVersion("1.x", "1")).hasMessageContaining("1.x");
    }
}
