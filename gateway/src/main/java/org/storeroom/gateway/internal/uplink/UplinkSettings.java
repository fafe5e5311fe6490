package org.storeroom.gateway.internal.uplink;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The uplink's configuration, validated once; every error names the setting and its value.
 *
 * @param brokerUrl empty when the uplink is off
 */
record UplinkSettings(String brokerUrl, String site, String room, String clientId, String username, String password,
                      Path caFile, Path certFile, Path keyFile, int inflightWindow, long outboxCapacity,
                      int outboxAlarmPercent, int keepAliveSeconds, int reconnectMinMs, int reconnectMaxMs,
                      java.util.Set<String> commands, boolean allowMotionCommands) {

    /** The commands a gateway accepts unless configured otherwise. */
    static final java.util.Set<String> DEFAULT_COMMANDS = java.util.Set.of("index.resync", "locate", "inventory.start",
            "shelves.lock", "shelves.unlock");
    private static final Pattern COMMAND = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    UplinkSettings {
        if (!brokerUrl.isEmpty()) {
            URI u;
            try {
                u = new URI(brokerUrl);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("brokerUrl '" + brokerUrl + "' is not a URL: " + e.getReason());
            }
            if (!"tcp".equals(u.getScheme()) && !"ssl".equals(u.getScheme()) || u.getHost() == null || u.getPort() < 1) {
                throw new IllegalArgumentException("brokerUrl '" + brokerUrl + "' is not tcp://HOST:PORT or ssl://HOST:PORT");
            }
        }
        for (String[] id : new String[][] {{"site", site}, {"room", room}}) {
            if (!ID.matcher(id[1]).matches()) {
                throw new IllegalArgumentException(id[0] + " '" + id[1] + "' must be 1-64 letters, digits, '-' or '_'");
            }
        }
        if (clientId.length() > 128) {
            throw new IllegalArgumentException("clientId '" + clientId + "' is longer than 128 characters");
        }
        for (Object[] f : new Object[][] {{"caFile", caFile}, {"certFile", certFile}, {"keyFile", keyFile}}) {
            if (f[1] != null && !Files.isReadable((Path) f[1])) {
                throw new IllegalArgumentException(f[0] + " '" + f[1] + "' is not a readable file");
            }
        }
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("certFile and keyFile go together: give both or neither");
        }
        if ((caFile != null || certFile != null) && !brokerUrl.startsWith("ssl:")) {
            throw new IllegalArgumentException("certificates are configured but brokerUrl '" + brokerUrl + "' is not ssl://");
        }
        range("inflightWindow", inflightWindow, 1, 1000);
        range("outboxCapacity", outboxCapacity, 1000, 100_000_000);
        range("outboxAlarmPercent", outboxAlarmPercent, 10, 100);
        range("keepAliveSeconds", keepAliveSeconds, 5, 3600);
        range("reconnectMinMs", reconnectMinMs, 50, 60_000);
        range("reconnectMaxMs", reconnectMaxMs, reconnectMinMs, 600_000);
        for (String c : commands) {
            if (!COMMAND.matcher(c).matches()) {
                throw new IllegalArgumentException("command '" + c + "' is not a dotted lower-case name like shelves.lock");
            }
        }
        commands = java.util.Set.copyOf(commands);
    }

    private static void range(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " " + v + " is outside " + min + ".." + max);
        }
    }

    static UplinkSettings from(UplinkConfig c) {
        return new UplinkSettings(trim(c.brokerUrl()), trim(c.site()), trim(c.room()), trim(c.clientId()),
                trim(c.username()), c.password() == null ? "" : c.password(), path(c.caFile()), path(c.certFile()),
                path(c.keyFile()), c.inflightWindow(), c.outboxCapacity(), c.outboxAlarmPercent(), c.keepAliveSeconds(),
                c.reconnectMinMs(), c.reconnectMaxMs(),
                java.util.Arrays.stream(c.commands() == null ? new String[0] : c.commands()).map(String::trim)
                        .filter(x -> !x.isEmpty()).collect(java.util.stream.Collectors.toSet()),
                c.allowMotionCommands());
    }

    /** A plain-TCP uplink to {@code brokerUrl} with every other setting at its default. */
    static UplinkSettings plain(String brokerUrl, String site, String room) {
        return new UplinkSettings(brokerUrl, site, room, "", "", "", null, null, null, 64, 2_000_000, 80, 30, 500, 30_000,
                DEFAULT_COMMANDS, false);
    }

    UplinkSettings withReconnect(int minMs, int maxMs) {
        return new UplinkSettings(brokerUrl, site, room, clientId, username, password, caFile, certFile, keyFile,
                inflightWindow, outboxCapacity, outboxAlarmPercent, keepAliveSeconds, minMs, maxMs, commands, allowMotionCommands);
    }

    UplinkSettings withInflight(int window) {
        return new UplinkSettings(brokerUrl, site, room, clientId, username, password, caFile, certFile, keyFile,
                window, outboxCapacity, outboxAlarmPercent, keepAliveSeconds, reconnectMinMs, reconnectMaxMs, commands,
                allowMotionCommands);
    }

    UplinkSettings withTls(Path ca, Path cert, Path key) {
        return new UplinkSettings(brokerUrl, site, room, clientId, username, password, ca, cert, key,
                inflightWindow, outboxCapacity, outboxAlarmPercent, keepAliveSeconds, reconnectMinMs, reconnectMaxMs, commands,
                allowMotionCommands);
    }

    UplinkSettings withCommands(java.util.Set<String> allowed, boolean motion) {
        return new UplinkSettings(brokerUrl, site, room, clientId, username, password, caFile, certFile, keyFile,
                inflightWindow, outboxCapacity, outboxAlarmPercent, keepAliveSeconds, reconnectMinMs, reconnectMaxMs, allowed,
                motion);
    }

    UplinkSettings withCapacity(long messages, int alarmPercent) {
        return new UplinkSettings(brokerUrl, site, room, clientId, username, password, caFile, certFile, keyFile,
                inflightWindow, messages, alarmPercent, keepAliveSeconds, reconnectMinMs, reconnectMaxMs, commands,
                allowMotionCommands);
    }

    String topicRoot() {
        return "storeroom/v1/" + site + "/" + room;
    }

    long alarmAt() {
        return outboxCapacity * outboxAlarmPercent / 100;
    }

    @Override
    public String toString() {
        // Never the password.
        return "UplinkSettings[brokerUrl=" + brokerUrl + ", root=" + topicRoot() + ", clientId=" + clientId
                + ", tls=" + (caFile != null || certFile != null) + ", window=" + inflightWindow + "]";
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static Path path(String s) {
        return s == null || s.isBlank() ? null : Path.of(s.trim());
    }
}
