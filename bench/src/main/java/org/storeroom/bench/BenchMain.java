package org.storeroom.bench;

import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar storeroom-bench.jar --list | NAME [--quick]}: runs one benchmark and prints, as its
 * last line, {@code NAME ours=<value> baseline=<value> ratio=<ours/baseline> unit=<unit>}.
 */
public final class BenchMain {
    static final List<Benchmark> ALL = List.of(new StopFanout(), new UplinkThroughput(), new LocateLatency(), new InventoryReconcile(), new RfidIngest(),
            new ClimateYear(), new FireAlarmLatency());

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "bench-logback.xml");
        }
        System.exit(run(args));
    }

    static int run(String... args) throws Exception {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.println("usage: java -jar storeroom-bench.jar --list | NAME [--quick]");
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("--list")) {
            ALL.forEach(b -> System.out.println(b.name() + "\t" + b.description()));
            return 0;
        }
        Optional<Benchmark> b = ALL.stream().filter(x -> x.name().equals(args[0])).findFirst();
        if (b.isEmpty()) {
            System.err.println("storeroom-bench: no benchmark '" + args[0] + "'; --list names them");
            return 2;
        }
        boolean quick = args.length > 1 && args[1].equals("--quick");
        if (args.length > 1 && !quick) {
            System.err.println("storeroom-bench: unknown option '" + args[1] + "'");
            return 2;
        }
        System.out.println(b.get().name() + (quick ? " (quick)" : "") + ", Java " + System.getProperty("java.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        Benchmark.Result r = b.get().run(quick);
        r.details().forEach(System.out::println);
        System.out.printf("%s ours=%.3f baseline=%.3f ratio=%.3f unit=%s%n", b.get().name(), r.ours(), r.baseline(),
                r.ours() / r.baseline(), r.unit());
        return 0;
    }
}
