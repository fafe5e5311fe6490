package org.storeroom.node.column;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.storeroom.bus.BusCodec;
import org.storeroom.bus.ColumnState;
import org.storeroom.node.Boards;

/**
 * Any CoAP client must be able to talk to a node, not only Californium: libcoap's coap-client (Debian
 * package libcoap3-bin, installed by .ci/run) discovers and reads a column node.
 */
class LibcoapInteropTest {
    private static final Path COAP_CLIENT = Path.of("/usr/bin/coap-client-notls");
    private Context pi4j;
    private ColumnNode node;
    private String base;

    @BeforeEach
    void start() {
        assertThat(COAP_CLIENT).as("libcoap's coap-client: apt-get install libcoap3-bin (.ci/run does)").exists();
        pi4j = Boards.mock();
        node = new ColumnNode(new ColumnNodeConfig(12, new InetSocketAddress("127.0.0.1", 0), 2400, null), pi4j, () -> 2400, null);
        node.io().safetyInputs().values().forEach(in -> ((MockDigitalInput) in).mockState(DigitalState.HIGH));
        node.start();
        base = "coap://127.0.0.1:" + node.server().boundAddress().getPort();
    }

    @AfterEach
    void stop() {
        node.close();
        pi4j.shutdown();
    }

    private static byte[] coapClient(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(COAP_CLIENT.toString(), "-B", "5"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void libcoapDiscoversTheNodesResources() throws Exception {
        String links = new String(coapClient("-m", "get", base + "/.well-known/core"), StandardCharsets.UTF_8);
        assertThat(links).contains("</state>", "obs", "rt=\"storeroom.column.state\"", "</health>", "ct=\"50 60\"");
    }

    @Test
    void libcoapReadsTheStateAsJsonAndCbor() throws Exception {
        ColumnState json = BusCodec.get().decode(coapClient("-m", "get", "-A", "50", base + "/state"), BusCodec.JSON, ColumnState.class);
        assertThat(json.column()).isEqualTo(12);
        assertThat(json.positionMm()).isEqualTo(2400);
        Path cbor = Files.createTempFile("state", ".cbor");
        try {
            coapClient("-m", "get", "-A", "60", "-o", cbor.toString(), base + "/state");
            assertThat(BusCodec.get().decode(Files.readAllBytes(cbor), BusCodec.CBOR, ColumnState.class)).isEqualTo(json);
        } finally {
            Files.delete(cbor);
        }
    }

    @Test
    void libcoapGetsADiagnosticForAFormatNotOffered() throws Exception {
        String reply = new String(coapClient("-m", "get", "-A", "41", base + "/state"), StandardCharsets.UTF_8);
        assertThat(reply).contains("4.06").contains("use 50 (JSON) or 60 (CBOR)");
    }
}
