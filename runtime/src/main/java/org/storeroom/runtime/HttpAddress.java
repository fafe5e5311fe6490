package org.storeroom.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/** The panel and API's listening address, {@code HOST:PORT}. */
record HttpAddress(String host, int port) {

    static HttpAddress parse(String value) throws StartupException {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw StartupException.badInput("--http " + value + " is not HOST:PORT, e.g. 127.0.0.1:8080");
        }
        String host = value.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw StartupException.badInput("--http " + value + ": port '" + value.substring(colon + 1) + "' is not a number");
        }
        if (port < 0 || port > 65535) {
            throw StartupException.badInput("--http " + value + ": port " + port + " is outside 0..65535");
        }
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw StartupException.badInput("--http " + value + ": host '" + host + "' is unknown");
        }
        return new HttpAddress(host, port);
    }

    /** Fails naming the port when something else already listens there (port 0 is always free). */
    void checkFree() throws StartupException {
        if (port == 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw StartupException.badInput("--http " + this + ": port " + port + " on " + host
                    + " is already in use or not available (" + e.getMessage() + ")");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
