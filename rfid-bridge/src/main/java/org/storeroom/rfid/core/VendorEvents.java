package org.storeroom.rfid.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.storeroom.rfid.api.Epc;

/**
 * Tag events of readers that speak JSON instead of LLRP, over MQTT or an HTTP stream: the Impinj IoT
 * device interface ({@code tagInventoryEvent} with {@code epcHex}, {@code antennaPort},
 * {@code peakRssiCdbm}) and the Zebra IoT Connector ({@code data} with {@code idHex}, {@code antenna},
 * {@code peakRssi}). A payload is one event, an array of events, or (HTTP stream) one event per line.
 *
 * <p>Bad events are rejected one by one, each with a reason naming the field and value; the good ones
 * of the same payload are kept. Other event kinds (antenna or inventory status) are skipped.
 */
public final class VendorEvents {
    /** What a payload gave: the reads, the events skipped as not being tag reads, and the rejections. */
    public record Parsed(List<TagRead> reads, int skipped, List<String> rejected) { }

    /** Larger payloads are refused whole: a reader sends far less in one message. */
    public static final int MAX_PAYLOAD = 1 << 20;

    /** Both readers' limits: a reader's event is two objects deep; anything far deeper is refused, not walked. */
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder().maxNestingDepth(16).build();

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The fast path finds repeated fields itself: Jackson's detection builds a set for every object. */
    private static final JsonFactory FAST = JsonFactory.builder()
            .streamReadConstraints(LIMITS).build();

    static {
        JSON.getFactory().setStreamReadConstraints(LIMITS);
    }

    /** Zebra writes offsets without a colon: {@code 2021-06-08T12:00:00.000+0000}. */
    private static final DateTimeFormatter ZEBRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS][.SS][.S]XX");

    private VendorEvents() {
    }

    /**
     * @param payload one JSON event, a JSON array of events, or events one per line
     * @param reader  the reader's name when the event does not carry one (Zebra; MQTT topic)
     */
    public static Parsed parse(byte[] payload, String reader) {
        return parse(payload, reader, true);
    }

    /** @param fastPath read plain Impinj tag events without a tree (off: every event through the tree, for tests) */
    static Parsed parse(byte[] payload, String reader, boolean fastPath) {
        List<TagRead> reads = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        int[] skipped = {0};
        if (payload.length > MAX_PAYLOAD) {
            rejected.add("payload of " + payload.length + " bytes is larger than " + MAX_PAYLOAD);
            return new Parsed(reads, 0, rejected);
        }
        int start = 0;
        while (start < payload.length && Character.isWhitespace(payload[start])) {
            start++;
        }
        if (start < payload.length && payload[start] == '[') {
            JsonNode all = tree(payload, start, payload.length - start, 1, rejected);
            if (all != null) {
                int i = 0;
                for (JsonNode e : all) {
                    event(e, reader, "event " + ++i, reads, rejected, skipped);
                }
            }
        } else {
            // One event per line, parsed from the bytes where they lie (no copy of the payload as text).
            int line = 0;
            for (int from = 0; from < payload.length; ) {
                int to = from;
                while (to < payload.length && payload[to] != '\n') {
                    to++;
                }
                line++;
                TagRead fast = fastPath ? impinjTagEvent(payload, from, to - from, reader) : null;
                if (fast != null) {
                    reads.add(fast);
                } else if (!blank(payload, from, to)) {
                    JsonNode e = tree(payload, from, to - from, line, rejected);
                    if (e != null) {
                        event(e, reader, "line " + line, reads, rejected, skipped);
                    }
                }
                from = to + 1;
            }
        }
        return new Parsed(reads, skipped[0], rejected);
    }

    /**
     * The common case, an Impinj tag event on a line of its own, read token by token without building a
     * tree (the tree costs more than everything else an ingest does with the read).
     *
     * @return the read, or null for anything else: the tree path then decides, and words any rejection
     */
    private static TagRead impinjTagEvent(byte[] b, int offset, int length, String reader) {
        try (JsonParser p = FAST.createParser(b, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String[] names = new String[16]; // of both objects: a repeated name is the tree's to refuse
            int named = 0;
            String time = null;
            String host = null;
            String epc = null;
            Integer port = null;
            Integer rssi = null;
            boolean tag = false;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if ((named = another(names, named, field)) < 0) {
                    return null;
                }
                JsonToken v = p.nextToken();
                switch (field) {
                    case "timestamp", "hostname" -> {
                        if (v != JsonToken.VALUE_STRING) {
                            return null; // the tree words what is wrong
                        }
                        if (field.equals("timestamp")) {
                            time = p.getText();
                        } else {
                            host = p.getText();
                        }
                    }
                    case "tagInventoryEvent" -> {
                        if (v != JsonToken.START_OBJECT) {
                            return null;
                        }
                        tag = true;
                        int outer = named;
                        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                            String inner = p.currentName();
                            if ((named = another(names, named, inner)) < 0) {
                                return null;
                            }
                            JsonToken w = p.nextToken();
                            boolean whole = w == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT;
                            switch (inner) {
                                case "epcHex" -> {
                                    if (w != JsonToken.VALUE_STRING) {
                                        return null;
                                    }
                                    epc = p.getText();
                                }
                                case "antennaPort", "peakRssiCdbm" -> {
                                    if (!whole) {
                                        return null;
                                    }
                                    if (inner.equals("antennaPort")) {
                                        port = p.getIntValue();
                                    } else {
                                        rssi = p.getIntValue();
                                    }
                                }
                                default -> {
                                    if (w.isStructStart()) {
                                        return null; // the tree looks inside
                                    }
                                }
                            }
                        }
                        if (t != JsonToken.END_OBJECT) {
                            return null;
                        }
                        named = outer;
                    }
                    default -> {
                        if (v.isStructStart()) {
                            return null;
                        }
                    }
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null || !tag || time == null || epc == null || port == null || rssi == null) {
                return null;
            }
            return new TagRead(host != null ? host : reader, port, new Epc(epc), rssi / 100.0, IsoTime.epochMillis(time));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Adds a field's name to those of its object (from {@code names[0]}) and of the objects around it.
     *
     * @return the count of names, or -1 when the name is already among them or there are too many to look at
     */
    private static int another(String[] names, int count, String name) {
        if (count == names.length) {
            return -1;
        }
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return -1;
            }
        }
        names[count] = name;
        return count + 1;
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(b[i])) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode tree(byte[] bytes, int offset, int length, int line, List<String> rejected) {
        try {
            return JSON.readTree(bytes, offset, length);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
            rejected.add(clip("line " + line + ": not JSON: " + msg));
            return null;
        }
    }

    private static void event(JsonNode e, String reader, String where, List<TagRead> reads, List<String> rejected, int[] skipped) {
        try {
            if (!e.isObject()) {
                throw new IllegalArgumentException("is not a JSON object");
            }
            if (e.has("tagInventoryEvent")) {
                JsonNode t = e.get("tagInventoryEvent");
                String host = e.path("hostname").isTextual() ? e.get("hostname").asText() : reader;
                reads.add(new TagRead(host, integer(t, "antennaPort"), new Epc(text(t, "epcHex")),
                        integer(t, "peakRssiCdbm") / 100.0, time(e, "timestamp")));
            } else if (e.path("data").has("idHex")) {
                JsonNode d = e.get("data");
                reads.add(new TagRead(reader, integer(d, "antenna"), new Epc(text(d, "idHex")),
                        number(d, "peakRssi"), time(e, "timestamp")));
            } else if (e.has("eventType") || e.has("type") || e.has("data")) {
                skipped[0]++;
            } else {
                throw new IllegalArgumentException("is neither an Impinj tagInventoryEvent nor a Zebra tag event");
            }
        } catch (IllegalArgumentException ex) {
            rejected.add(clip(where + ": " + ex.getMessage()));
        }
    }

    /** A rejection names the value, but never repeats a megabyte of it into the log. */
    private static String clip(String reason) {
        return reason.length() <= 300 ? reason : reason.substring(0, 300) + "…";
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + " is " + (v == null ? "missing" : "not text: " + v));
        }
        return v.asText();
    }

    private static int integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " is " + (v == null ? "missing" : "not a whole number: " + v));
        }
        return v.intValue();
    }

    private static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(field + " is " + (v == null ? "missing" : "not a number: " + v));
        }
        return v.doubleValue();
    }

    private static long time(JsonNode n, String field) {
        String t = text(n, field);
        try {
            return IsoTime.epochMillis(t);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t, ZEBRA_TIME).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(field + " '" + t + "' is not an ISO-8601 time");
            }
        }
    }
}
