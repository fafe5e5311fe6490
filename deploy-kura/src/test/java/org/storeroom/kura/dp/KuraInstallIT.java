package org.storeroom.kura.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Installs the built deployment package with Deployment Admin in a real framework, updates it to a
 * newer one and uninstalls it: on Felix 7, and on the generation Kura runs (Equinox 3.16, Felix SCR 2.1,
 * Equinox ConfigAdmin and metatype, Felix Deployment Admin with Dependency Manager 3.2).
 */
class KuraInstallIT {
    private static final Path TARGET = Path.of(System.getProperty("target.dir", "target"));
    private static final Path DP = Path.of(System.getProperty("dp.file", "target/storeroom-0.1.0-SNAPSHOT.dp"));

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"felix", "equinox"})
    void installsUpdatesAndUninstallsCleanly(String framework) throws Exception {
        assertThat(DP).exists();
        Path newer = newerPackage(DP, dir.resolve("storeroom-newer.dp"));

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dharness.ds=" + (framework.equals("felix") ? "1.5.1" : "1.4.0"),
                "-cp", classPath(framework), InstallHarness.class.getName(),
                dir.resolve("work").toString(), DP.toString(), newer.toString(),
                TARGET.resolve("env/common").toString(), TARGET.resolve("env/" + framework).toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).directory(Files.createDirectories(dir.resolve("cwd")).toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("harness finished").isTrue();
        Files.writeString(TARGET.resolve("kura-install-" + framework + ".log"), out);

        assertThat(out).as(out).contains("RESULT ok").doesNotContain("FAIL ");
        assertThat(out).contains(
                "CHECK environment starts: ok",
                "CHECK install: ok",
                "CHECK metatype validates: ok",
                "CHECK every bundle active after install: ok",
                "CHECK every component satisfied after install: ok",
                "CHECK configurable components visible to Kura after install: ok",
                "CHECK update version: ok",
                "CHECK update bundles: ok",
                "CHECK every component satisfied after update: ok",
                "CHECK uninstall removes every bundle: ok",
                "CHECK uninstall leaves the environment running: ok",
                "CHECK no package left: ok");
        assertThat(p.exitValue()).isZero();
        if (framework.equals("equinox")) {
            assertThat(out).contains("framework org.eclipse.osgi 3.16.");
        }
    }

    private static String classPath(String framework) throws Exception {
        List<String> cp = new ArrayList<>();
        for (String d : List.of("harness/" + framework, "harness/api")) {
            try (Stream<Path> s = Files.list(TARGET.resolve(d))) {
                s.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(f -> cp.add(f.toString()));
            }
        }
        cp.add(TARGET.resolve("test-classes").toString());
        return String.join(java.io.File.pathSeparator, cp);
    }

    /** The same package one version on: each of our bundles with its micro version raised. */
    static Path newerPackage(Path dp, Path out) throws Exception {
        Path bundles = Files.createDirectories(out.resolveSibling("newer-bundles"));
        List<BundleJar> jars = new ArrayList<>();
        String version;
        try (InputStream in = Files.newInputStream(dp); JarInputStream pkg = new JarInputStream(in)) {
            version = pkg.getManifest().getMainAttributes().getValue("DeploymentPackage-Version");
            for (JarEntry e = pkg.getNextJarEntry(); e != null; e = pkg.getNextJarEntry()) {
                Path jar = bundles.resolve(e.getName());
                byte[] content = pkg.readAllBytes();
                if (e.getName().startsWith("org.storeroom.")) {
                    content = withHigherVersion(content);
                }
                Files.write(jar, content);
                jars.add(BundleJar.of(jar));
            }
        }
        DeploymentPackageWriter.write(out, "storeroom", raiseMicro(version), jars);
        return out;
    }

    private static byte[] withHigherVersion(byte[] bundle) throws Exception {
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(bundle))) {
            Manifest mf = in.getManifest();
            mf.getMainAttributes().putValue("Bundle-Version", raiseMicro(mf.getMainAttributes().getValue("Bundle-Version")));
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            try (OutputStream o = buf; JarOutputStream out = new JarOutputStream(o, mf)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            return buf.toByteArray();
        }
    }

    static String raiseMicro(String osgiVersion) {
        String[] parts = osgiVersion.split("\\.", 4);
        int micro = parts.length > 2 ? Integer.parseInt(parts[2]) + 1 : 1;
        return parts[0] + "." + (parts.length > 1 ? parts[1] : "0") + "." + micro + (parts.length > 3 ? "." + parts[3] : "");
    }
}
