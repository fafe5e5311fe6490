package org.storeroom.runtime;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.storeroom.simulator.FireScenario;
import org.storeroom.simulator.RoomLayout;
import org.storeroom.simulator.SimulatedClimate;
import org.storeroom.simulator.SimulatedGate;
import org.storeroom.simulator.SimulatedRoom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar storeroom.jar}: the store room gateway, standalone. */
@Command(name = "storeroom", sortOptions = false, mixinStandardHelpOptions = true, subcommands = VerifyAudit.class,
        versionProvider = Main.Version.class, usageHelpAutoWidth = true,
        description = {"Edge gateway of the smart archive store room: shelving, RFID virtual warehouse, climate "
                + "and fire linkage, local panel and uplink.",
                "Prints 'READY http://HOST:PORT/' on one line when the panel and API can serve; stops cleanly on SIGTERM."},
        footer = {"", "Environment:",
                "  STOREROOM_ADMIN_PASSWORD  initial password of the 'admin' user; when unset, one is generated and printed once.",
                "", "Exit codes: 0 stopped, 1 failed to start, 2 bad option, directory, port or configuration file."})
public final class Main implements Callable<Integer> {
    static final String PID_STORE = "org.storeroom.gateway.store";
    static final String PID_DEVICE_BUS = "org.storeroom.shelf.bus";
    static final String PID_ENVIRONMENT = "org.storeroom.climate";
    static final String PID_UPLINK = "org.storeroom.gateway.uplink";
    static final String PID_WAREHOUSE = "org.storeroom.rfid.warehouse";

    @Option(names = "--demo", description = "Start the simulated 45-column room (column nodes on 127.0.1.1..45) and wire the gateway to it.")
    boolean demo;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data",
            description = "Data directory: database, logs, configuration store (default: ${DEFAULT-VALUE}). Created if missing; its parent must exist.")
    Path data;

    @Option(names = "--config", paramLabel = "DIR",
            description = "Configuration files, one PID.json per component, pushed into ConfigAdmin at start (default: DIR/config under --data).")
    Path config;

    @Option(names = "--http", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
            description = "Where the panel and the API listen (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
    String http;

    @Option(names = "--mqtt", paramLabel = "URL",
            description = "Uplink broker of the central archive service: tcp://HOST:PORT or ssl://HOST:PORT.")
    String mqtt;

    @Option(names = "--fire-scenario", paramLabel = "NAME@SECONDS",
            description = "With --demo: play a fire scenario on the simulated sensor boards SECONDS after READY; repeatable, in"
                    + " order. NAME: dust-pre-alarm, single-detector, confirmed-fire, gas-release, all-clear (signals gone;"
                    + " the all-clear itself is given on the panel).")
    java.util.List<String> fireScenarios = new java.util.ArrayList<>();

    @Option(names = "--door-scenario", paramLabel = "carry-out|carry-in:BOX@SECONDS",
            description = "With --demo: someone carries box BOX (its archive number's last digits, e.g. 42) out of the room or"
                    + " into it through the door gate SECONDS after READY; repeatable. Out without a loan, it is an alarm.")
    java.util.List<String> doorScenarios = new java.util.ArrayList<>();

    @Option(names = "--cart",
            description = "With --demo: an archivist pushes the inventory cart (an LLRP reader on 127.0.3.2) into each aisle"
                    + " opened, along it and back out (10 s, the aisle occupied meanwhile), so that an inventory counts what"
                    + " really stands on the shelves.")
    boolean cart;

    private final PrintWriter out;

    Main(PrintWriter out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line; returns its exit code. Blocks while the gateway runs. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main(out));
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("storeroom: " + e.getMessage() + " (see --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof StartupException s) {
                err.println("storeroom: " + s.getMessage());
                return s.exitCode();
            }
            err.println("storeroom: failed to start: " + e);
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        // Every check first: nothing is written until all input is known to be good.
        HttpAddress httpAddress = HttpAddress.parse(http);
        checkMqtt();
        java.util.List<FireScenario.Step> scenarios = fireScenarios();
        java.util.List<SimulatedGate.Step> door = doorScenarios();
        if (cart && !demo) {
            throw StartupException.badInput("--cart is pushed in the simulated room: add --demo");
        }
        DataDirectory dataDir = DataDirectory.check(data);
        Path configDir = config != null ? config.toAbsolutePath().normalize() : dataDir.configFiles();
        if (config != null && !java.nio.file.Files.isDirectory(configDir)) {
            throw StartupException.badInput("--config " + config + " is not a directory");
        }
        Map<String, Map<String, Object>> files = ConfigFiles.read(configDir);
        httpAddress.checkFree();

        dataDir.create();
        System.setProperty("storeroom.logs", dataDir.logs().toString());

        AtomicReference<SimulatedRoom> room = new AtomicReference<>();
        AtomicReference<EmbeddedBroker> broker = new AtomicReference<>();
        AtomicReference<GatewayRuntime> gateway = new AtomicReference<>();
        Thread hook = new Thread(() -> shutdown(gateway.get(), room.get(), broker.get()), "storeroom-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (demo) {
                try {
                    room.set(SimulatedRoom.startWithClimate(RoomLayout.DEMO));
                    // The shelves hold what the demo catalogue says, so that the readers find it there.
                    room.get().shelves().fillWithDemoHoldings(RoomLayout.DEMO);
                    room.get().cart().follow(cart);
                    // Range A's shelves carry a fixed antenna on each face, as some rooms fit them; the others rely on the cart.
                    room.get().shelfReader().fit(rangeFaces(RoomLayout.DEMO, 1));
                } catch (RuntimeException e) {
                    throw StartupException.failed("the simulated room cannot start: " + e.getMessage(), e);
                }
                if (mqtt == null && !files.getOrDefault(PID_UPLINK, Map.of()).containsKey("brokerUrl")) {
                    broker.set(EmbeddedBroker.start());
                    out.println("uplink broker " + broker.get().url() + " (embedded, demo)");
                }
            }
            Map<String, Map<String, Object>> configuration = configuration(dataDir, room.get(), broker.get(), files);
            gateway.set(GatewayRuntime.start(new GatewayRuntime.Settings(dataDir, httpAddress, configuration,
                    Duration.ofSeconds(60))));
        } catch (StartupException | RuntimeException e) {
            shutdown(gateway.get(), room.get(), broker.get());
            Runtime.getRuntime().removeShutdownHook(hook);
            throw e;
        }
        GatewayRuntime running = gateway.get();
        running.componentProblems().forEach(p -> org.slf4j.LoggerFactory.getLogger(Main.class).warn("component {}", p));
        out.println("READY " + running.url());
        out.flush();
        play(scenarios, door, room.get());
        running.awaitStop();
        return 0;
    }

    private java.util.List<FireScenario.Step> fireScenarios() throws StartupException {
        if (!fireScenarios.isEmpty() && !demo) {
            throw StartupException.badInput("--fire-scenario plays on the simulated room: add --demo");
        }
        java.util.List<FireScenario.Step> steps = new java.util.ArrayList<>();
        for (String spec : fireScenarios) {
            try {
                steps.add(FireScenario.parse(spec));
            } catch (IllegalArgumentException e) {
                throw StartupException.badInput("--fire-scenario: " + e.getMessage());
            }
        }
        return steps;
    }

    private java.util.List<SimulatedGate.Step> doorScenarios() throws StartupException {
        if (!doorScenarios.isEmpty() && !demo) {
            throw StartupException.badInput("--door-scenario plays on the simulated room: add --demo");
        }
        java.util.List<SimulatedGate.Step> steps = new java.util.ArrayList<>();
        for (String spec : doorScenarios) {
            try {
                steps.add(SimulatedGate.parse(spec));
            } catch (IllegalArgumentException e) {
                throw StartupException.badInput("--door-scenario: " + e.getMessage());
            }
        }
        return steps;
    }

    /** A scenario step: when, what the console says, and what it does. */
    private record Timed(int afterSeconds, String says, Runnable play) { }

    /** Plays the scenarios at their times on a thread of their own, saying each on the console as it starts. */
    private void play(java.util.List<FireScenario.Step> fire, java.util.List<SimulatedGate.Step> door, SimulatedRoom room) {
        java.util.List<Timed> steps = new java.util.ArrayList<>();
        fire.forEach(s -> steps.add(new Timed(s.afterSeconds(), "fire scenario " + s.scenario().id() + " (" + s.afterSeconds()
                + " s after READY)", () -> s.scenario().play(room.climate()))));
        door.forEach(s -> steps.add(new Timed(s.afterSeconds(), "door scenario " + s.says(), () -> room.gate().play(s))));
        if (steps.isEmpty()) {
            return;
        }
        java.util.concurrent.ScheduledExecutorService player = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scenarios");
            t.setDaemon(true);
            return t;
        });
        for (Timed s : steps) {
            player.schedule(() -> {
                out.println(s.says());
                out.flush();
                s.play().run();
            }, s.afterSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private void checkMqtt() throws StartupException {
        if (mqtt == null) {
            return;
        }
        URI uri;
        try {
            uri = URI.create(mqtt);
        } catch (IllegalArgumentException e) {
            throw StartupException.badInput("--mqtt " + mqtt + " is not a URL: " + e.getMessage());
        }
        if (!"tcp".equals(uri.getScheme()) && !"ssl".equals(uri.getScheme())) {
            throw StartupException.badInput("--mqtt " + mqtt + ": scheme must be tcp or ssl, e.g. tcp://127.0.0.1:1883");
        }
        if (uri.getHost() == null || uri.getPort() < 1) {
            throw StartupException.badInput("--mqtt " + mqtt + ": give a host and a port, e.g. tcp://127.0.0.1:1883");
        }
    }

    /** What the command line implies, overridden property by property by the configuration files. */
    private Map<String, Map<String, Object>> configuration(DataDirectory dataDir, SimulatedRoom room,
            EmbeddedBroker broker, Map<String, Map<String, Object>> files) {
        Map<String, Map<String, Object>> merged = new TreeMap<>();
        merged.computeIfAbsent(PID_STORE, k -> new LinkedHashMap<>()).put("database", dataDir.database().toString());
        if (room != null) {
            merged.computeIfAbsent(PID_DEVICE_BUS, k -> new LinkedHashMap<>()).put("columnNodes", room.columnNodesConfig());
            if (room.climate() != null) {
                Map<String, Object> env = merged.computeIfAbsent(PID_ENVIRONMENT, k -> new LinkedHashMap<>());
                env.put("sensorNodes", room.climate().sensorNodesConfig());
                // Fresh air on weekday mornings, judged against the board on the outside wall.
                env.put("freshAirWindows", new String[] {SimulatedClimate.ZONE + "=Mon-Fri 10:00-10:30"});
                env.put("outsideZone", SimulatedClimate.OUTSIDE_ZONE);
            }
            // The simulated room comes with the centre's holdings, so locate and inventory have something to find.
            Map<String, Object> warehouse = merged.computeIfAbsent(PID_WAREHOUSE, k -> new LinkedHashMap<>());
            warehouse.put("demoCatalogue", true);
            if (room.gate() != null) {
                // The door gate's reader (what goes through the door is seen; out without a loan is an alarm), the
                // inventory cart's (counted where its location tags say) and the shelf antennas' fitted so far.
                warehouse.put("llrpReaders", readersConfig(room));
                warehouse.put("antennas", antennasConfig(room));
            }
        }
        if (mqtt != null || broker != null) {
            Map<String, Object> uplink = merged.computeIfAbsent(PID_UPLINK, k -> new LinkedHashMap<>());
            uplink.put("brokerUrl", mqtt != null ? mqtt : broker.url());
            if (room != null) {
                uplink.put("site", "demo");
                uplink.put("room", "store-room-1");
            }
        }
        files.forEach((pid, props) -> merged.computeIfAbsent(pid, k -> new LinkedHashMap<>()).putAll(props));
        return merged;
    }

    /** @return the simulated room's fixed readers, as the warehouse is configured with them */
    static String[] readersConfig(SimulatedRoom room) {
        return new String[] {room.gate().llrpReadersConfig(), room.cart().llrpReadersConfig(), room.shelfReader().llrpReadersConfig()};
    }

    /** @return the simulated room's readers' antennas (the shelf antennas fitted so far), as the warehouse is configured with them */
    static String[] antennasConfig(SimulatedRoom room) {
        return java.util.stream.Stream.of(SimulatedGate.antennasConfig(), org.storeroom.simulator.SimulatedCart.antennasConfig(),
                room.shelfReader().antennasConfig()).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    /** @return every face of range {@code n} (from 1): the fixed column's side B, then sides A and B of each other column */
    static java.util.List<org.storeroom.simulator.ShelfContents.Face> rangeFaces(RoomLayout layout, int n) {
        int first = (n - 1) * layout.rangeSize() + 1;
        return org.storeroom.simulator.ShelfContents.faces(layout, first, Math.min(layout.columns(), first + layout.rangeSize() - 1));
    }

    private static void shutdown(GatewayRuntime gateway, SimulatedRoom room, EmbeddedBroker broker) {
        if (gateway != null) {
            gateway.stop();
        }
        if (room != null) {
            room.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"storeroom " + (v == null ? "development build" : v)};
        }
    }
}
