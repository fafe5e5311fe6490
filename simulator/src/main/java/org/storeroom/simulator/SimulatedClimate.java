package org.storeroom.simulator;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.bus.DetectorLevel;
import org.storeroom.node.Boards;
import org.storeroom.node.NodeServer;
import org.storeroom.node.sensor.SensorNode;
import org.storeroom.node.sensor.SensorNodeConfig;
import org.storeroom.node.sensor.SensorWiring;
import org.storeroom.node.sensor.Sht;
import org.storeroom.node.sensor.SimulatedSht;

/**
 * The room's air and its sensor boards: the real sensor firmware on Pi4J mock boards at {@code 127.0.2.n},
 * each with a simulated SHT3x reading the {@link RoomClimate} model, which the boards' relays drive. The
 * model runs {@code speed} times faster than real time. Board 1 carries the aspirating detector and the fire
 * panel; fire scenarios set the boards' inputs as the detectors and the panel would.
 */
public final class SimulatedClimate implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedClimate.class);
    /** Boards in the demo room, all in its one climate zone. */
    public static final int BOARDS = 3;
    public static final String ZONE = "zone-1";
    /** One more board, on the outside wall by the fresh-air intake, measures the outside air. */
    public static final String OUTSIDE_ZONE = "outside";
    public static final String OUTSIDE_NODE = "outside-1";

    private final RoomClimate model;
    private final List<Context> boards = new ArrayList<>();
    private final List<SensorNode> nodes = new ArrayList<>();
    private final List<SimulatedSht> chips = new ArrayList<>();
    private final SimulatedSht outsideChip = new SimulatedSht(Sht.Model.SHT3X);
    private SensorNode outsideNode;
    private final ScheduledExecutorService clock;
    /**
     * The boards' own threads: a sensor read blocks for the SHT's measurement time (up to 16 ms), which on
     * the column nodes' shared threads would delay their 20 ms control loops (a real board has its own CPU).
     */
    private final ScheduledExecutorService boardsMain;
    private final ScheduledExecutorService boardsSecondary;

    private SimulatedClimate(long seed) {
        this.model = new RoomClimate(seed);
        this.boardsMain = org.eclipse.californium.elements.util.ExecutorsUtil.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "room-sensor-boards");
            t.setDaemon(true);
            return t;
        });
        this.boardsSecondary = org.eclipse.californium.elements.util.ExecutorsUtil.newDefaultSecondaryScheduler("room-sensor-boards-timer#");
        this.clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "room-climate");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the boards; {@code port} 0 lets each pick a free port.
     *
     * @param speed how many model seconds pass per real second (1 for the demo)
     */
    static SimulatedClimate start(int port, NodeServer.SharedExecutors shared, double speed) {
        SimulatedClimate c = new SimulatedClimate(20261123L);
        NodeServer.SharedExecutors own = new NodeServer.SharedExecutors(c.boardsMain, c.boardsSecondary, c.boardsMain, shared.network());
        try {
            for (int n = 1; n <= BOARDS; n++) {
                SimulatedSht chip = new SimulatedSht(Sht.Model.SHT3X);
                c.chips.add(chip);
                c.nodes.add(c.board("sensor-" + n, ZONE, "s" + n, n, n == 1, chip, port, own));
            }
            c.outsideNode = c.board(OUTSIDE_NODE, OUTSIDE_ZONE, "o1", 9, false, c.outsideChip, port, own);
            c.nodes.add(c.outsideNode);
            c.clock.scheduleAtFixedRate(() -> c.tick(speed), 1, 1, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        LOG.info("simulated room climate: {} sensor boards on 127.0.2.1..{}, the outside air on 127.0.2.9", BOARDS, BOARDS);
        return c;
    }

    private SensorNode board(String id, String zone, String tag, int n, boolean panel, SimulatedSht chip, int port,
            NodeServer.SharedExecutors own) {
        Context board = Boards.mock(Map.of(0x44, chip));
        SensorNode node = new SensorNode(new SensorNodeConfig(id, zone, new InetSocketAddress("127.0.2." + n, port),
                SensorWiring.reference(tag, panel), 2000), board, own);
        // Every loop healthy: fault lines, dry floor, doors shut, panel healthy and on automatic.
        List<String> healthy = new ArrayList<>(List.of("smoke-" + tag + "-healthy", "water-" + tag, "door-" + tag));
        if (panel) {
            healthy.addAll(List.of("vesda-" + tag + "-healthy", "panel-healthy", "panel-automatic"));
        }
        healthy.forEach(i -> board.registry().get(i, MockDigitalInput.class).mockState(DigitalState.HIGH));
        boards.add(board);
        air();
        try {
            node.start();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("sensor node " + id + " cannot listen on 127.0.2." + n + ":" + port + ": " + e.getMessage(), e);
        }
        return node;
    }

    private void tick(double speed) {
        try {
            boolean cooling = false;
            boolean dry = false;
            boolean wet = false;
            boolean fresh = false;
            for (Context b : boards) {
                cooling |= on(b, "relay-air-conditioner");
                dry |= on(b, "relay-dehumidifier");
                wet |= on(b, "relay-humidifier");
                // Fans move outside air only through open dampers.
                fresh |= on(b, "relay-ventilation") && on(b, "relay-dampers");
            }
            RoomClimate.Plant plant = new RoomClimate.Plant(cooling, dry, wet, fresh);
            // Whole model minutes at most per step: the model is made for one-minute steps.
            double left = speed;
            while (left > 0) {
                double dt = Math.min(60, left);
                model.step(dt, plant);
                left -= dt;
            }
            air();
        } catch (RuntimeException e) {
            LOG.error("room climate step failed", e);
        }
    }

    private static boolean on(Context board, String relay) {
        return board.registry().exists(relay) && board.registry().get(relay, DigitalOutput.class).isHigh();
    }

    /** Each chip reads the room's air; the boards stand in different corners, a few tenths apart. */
    private void air() {
        for (int i = 0; i < chips.size(); i++) {
            chips.get(i).air(model.celsius() + 0.15 * (i - 1), Math.max(0, Math.min(100, model.humidity() - 0.8 * (i - 1))));
        }
        double[] out = model.outside();
        outsideChip.air(out[0], out[1]);
    }

    /** @return the configuration that reaches the boards: {@code sensor-n=coap://HOST:PORT} */
    public String[] sensorNodesConfig() {
        String[] out = new String[nodes.size()];
        for (int i = 0; i < out.length; i++) {
            InetSocketAddress a = nodes.get(i).server().boundAddress();
            String id = nodes.get(i) == outsideNode ? OUTSIDE_NODE : "sensor-" + (i + 1);
            out[i] = id + "=coap://" + a.getAddress().getHostAddress() + ":" + a.getPort();
        }
        return out;
    }

    /** @return the board measuring the outside air */
    public SensorNode outsideBoard() {
        return outsideNode;
    }

    /** @return sensor board {@code n} (1-based) */
    public SensorNode board(int n) {
        return nodes.get(n - 1);
    }

    private MockDigitalInput input(int board, String suffix) {
        return boards.get(board - 1).registry().get(suffix, MockDigitalInput.class);
    }

    /** Board {@code n}'s point smoke detector goes into (or out of) fire alarm. */
    public void smoke(int n, boolean fire) {
        input(n, "smoke-s" + n + "-fire1").mockState(fire ? DigitalState.HIGH : DigitalState.LOW);
    }

    /** The aspirating detector (board 1) shows {@code level}: each level closes its own contact, as VESDA's relays do. */
    public void aspirating(DetectorLevel level) {
        String[] lines = {"alert", "action", "fire1", "fire2"};
        int upTo = switch (level) {
            case ALERT -> 0;
            case ACTION -> 1;
            case FIRE_1 -> 2;
            case FIRE_2 -> 3;
            default -> -1;
        };
        for (int i = 0; i < lines.length; i++) {
            input(1, "vesda-s1-" + lines[i]).mockState(i <= upTo ? DigitalState.HIGH : DigitalState.LOW);
        }
    }

    /** The fire panel (board 1): fire alarm, and the gas discharge countdown or release. */
    public void firePanel(boolean fire, boolean countdown, boolean gasReleased) {
        input(1, "panel-fire").mockState(fire ? DigitalState.HIGH : DigitalState.LOW);
        input(1, "panel-pre-discharge").mockState(countdown ? DigitalState.HIGH : DigitalState.LOW);
        input(1, "panel-gas-released").mockState(gasReleased ? DigitalState.HIGH : DigitalState.LOW);
    }

    /** Board {@code n}'s temperature/humidity sensor starts (or stops) failing. */
    public void sensorFault(int n, SimulatedSht.Fault fault) {
        chips.get(n - 1).fault(fault);
    }

    @Override
    public void close() {
        clock.shutdownNow();
        nodes.forEach(SensorNode::close);
        boards.forEach(Context::shutdown);
        org.storeroom.bus.BusNetwork.stop(boardsMain, boardsSecondary);
    }
}
