package org.storeroom.shelf.internal.bus;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** Parses the configured column nodes, entries of the form {@code 7=coap://127.0.1.7:5683}. */
final class NodeAddressBook {
    private NodeAddressBook() {
    }

    static SortedMap<Integer, URI> parse(String[] entries) {
        SortedMap<Integer, URI> nodes = new TreeMap<>();
        for (String raw : entries == null ? new String[0] : entries) {
            String entry = raw == null ? "" : raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("columnNodes entry '" + entry + "' is not COLUMN=coap://HOST:PORT");
            }
            int column;
            try {
                column = Integer.parseInt(entry.substring(0, eq).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("columnNodes entry '" + entry + "': column is not a number");
            }
            if (column < 1 || column > 999) {
                throw new IllegalArgumentException("columnNodes entry '" + entry + "': column " + column + " is outside 1..999");
            }
            URI uri;
            try {
                uri = new URI(entry.substring(eq + 1).trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("columnNodes entry '" + entry + "': " + e.getMessage());
            }
            if (!"coap".equals(uri.getScheme()) && !"coaps".equals(uri.getScheme())) {
                throw new IllegalArgumentException("columnNodes entry '" + entry + "': scheme must be coap or coaps");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("columnNodes entry '" + entry + "': no host");
            }
            if (nodes.put(column, uri) != null) {
                throw new IllegalArgumentException("columnNodes: column " + column + " is listed twice");
            }
        }
        return Collections.unmodifiableSortedMap(nodes);
    }
}
