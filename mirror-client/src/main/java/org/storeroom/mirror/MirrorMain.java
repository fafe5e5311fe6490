package org.storeroom.mirror;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar storeroom-mirror.jar}: the central side's reference mirror of a store room's index. */
@Command(name = "storeroom-mirror", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Mirrors a store room's virtual-warehouse index over MQTT (snapshot + deltas, resync on a gap) "
                + "and prints its version, entry count and content hash; the gateway shows the same hash."})
public final class MirrorMain implements Callable<Integer> {
    @Option(names = "--mqtt", required = true, paramLabel = "URL", description = "Broker, e.g. tcp://127.0.0.1:1883.")
    String mqtt;

    @Option(names = "--site", defaultValue = "demo", description = "Site id (default: ${DEFAULT-VALUE}).")
    String site;

    @Option(names = "--room", defaultValue = "store-room-1", description = "Room id (default: ${DEFAULT-VALUE}).")
    String room;

    @Option(names = "--once", description = "Exit after the first synced state, printing its hash.")
    boolean once;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "S", description = "With --once: give up after S seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    private final PrintWriter out = new PrintWriter(System.out, true);

    public static void main(String[] args) {
        System.exit(new CommandLine(new MirrorMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        CountDownLatch synced = new CountDownLatch(1);
        String[] last = {""};
        try (MirrorClient c = new MirrorClient(mqtt, site, room, 3000, r -> {
            if (!r.wantsResync()) {
                String line = "mirror version=" + r.version() + " entries=" + r.entries() + " hash=" + r.hash();
                if (!line.equals(last[0])) {
                    last[0] = line;
                    out.println(line);
                }
                synced.countDown();
            }
        })) {
            if (once) {
                if (!synced.await(timeoutSeconds, TimeUnit.SECONDS)) {
                    System.err.println("storeroom-mirror: no snapshot within " + timeoutSeconds + " s from " + mqtt
                            + " for " + site + "/" + room + " (is the gateway's uplink connected?)");
                    return 1;
                }
                return 0;
            }
            Thread.currentThread().join();
            return 0;
        }
    }
}
