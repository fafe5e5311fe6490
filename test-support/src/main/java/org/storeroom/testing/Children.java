package org.storeroom.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Child processes of the tests that kill gateways: waiting for what they print. */
public final class Children {
    private Children() {
    }

    /**
     * Blocks until the child prints a line containing {@code text} on its standard output, then keeps
     * reading what it prints on a thread of its own, so that it never blocks on a full pipe.
     *
     * @throws AssertionError when the child ends first
     */
    public static void awaitLine(Process child, String text) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line == null || !line.contains(text); line = out.readLine()) {
            if (line == null) {
                throw new AssertionError("the child process ended before printing " + text);
            }
        }
        Thread sink = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded: the child's log lines
                }
            } catch (IOException ended) {
                // the child was killed
            }
        }, "child-output");
        sink.setDaemon(true);
        sink.start();
    }
}
