package org.storeroom.gateway.internal.uplink;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A command from the central system as it arrives on {@code …/cmd/{name}}: {@code {id, ts, args}}.
 * Parsing is pure: it decides whether the message is a command the gateway will consider, or says why
 * not, naming the field and the value.
 *
 * @param id   unique per command; a repeat gets the first result
 * @param args the arguments, as maps, lists and scalars
 */
record CommandRequest(String name, String id, Instant ts, Map<String, Object> args) {
    static final int MAX_BYTES = 16 * 1024;
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    static final Duration MAX_AHEAD = Duration.ofMinutes(1);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Set<String> FIELDS = Set.of("id", "ts", "args");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16)
                .maxStringLength(MAX_BYTES).maxNumberLength(32).build());
    }

    /** Why a message is not a command the gateway will carry out; {@code id} when it could be read. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        final String id;

        Rejected(String id, String reason) {
            super(reason, null, false, false);
            this.id = id;
        }
    }

    /**
     * @param name    the topic's last level
     * @param allowed the allow-list
     * @throws Rejected naming what is wrong
     */
    @SuppressWarnings("unchecked")
    static CommandRequest parse(String name, byte[] payload, Set<String> allowed, Instant now) throws Rejected {
        if (payload.length > MAX_BYTES) {
            throw new Rejected(null, "command of " + payload.length + " bytes is larger than " + MAX_BYTES);
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonParseException e) {
            throw new Rejected(null, "command is not JSON: " + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            throw new Rejected(null, "command is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Rejected(null, "command is not a JSON object");
        }
        JsonNode idNode = root.get("id");
        String id = idNode != null && idNode.isTextual() && ID.matcher(idNode.asText()).matches() ? idNode.asText() : null;
        if (id == null) {
            throw new Rejected(null, "id " + (idNode == null ? "is missing" : "'" + shorten(idNode.toString())
                    + "' is not 1-64 letters, digits or . _ : -"));
        }
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new Rejected(id, "field '" + shorten(f) + "' is unknown; a command has id, ts and args");
            }
        }
        if (name == null || !allowed.contains(name)) {
            throw new Rejected(id, "command '" + shorten(String.valueOf(name)) + "' is not allowed here");
        }
        JsonNode tsNode = root.get("ts");
        if (tsNode == null || !tsNode.isTextual()) {
            throw new Rejected(id, "ts is missing or not an ISO-8601 time");
        }
        Instant ts;
        try {
            ts = Instant.parse(tsNode.asText());
        } catch (DateTimeParseException e) {
            throw new Rejected(id, "ts '" + shorten(tsNode.asText()) + "' is not an ISO-8601 UTC time");
        }
        if (ts.isBefore(now.minus(MAX_AGE))) {
            throw new Rejected(id, "ts " + ts + " is more than " + MAX_AGE.toMinutes() + " minutes old: not carried out late");
        }
        if (ts.isAfter(now.plus(MAX_AHEAD))) {
            throw new Rejected(id, "ts " + ts + " is in the future; check the central system's clock");
        }
        JsonNode args = root.get("args");
        if (args == null || !args.isObject()) {
            throw new Rejected(id, "args is missing or not a JSON object");
        }
        return new CommandRequest(name, id, ts, JSON.convertValue(args, Map.class));
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
