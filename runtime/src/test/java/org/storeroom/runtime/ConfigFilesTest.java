package org.storeroom.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ConfigFilesTest {
    @Test
    void shouldTypeValuesAsConfigAdminExpects(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("org.storeroom.shelf.bus.json"), """
                {"columnNodes": ["1=coap://127.0.1.1:5683"], "pollIntervalMs": 500, "big": 9000000000,
                 "ratio": 0.5, "enabled": true, "none": [], "ports": [1, 2]}""");
        Files.writeString(dir.resolve("README.txt"), "not configuration");
        Map<String, Map<String, Object>> all = ConfigFiles.read(dir);
        assertThat(all).containsOnlyKeys("org.storeroom.shelf.bus");
        Map<String, Object> p = all.get("org.storeroom.shelf.bus");
        assertThat(p.get("columnNodes")).isEqualTo(new String[] {"1=coap://127.0.1.1:5683"});
        assertThat(p.get("pollIntervalMs")).isEqualTo(500);
        assertThat(p.get("big")).isEqualTo(9_000_000_000L);
        assertThat(p.get("ratio")).isEqualTo(0.5);
        assertThat(p.get("enabled")).isEqualTo(true);
        assertThat(p.get("none")).isEqualTo(new String[0]);
        assertThat(p.get("ports")).isEqualTo(new Integer[] {1, 2});
    }

    @Test
    void shouldRefuseDuplicateKeys(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("x.json"), "{\"a\": 1, \"a\": 2}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigFiles.parse(f))
                .isInstanceOf(StartupException.class).hasMessageContaining("not valid JSON").hasMessageContaining("'a'");
    }

    /** Fuzz: any bytes in a configuration file give properties or a StartupException naming the file. */
    @Property(tries = 1000)
    void anyFileContentIsAcceptedOrRefusedNamingTheFile(@ForAll @Size(max = 200) byte[] content) throws Exception {
        Path dir = Files.createTempDirectory("cfg");
        Path f = dir.resolve("p.json");
        try {
            Files.write(f, content);
            try {
                assertThat(ConfigFiles.parse(f)).isNotNull();
            } catch (StartupException e) {
                assertThat(e.getMessage()).startsWith("configuration file " + f);
                assertThat(e.exitCode()).isEqualTo(2);
            }
        } finally {
            Files.deleteIfExists(f);
            Files.delete(dir);
        }
    }

    @Property(tries = 1000)
    void mutatedValidFilesAreAcceptedOrRefusedNamingTheFile(@ForAll int position, @ForAll char c) throws Exception {
        byte[] valid = "{\"columnNodes\": [\"1=coap://127.0.1.1:5683\"], \"pollIntervalMs\": 500}".getBytes(StandardCharsets.UTF_8);
        valid[Math.floorMod(position, valid.length)] = (byte) c;
        anyFileContentIsAcceptedOrRefusedNamingTheFile(valid);
    }
}
