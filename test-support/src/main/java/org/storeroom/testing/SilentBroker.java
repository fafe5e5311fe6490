package org.storeroom.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A broker's port that accepts TCP and never answers MQTT: a connection whose CONNECT packet holds
 * {@code holdPrefix} (e.g. a client id; empty for any) is held open unanswered, any other is closed at
 * once. What a client meets when a broker hangs after accepting the socket.
 */
public final class SilentBroker implements AutoCloseable {
    private final ServerSocket server;
    private final String holdPrefix;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    public SilentBroker(int port, String holdPrefix) throws IOException {
        this.holdPrefix = holdPrefix;
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread acceptor = new Thread(this::accept, "silent-broker");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setSoTimeout(2000);
                byte[] b = new byte[512];
                int n;
                try {
                    InputStream in = s.getInputStream();
                    n = in.read(b);
                } catch (SocketTimeoutException e) {
                    n = 0;
                }
                // Held once the CONNECT (packet type 1) is in: the client's connect has started all it starts, and waits.
                if (n > 0 && (b[0] & 0xF0) == 0x10 && new String(b, 0, n, StandardCharsets.ISO_8859_1).contains(holdPrefix)) {
                    held.add(s);
                } else {
                    s.close();
                }
            } catch (IOException e) {
                // closed
            }
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** @return connections whose CONNECT arrived, held unanswered */
    public int held() {
        return held.size();
    }

    /** Stops accepting; the connections held stay open. */
    public void stopListening() throws IOException {
        server.close();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
