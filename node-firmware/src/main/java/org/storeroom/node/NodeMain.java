package org.storeroom.node;

import com.pi4j.context.Context;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.storeroom.node.column.ColumnNode;
import org.storeroom.node.column.ColumnNodeConfig;
import org.storeroom.node.column.ColumnPins;
import org.storeroom.node.column.QuadratureEncoder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of {@code storeroom-node.jar} on a node board. */
@Command(name = "storeroom-node", mixinStandardHelpOptions = true, versionProvider = NodeMain.Version.class,
        description = "Firmware of a store room node board: serves the device bus over CoAP.",
        subcommands = {NodeMain.Column.class, NodeMain.Sensor.class, NodeMain.ConfirmPosition.class})
public final class NodeMain implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code: 0 ok, 2 bad usage, 1 failure. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new NodeMain());
        try {
            NodeConfigFile.apply(cl, args);
        } catch (IllegalArgumentException e) {
            cl.getErr().println("storeroom-node: " + e.getMessage());
            return 2;
        }
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("storeroom-node: " + e.getMessage());
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name the node's role, e.g. 'column'");
    }

    /** What a facilities person runs at a column board without a home switch whose carriage's position is not known. */
    @Command(name = "confirm-position", mixinStandardHelpOptions = true,
            description = "Put on the column board's position file where its carriage stands, measured by hand, for a board"
                    + " without a home switch that went down while the carriage moved; restart the board then.")
    static final class ConfirmPosition implements Callable<Integer> {
        @Option(names = "--position-file", required = true, paramLabel = "FILE",
                description = "The board's position file, as given to 'column --position-file'.")
        String positionFile;

        @Option(names = "--mm", required = true, paramLabel = "N",
                description = "Where the carriage stands, in mm from the fixed column's front.")
        int mm;

        @Override
        public Integer call() throws java.io.IOException {
            org.storeroom.node.column.PositionMemory.confirm(java.nio.file.Path.of(positionFile), mm);
            System.out.println("carriage position confirmed: " + mm + " mm, at rest, in " + positionFile
                    + "; restart the column board to take it up");
            return 0;
        }
    }

    @Command(name = "column", mixinStandardHelpOptions = true,
            description = "Run a column controller board.")
    static final class Column implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE",
                description = "Properties file with the options below as keys (column=7, bind=..., position-mm=...); "
                        + "options on the command line win.")
        String config;

        @Option(names = "--column", description = "Column number in the room (1..999); required here or in --config.")
        int column;

        @Option(names = "--bind", defaultValue = "0.0.0.0:5683",
                description = "Address and port to serve CoAP on (default: ${DEFAULT-VALUE}).")
        String bind;

        @Option(names = "--position-mm", defaultValue = "0",
                description = "Carriage position at start in mm (default: ${DEFAULT-VALUE}).")
        int positionMm;

        @Option(names = "--psk-file", paramLabel = "FILE",
                description = "Secure mode: the board's key file (column-N=HEX); DTLS on the next port, commands only over it.")
        String pskFile;

        @Option(names = "--gpio", defaultValue = "mock",
                description = "What drives the pins: gpiod (the board's GPIO through libgpiod) or mock (no hardware;"
                        + " nothing moves) (default: ${DEFAULT-VALUE}).")
        String gpio;

        @Option(names = "--encoder-a", defaultValue = "-1", paramLabel = "LINE",
                description = "BCM line of the carriage encoder's channel A; without an encoder the board refuses every move.")
        int encoderA;

        @Option(names = "--encoder-b", defaultValue = "-1", paramLabel = "LINE", description = "BCM line of the encoder's channel B.")
        int encoderB;

        @Option(names = "--mm-per-count", defaultValue = "0.5",
                description = "Carriage travel per encoder edge in mm (default: ${DEFAULT-VALUE}).")
        double mmPerCount;

        @Option(names = "--home-switch", defaultValue = "-1", paramLabel = "LINE",
                description = "BCM line of the switch closed (HIGH) while the carriage stands at its stop at the fixed end:"
                        + " it sets the encoder's position there and clears a missed edge.")
        int homeSwitch;

        @Option(names = "--home-mm", defaultValue = "0",
                description = "The carriage position at the home switch in mm (default: ${DEFAULT-VALUE}).")
        int homeMm;

        @Option(names = "--position-file", paramLabel = "FILE",
                description = "Where the board keeps the carriage's position at rest across restarts; it then starts there"
                        + " instead of at --position-mm. After a restart while the carriage moved, a board with a home"
                        + " switch refuses moves until the carriage is brought home.")
        String positionFile;

        /** Where the carriage stands at start, and why it is not known if it is not. */
        record Start(int positionMm, String unknown) { }

        /**
         * @param saved what the position file says, if anything
         * @return where to start counting: at rest where the file says, else the configured position; a
         *         board that went down while the carriage moved does not know where it is: a fault until the
         *         carriage is home, or, without a home switch, until its position is confirmed by hand
         */
        static Start start(java.util.Optional<org.storeroom.node.column.PositionMemory.Saved> saved, int configuredMm) {
            if (saved.isEmpty()) {
                return new Start(configuredMm, null);
            }
            if (saved.get().atRest()) {
                return new Start(saved.get().positionMm(), null);
            }
            // With a home switch or without: a board without one refuses to move until someone has measured
            // where the carriage stands and said so (confirm-position), rather than trusting a configured place.
            return new Start(saved.get().positionMm(), "the board went down while the carriage moved");
        }

        @Override
        public Integer call() throws InterruptedException {
            ColumnNodeConfig config = config();
            QuadratureEncoder.Wiring wiring = encoder(config.pins());
            org.storeroom.bus.BusSecurity.Psk psk = psk(pskFile, "column-" + config.column());
            Context pi4j = Boards.forGpioOption(gpio, Boards::gpiod);
            org.storeroom.node.column.PositionMemory memory = positionFile == null || positionFile.isBlank() || wiring == null
                    ? null : org.storeroom.node.column.PositionMemory.at(java.nio.file.Path.of(positionFile));
            Start start = wiring == null ? null : start(memory == null ? java.util.Optional.empty() : memory.atStart(), config.positionMm());
            QuadratureEncoder encoder = wiring == null ? null
                    : new QuadratureEncoder(pi4j, "column-" + config.column(), wiring, start.positionMm(), start.unknown());
            ColumnNode node = new ColumnNode(config, pi4j, encoder, null, psk);
            if (memory != null) {
                node.keepPositionIn(memory);
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                node.close();
                if (memory != null) {
                    memory.close();
                }
                if (encoder != null) {
                    encoder.close();
                }
                pi4j.shutdown();
                stopped.countDown();
            }, "node-shutdown"));
            node.start();
            stopped.await();
            return 0;
        }

        /** The validated configuration of this board. */
        ColumnNodeConfig config() {
            if (column == 0) {
                throw new IllegalArgumentException("--column is required (or column= in the --config file)");
            }
            return new ColumnNodeConfig(column, parseAddress("--bind", bind), positionMm, ColumnPins.REFERENCE);
        }

        /** The encoder's wiring, or null when none is given; its lines must be free on the board. */
        QuadratureEncoder.Wiring encoder(ColumnPins pins) {
            if (encoderA < 0 && encoderB < 0) {
                if (homeSwitch >= 0) {
                    throw new IllegalArgumentException("--home-switch needs an encoder (--encoder-a and --encoder-b)");
                }
                return null;
            }
            if (encoderA < 0 || encoderB < 0) {
                throw new IllegalArgumentException("the encoder needs both --encoder-a and --encoder-b");
            }
            QuadratureEncoder.Wiring w = new QuadratureEncoder.Wiring(encoderA, encoderB, mmPerCount, homeSwitch, homeMm);
            for (int line : new int[] {encoderA, encoderB, homeSwitch}) {
                if (java.util.Arrays.stream(pins.lines()).anyMatch(used -> used == line)) {
                    throw new IllegalArgumentException("encoder GPIO line " + line + " is already wired to the board's safety or motor I/O");
                }
            }
            return w;
        }
    }

    @Command(name = "sensor", mixinStandardHelpOptions = true,
            description = "Run a sensor board: temperature/humidity, detectors, water, doors, fire panel, relays.")
    static final class Sensor implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE",
                description = "Properties file with the options below as keys (node=sensor-2, zone=zone-1, ...); "
                        + "options on the command line win.")
        String config;

        @Option(names = "--node", description = "Node id on the bus, e.g. sensor-2; required here or in --config.")
        String node;

        @Option(names = "--zone", defaultValue = "zone-1", description = "Climate zone the board stands in (default: ${DEFAULT-VALUE}).")
        String zone;

        @Option(names = "--bind", defaultValue = "0.0.0.0:5683",
                description = "Address and port to serve CoAP on (default: ${DEFAULT-VALUE}).")
        String bind;

        @Option(names = "--panel-board", defaultValue = "false",
                description = "This board is wired to the aspirating detector and the fire panel (default: ${DEFAULT-VALUE}).")
        boolean panelBoard;

        @Option(names = "--psk-file", paramLabel = "FILE",
                description = "Secure mode: the board's key file (NODE=HEX); DTLS on the next port, relay commands only over it.")
        String pskFile;

        @Option(names = "--gpio", defaultValue = "mock",
                description = "What drives the pins and the sensors' I2C bus: gpiod (the board's GPIO through libgpiod,"
                        + " I2C bus 1 through i2c-dev) or mock (no hardware: the sensors do not answer, which the board"
                        + " reports as a fault) (default: ${DEFAULT-VALUE}).")
        String gpio;

        @Option(names = "--read-every-ms", defaultValue = "2000",
                description = "How often the temperature/humidity sensors are read, 500..60000 (default: ${DEFAULT-VALUE}).")
        int readEveryMs;

        @Override
        public Integer call() throws InterruptedException {
            org.storeroom.node.sensor.SensorNodeConfig config = config();
            org.storeroom.bus.BusSecurity.Psk psk = psk(pskFile, config.node());
            // On the mock platform the sensors read as not answering, which the board reports as a fault,
            // never as air.
            Context pi4j = Boards.forGpioOption(gpio, Boards::sensorBoard);
            org.storeroom.node.sensor.SensorNode board = new org.storeroom.node.sensor.SensorNode(config, pi4j, null, psk);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                board.close();
                pi4j.shutdown();
                stopped.countDown();
            }, "node-shutdown"));
            board.start();
            stopped.await();
            return 0;
        }

        /** The validated configuration of this board. */
        org.storeroom.node.sensor.SensorNodeConfig config() {
            if (node == null || node.isBlank()) {
                throw new IllegalArgumentException("--node is required (or node= in the --config file)");
            }
            return new org.storeroom.node.sensor.SensorNodeConfig(node, zone, parseAddress("--bind", bind),
                    org.storeroom.node.sensor.SensorWiring.reference(node, panelBoard), readEveryMs);
        }
    }

    /** @return this board's key from its key file, or {@code null} without one (plain CoAP) */
    static org.storeroom.bus.BusSecurity.Psk psk(String file, String identity) {
        if (file == null || file.isBlank()) {
            return null;
        }
        org.storeroom.bus.BusSecurity.Psk psk = org.storeroom.bus.BusSecurity.readKeys(java.nio.file.Path.of(file)).get(identity);
        if (psk == null) {
            throw new IllegalArgumentException("key file " + file + " holds no key for " + identity);
        }
        return psk;
    }

    /** Parses {@code HOST:PORT}, naming the option and the value when it is not one. */
    static InetSocketAddress parseAddress(String option, String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException(option + " " + value + " is not HOST:PORT");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " " + value + ": port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + " " + value + ": port is outside 0..65535");
        }
        return new InetSocketAddress(value.substring(0, colon), port);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"storeroom-node " + Firmware.VERSION};
        }
    }
}
