package org.storeroom.bus;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * The bus's secure mode: DTLS 1.2 (Californium Scandium) with a pre-shared key per node, the node's
 * identity being its node id ({@code column-7}, {@code sensor-2}). A node in secure mode takes commands
 * only from a peer that proved the key; the gateway holds every node's key.
 *
 * <p>Key files are Java properties, {@code IDENTITY=HEX} (at least 16 bytes of key), readable only by
 * the service: a board's file holds its own line, the gateway's holds one per node.
 */
public final class BusSecurity {
    /** The secure CoAP port (coaps), next to the plain 5683. */
    public static final int SECURE_PORT = 5684;
    private static final int MIN_KEY_BYTES = 16;

    static {
        DtlsConfig.register();
    }

    private BusSecurity() {
    }

    /** A pre-shared key and the identity it belongs to. */
    public record Psk(String identity, byte[] key) {
        public Psk {
            if (identity == null || !identity.matches("[a-z0-9-]{1,64}")) {
                throw new IllegalArgumentException("PSK identity '" + identity + "' is not a node id (lower-case letters, digits, hyphens)");
            }
            if (key == null || key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("the key of " + identity + " is " + (key == null ? 0 : key.length)
                        + " bytes; at least " + MIN_KEY_BYTES + " are needed");
            }
            key = key.clone();
        }
    }

    /**
     * Reads a key file: {@code IDENTITY=HEX} per line.
     *
     * @throws IllegalArgumentException naming the file and the line's identity when a key is not hex or too short
     */
    public static Map<String, Psk> readKeys(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("key file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("key file " + file + " cannot be read: " + e.getMessage());
        }
        Map<String, Psk> out = new LinkedHashMap<>();
        for (String id : new java.util.TreeSet<>(p.stringPropertyNames())) {
            byte[] key;
            try {
                key = HexFormat.of().parseHex(p.getProperty(id).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key file " + file + ": the key of " + id + " is not hexadecimal");
            }
            try {
                out.put(id, new Psk(id, key));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key file " + file + ": " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("key file " + file + " holds no key");
        }
        return out;
    }

    private static Configuration dtls(Configuration base, DtlsConfig.DtlsRole role) {
        base.set(DtlsConfig.DTLS_ROLE, role);
        base.set(DtlsConfig.DTLS_CIPHER_SUITES, java.util.List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
                CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256));
        base.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        base.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        return base;
    }

    /** A node's DTLS server connector: it accepts only a peer that knows its key. */
    public static org.eclipse.californium.elements.Connector nodeConnector(InetSocketAddress address, Psk psk, Configuration config) {
        return new DTLSConnector(DtlsConnectorConfig.builder(dtls(config, DtlsConfig.DtlsRole.SERVER_ONLY))
                .setAddress(address)
                .setAdvancedPskStore(new AdvancedSinglePskStore(psk.identity(), psk.key()))
                .build());
    }

    /**
     * The gateway's DTLS client connector, knowing each node's key by the node's address.
     *
     * @param peers node address to that node's key
     */
    public static org.eclipse.californium.elements.Connector gatewayConnector(Map<InetSocketAddress, Psk> peers, Configuration config) {
        AdvancedMultiPskStore store = new AdvancedMultiPskStore();
        peers.forEach((address, psk) -> store.addKnownPeer(address, psk.identity(), psk.key()));
        return new DTLSConnector(DtlsConnectorConfig.builder(dtls(config, DtlsConfig.DtlsRole.CLIENT_ONLY))
                .setAddress(new InetSocketAddress(0))
                .setAdvancedPskStore(store)
                .build());
    }

    /**
     * The gateway's DTLS endpoint to the nodes it reaches over coaps, each with its own key.
     *
     * @param nodes    node key (column number, node id) to its URI
     * @param identity a node's PSK identity from its key, e.g. {@code column-7}
     * @param keys     the gateway's keys by identity
     * @return the endpoint (not started), or {@code null} when no node is reached over coaps
     * @throws IllegalArgumentException naming a coaps node the key file has no key for
     */
    public static <K> org.eclipse.californium.core.network.CoapEndpoint gatewayEndpoint(Map<K, java.net.URI> nodes,
            java.util.function.Function<K, String> identity, Map<String, Psk> keys, Configuration config) {
        Map<InetSocketAddress, Psk> peers = new java.util.HashMap<>();
        nodes.forEach((node, uri) -> {
            if ("coaps".equals(uri.getScheme())) {
                Psk psk = keys.get(identity.apply(node));
                if (psk == null) {
                    throw new IllegalArgumentException(identity.apply(node) + " is reached over coaps but the key file has no key for it");
                }
                peers.put(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? SECURE_PORT : uri.getPort()), psk);
            }
        });
        return peers.isEmpty() ? null : new org.eclipse.californium.core.network.CoapEndpoint.Builder().setConfiguration(config)
                .setConnector(gatewayConnector(peers, config)).build();
    }

    /** @return whether a request came over DTLS from a peer that proved a key */
    public static boolean authenticated(org.eclipse.californium.elements.EndpointContext source) {
        return source != null && source.getPeerIdentity() != null;
    }
}
