package org.storeroom.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Child JVMs of the tests that kill gateways: started on this JVM's class path, their standard error
 * appended to one log, and every one killed on {@link #close} whatever happened, so that none outlives
 * its test.
 */
public final class Children implements AutoCloseable {
    private final Path log;
    private final List<Process> started = new ArrayList<>();

    /** @param log where the children's standard error goes (appended) */
    public Children(Path log) {
        this.log = log;
    }

    /** Starts {@code main} in a child JVM (quick to start: client compiler only) with {@code args}. */
    public Process java(Class<?> main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        started.add(p);
        return p;
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        started.clear();
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
