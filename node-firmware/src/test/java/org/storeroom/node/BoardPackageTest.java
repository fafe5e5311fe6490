package org.storeroom.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.node.column.ColumnNodeConfig;
import picocli.CommandLine;

/** What ships to a board: the example configuration is valid, the unit runs the jar with it. */
class BoardPackageTest {
    @TempDir
    Path dir;

    private static NodeMain.Column parse(String... args) {
        CommandLine cl = new CommandLine(new NodeMain());
        NodeConfigFile.apply(cl, args);
        CommandLine.ParseResult r = cl.parseArgs(args);
        return (NodeMain.Column) r.subcommand().commandSpec().userObject();
    }

    @Test
    void theShippedExampleConfigurationIsValid() {
        ColumnNodeConfig c = parse("column", "--config", "src/board/node.properties").config();
        assertThat(c.column()).isEqualTo(7);
        assertThat(c.bind().getPort()).isEqualTo(5683);
    }

    @Test
    void theShippedExampleDrivesRealPinsWithAnEncoder() {
        NodeMain.Column c = parse("column", "--config", "src/board/node.properties");
        assertThat(c.gpio).isEqualTo("gpiod");
        assertThat(c.positionFile).as("inside the unit's StateDirectory").isEqualTo("/var/lib/storeroom/column-position");
        assertThat(c.encoder(c.config().pins())).isEqualTo(new org.storeroom.node.column.QuadratureEncoder.Wiring(17, 27, 0.5, 22, 0));
    }

    @Test
    void anEncoderOnABusyLineOrWithOneChannelIsRefused() {
        NodeMain.Column busy = parse("column", "--column", "3", "--encoder-a", "17", "--encoder-b", "13");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> busy.encoder(busy.config().pins()))
                .hasMessage("encoder GPIO line 13 is already wired to the board's safety or motor I/O");
        NodeMain.Column half = parse("column", "--column", "3", "--encoder-a", "17");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> half.encoder(half.config().pins()))
                .hasMessage("the encoder needs both --encoder-a and --encoder-b");
        NodeMain.Column none = parse("column", "--column", "3");
        assertThat(none.encoder(none.config().pins())).isNull();
        NodeMain.Column homeOnly = parse("column", "--column", "3", "--home-switch", "22");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> homeOnly.encoder(homeOnly.config().pins()))
                .hasMessage("--home-switch needs an encoder (--encoder-a and --encoder-b)");
        NodeMain.Column homeBusy = parse("column", "--column", "3", "--encoder-a", "17", "--encoder-b", "27", "--home-switch", "20");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> homeBusy.encoder(homeBusy.config().pins()))
                .hasMessage("encoder GPIO line 20 is already wired to the board's safety or motor I/O");
    }

    @Test
    void realPinsOnAMachineWithoutAGpioControllerAreRefusedSayingSo() {
        Path chip = dir.resolve("gpiochip0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Boards.gpiod(chip))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no GPIO controller at " + chip + ": this machine is not a controller board (--gpio mock runs the firmware without hardware)");
        assertThat(NodeMain.run("column", "--column", "3", "--gpio", "sysfs", "--bind", "127.0.0.1:0")).as("an unknown --gpio").isEqualTo(2);
    }

    @Test
    void theShippedSensorBoardExampleIsValidAndDrivesRealPins() {
        CommandLine cl = new CommandLine(new NodeMain());
        String[] args = {"sensor", "--config", "src/board/sensor-node.properties"};
        NodeConfigFile.apply(cl, args);
        NodeMain.Sensor s = (NodeMain.Sensor) cl.parseArgs(args).subcommand().commandSpec().userObject();
        assertThat(s.gpio).isEqualTo("gpiod");
        org.storeroom.node.sensor.SensorNodeConfig c = s.config();
        assertThat(c.node()).isEqualTo("sensor-2");
        assertThat(c.bind().getPort()).isEqualTo(5683);
    }

    @Test
    void aSensorBoardWithoutGpioOrWithItsI2cSwitchedOffIsRefusedSayingWhich() throws Exception {
        Path chip = dir.resolve("gpiochip0");
        Path i2c = dir.resolve("i2c-1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Boards.sensorBoard(chip, i2c))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no GPIO controller at " + chip + ": this machine is not a sensor board (--gpio mock runs the firmware without hardware)");
        Files.createFile(chip);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Boards.sensorBoard(chip, i2c))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no I2C bus at " + i2c + " for the temperature/humidity sensors: switch I2C on");
        assertThat(NodeMain.run("sensor", "--node", "sensor-2", "--gpio", "sysfs", "--bind", "127.0.0.1:0")).as("an unknown --gpio").isEqualTo(2);
    }

    @Test
    void aBoardStartsWhereItsCarriageCameToRestAndDistrustsAMovementCutShort() {
        assertThat(NodeMain.Column.start(java.util.Optional.empty(), 300)).isEqualTo(new NodeMain.Column.Start(300, null));
        assertThat(NodeMain.Column.start(java.util.Optional.of(new org.storeroom.node.column.PositionMemory.Saved(1750, true)), 300))
                .isEqualTo(new NodeMain.Column.Start(1750, null));
        assertThat(NodeMain.Column.start(java.util.Optional.of(new org.storeroom.node.column.PositionMemory.Saved(1750, false)), 300))
                .as("home switch or not, never the configured place").isEqualTo(new NodeMain.Column.Start(1750, "the board went down while the carriage moved"));
    }

    @Test
    void aPositionMeasuredByHandIsConfirmedOnTheBoardsFileAndBadOnesAreRefused() throws Exception {
        Path file = dir.resolve("column-7.position");
        Files.writeString(file, "positionMm=1750\natRest=false\n");
        assertThat(NodeMain.run("confirm-position", "--position-file", file.toString(), "--mm", "2100")).isZero();
        try (var memory = org.storeroom.node.column.PositionMemory.at(file)) {
            assertThat(NodeMain.Column.start(memory.atStart(), 300)).isEqualTo(new NodeMain.Column.Start(2100, null));
        }
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream was = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(NodeMain.run("confirm-position", "--position-file", file.toString(), "--mm", "100001")).isEqualTo(2);
            assertThat(NodeMain.run("confirm-position", "--position-file", file.toString())).as("no --mm").isEqualTo(2);
        } finally {
            System.setErr(was);
        }
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("position 100001 mm is outside the rail's 0..100000 mm").contains("--mm");
        assertThat(Files.readString(file)).as("unchanged by what was refused").isEqualTo("positionMm=2100\natRest=true\n");
    }

    @Test
    void commandLineOptionsWinOverTheFile() throws Exception {
        Path f = Files.writeString(dir.resolve("node.properties"), "column=3\nbind=127.0.0.1:6000\n");
        ColumnNodeConfig c = parse("column", "--config", f.toString(), "--column", "4").config();
        assertThat(c.column()).isEqualTo(4);
        assertThat(c.bind().getPort()).isEqualTo(6000);
    }

    @Test
    void anUnknownKeyIsNamedWithItsFile() throws Exception {
        Path f = Files.writeString(dir.resolve("node.properties"), "colum=3\n");
        int code = NodeMain.run("column", "--config", f.toString());
        assertThat(code).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("column", "--config", f.toString()))
                .hasMessage("config file " + f + ": unknown key 'colum'");
    }

    @Test
    void aMissingColumnIsNamed() throws Exception {
        Path f = Files.writeString(dir.resolve("node.properties"), "bind=127.0.0.1:6000\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("column", "--config", f.toString()).config())
                .hasMessage("--column is required (or column= in the --config file)");
    }

    @Test
    void aSensorBoardTakesItsOptionsFromTheFileAndNamesABadOne() throws Exception {
        Path f = Files.writeString(dir.resolve("node.properties"), "node=sensor-2\nzone=zone-1\npanel-board=true\nbind=127.0.0.1:6001\n");
        CommandLine cl = new CommandLine(new NodeMain());
        String[] args = {"sensor", "--config", f.toString()};
        NodeConfigFile.apply(cl, args);
        NodeMain.Sensor sensor = (NodeMain.Sensor) cl.parseArgs(args).subcommand().commandSpec().userObject();
        org.storeroom.node.sensor.SensorNodeConfig c = sensor.config();
        assertThat(c.node()).isEqualTo("sensor-2");
        assertThat(c.wiring().firePanel()).as("the panel board is wired to the fire panel").isNotNull();
        assertThat(c.bind().getPort()).isEqualTo(6001);
        Path bad = Files.writeString(dir.resolve("bad.properties"), "node=Sensor 2\n");
        assertThat(NodeMain.run("sensor", "--config", bad.toString())).isEqualTo(2);
    }

    @Test
    void aBoardTakesItsOwnKeyFromItsKeyFile() throws Exception {
        Path keys = Files.writeString(dir.resolve("node.psk"), "column-7=00112233445566778899aabbccddeeff\n");
        assertThat(NodeMain.psk(keys.toString(), "column-7").identity()).isEqualTo("column-7");
        assertThat(NodeMain.psk("", "column-7")).as("no key file: plain CoAP").isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NodeMain.psk(keys.toString(), "column-8"))
                .hasMessage("key file " + keys + " holds no key for column-8");
    }

    @Test
    void theSystemdUnitRunsTheJarWithTheConfigurationAndRestarts() throws Exception {
        String unit = Files.readString(Path.of("src/board/storeroom-node@.service"));
        assertThat(unit).contains("ExecStart=/usr/bin/java", "-jar /opt/storeroom/storeroom-node.jar %i --config /etc/storeroom/node.properties",
                "Restart=always", "WantedBy=multi-user.target");
    }
}
