package org.storeroom.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.storeroom.gateway.api.IndexHash;

/**
 * The central side's copy of a store room's index, rebuilt from snapshots and deltas with no I/O. It
 * trusts nothing about arrival: deltas may come twice, out of order or not at all, snapshot parts may
 * interleave with deltas. A delta that does not follow the version held is a gap: the replica then
 * wants a resync, keeps later deltas aside, and replays them on top of the next complete snapshot.
 */
public final class IndexReplica {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Deltas kept aside while waiting for a snapshot, at most. */
    private static final int MAX_BUFFERED = 100_000;

    private final Map<String, String> entries = new HashMap<>();
    private IndexHash hash = IndexHash.empty();
    private long version = -1; // unknown until the first snapshot
    private boolean wantsResync = true;
    /** Messages may have been missed without a gap showing (see {@link #mayHaveMissed}). */
    private boolean suspect;
    private final TreeMap<Long, JsonNode> aside = new TreeMap<>();
    private long gaps;
    private long duplicates;

    // The snapshot being collected.
    private long snapVersion = -1;
    private int snapParts;
    private final Map<Integer, JsonNode> snapPieces = new HashMap<>();

    /** @return the version held, or -1 before the first snapshot */
    public long version() {
        return version;
    }

    public int entries() {
        return entries.size();
    }

    public String hash() {
        return hash.hex();
    }

    /** @return whether the replica needs a snapshot to go on: at the start, after a gap, and when messages may have been missed */
    public boolean wantsResync() {
        return wantsResync || suspect;
    }

    /**
     * Tells the replica that messages may have been missed without a gap showing: the connection broke
     * (a clean session gets nothing sent meanwhile), or messages were dropped. If the last delta was
     * among them, no later one will reveal the gap in a quiet room; so the replica wants a resync until
     * a snapshot (of the version held, too) or a delta that follows the version held arrives. Not
     * counted as a gap.
     */
    public void mayHaveMissed() {
        suspect = true;
    }

    public long gaps() {
        return gaps;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Takes an {@code index/delta} message {@code {version, prev, changes}}. */
    public void delta(JsonNode d) {
        long v = d.path("version").asLong(-1);
        long prev = d.path("prev").asLong(-1);
        if (v < 1 || prev != v - 1 || !d.path("changes").isArray()) {
            throw new IllegalArgumentException("index delta " + shorten(d) + " has no valid version/prev/changes");
        }
        if (version >= 0 && v <= version) {
            duplicates++;
            return;
        }
        if (version >= 0 && prev == version) {
            // The next one; also a late delta that closes a gap, in which case no snapshot is needed.
            suspect = false;
            apply(d);
            replayAside();
            return;
        }
        if (!wantsResync) {
            gaps++;
            wantsResync = true;
        }
        if (aside.size() < MAX_BUFFERED) {
            aside.put(v, d);
        }
    }

    /** Takes an {@code index/snapshot} part {@code {version, part, parts, entries, hash}}. */
    public void snapshot(JsonNode p) {
        long v = p.path("version").asLong(-1);
        int part = p.path("part").asInt(0);
        int parts = p.path("parts").asInt(0);
        if (v < 0 || part < 1 || parts < part || !p.path("entries").isArray() || !p.path("hash").isTextual()) {
            throw new IllegalArgumentException("index snapshot part " + shorten(p) + " is malformed");
        }
        if (version >= 0 && (v < version || v == version && !suspect)) {
            return; // an answer to an earlier request; what we hold is as new or newer
        }
        if (v != snapVersion) {
            snapVersion = v;
            snapParts = parts;
            snapPieces.clear();
        }
        snapPieces.put(part, p);
        if (snapPieces.size() < snapParts) {
            return;
        }
        Map<String, String> built = new HashMap<>();
        IndexHash h = IndexHash.empty();
        for (int i = 1; i <= snapParts; i++) {
            for (JsonNode e : snapPieces.get(i).path("entries")) {
                String key = e.path("key").asText();
                String value = IndexHash.canonical(JSON.convertValue(e.path("value"), Map.class));
                String old = built.put(key, value);
                if (old != null) {
                    h.remove(key, old);
                }
                h.add(key, value);
            }
        }
        String expected = p.path("hash").asText();
        snapPieces.clear();
        snapVersion = -1;
        if (!h.hex().equals(expected)) {
            gaps++;
            wantsResync = true; // damaged or mixed parts: ask again
            return;
        }
        entries.clear();
        entries.putAll(built);
        hash = h;
        version = v;
        wantsResync = false;
        suspect = false;
        aside.headMap(v, true).clear();
        replayAside();
    }

    private void replayAside() {
        while (!aside.isEmpty()) {
            Map.Entry<Long, JsonNode> next = aside.firstEntry();
            if (next.getKey() <= version) {
                aside.pollFirstEntry();
            } else if (next.getValue().path("prev").asLong() == version) {
                aside.pollFirstEntry();
                apply(next.getValue());
            } else {
                if (!wantsResync) {
                    gaps++;
                    wantsResync = true;
                }
                return;
            }
        }
        wantsResync = false; // nothing missing between what is held and what has arrived
    }

    @SuppressWarnings("unchecked")
    private void apply(JsonNode d) {
        for (JsonNode c : d.path("changes")) {
            String key = c.path("key").asText();
            String old = entries.remove(key);
            if (old != null) {
                hash.remove(key, old);
            }
            if ("put".equals(c.path("op").asText())) {
                String value = IndexHash.canonical(JSON.convertValue(c.path("value"), Map.class));
                entries.put(key, value);
                hash.add(key, value);
            }
        }
        version = d.path("version").asLong();
    }

    private static String shorten(JsonNode n) {
        String s = n.toString();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
