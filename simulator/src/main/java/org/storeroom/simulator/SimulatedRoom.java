package org.storeroom.simulator;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeroom.node.Boards;
import org.storeroom.node.NodeServer;
import org.storeroom.node.column.ColumnNode;
import org.storeroom.node.column.ColumnNodeConfig;
import org.storeroom.simulator.CarriagePhysics.Carriage;

/**
 * The store room twin: one real column node firmware per column, each on its own loopback address and
 * its own Pi4J mock board, sharing two small executors and one socket thread ({@link DatagramHub}) so 45
 * nodes fit in one process; the carriages'
 * physics drive the boards' encoders and safety chains, every {@value #PHYSICS_MS} ms of real time.
 * Carriages start parked, packed against their range's fixed column.
 */
public final class SimulatedRoom implements AutoCloseable {
    static final int PHYSICS_MS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedRoom.class);

    private final RoomLayout layout;
    private final ScheduledExecutorService main;
    private final ScheduledExecutorService secondary;
    private final ScheduledExecutorService control;
    private final ScheduledExecutorService physicsClock;
    private final List<Context> boards = new ArrayList<>();
    private final List<ColumnNode> columns = new ArrayList<>();
    private final List<Carriage> carriages = new ArrayList<>();
    private CarriagePhysics physics;
    private SimulatedClimate climate;
    private SimulatedGate gate;
    private SimulatedCart cart;
    private SimulatedShelfReader shelfReader;
    private final ShelfContents shelves = new ShelfContents();
    private final BusConditions bus = new BusConditions();
    private final DatagramHub wire;
    private final NodeServer.SharedExecutors shared;

    private SimulatedRoom(RoomLayout layout) {
        this.layout = layout;
        this.main = ExecutorsUtil.newScheduledThreadPool(2, threads("room-nodes"));
        this.secondary = ExecutorsUtil.newDefaultSecondaryScheduler("room-nodes-timer#");
        this.physicsClock = Executors.newSingleThreadScheduledExecutor(threads("room-physics"));
        this.wire = new DatagramHub("room-bus-wire");
        // The column boards' control loops (50 Hz each) on a thread of their own, as each board has: on
        // the two threads that serve the boards' CoAP requests, a STOP waited behind up to 45 boards' cycles.
        this.control = Executors.newSingleThreadScheduledExecutor(threads("room-control"));
        this.shared = new NodeServer.SharedExecutors(main, secondary, control,
                address -> new LossyConnector(wire.connector(address), bus, secondary));
    }

    /**
     * Starts every node of the layout; if any cannot start (an address in use), the ones started are
     * stopped again and the failure names the node.
     */
    public static SimulatedRoom start(RoomLayout layout) {
        return start(layout, false);
    }

    /**
     * The room with its air, its three sensor boards, the outside board, the door gate's, the inventory cart's and the shelf
     * antennas' readers too (the
     * demo, the environment's and the warehouse's tests). Tests of
     * the shelving alone leave them out: their carriages' stopping marks are measured to 10 mm.
     */
    public static SimulatedRoom startWithClimate(RoomLayout layout) {
        return start(layout, true);
    }

    private static SimulatedRoom start(RoomLayout layout, boolean withClimate) {
        SimulatedRoom room = new SimulatedRoom(layout);
        try {
            for (int c = 1; c <= layout.columns(); c++) {
                Carriage carriage = new Carriage(c, null, layout.minMm(c), layout.maxMm(c));
                room.carriages.add(carriage);
                room.boards.add(null);
                room.columns.add(null);
                room.power(carriage);
            }
            room.physics = new CarriagePhysics(layout, room.carriages);
            if (withClimate) {
                room.climate = SimulatedClimate.start(layout.columnPort(), room.shared, 1);
                room.gate = new SimulatedGate(layout.columnPort() == 0 ? 0 : 5084, room.shelves);
                room.cart = new SimulatedCart(layout.columnPort() == 0 ? 0 : 5084, room, room.shelves);
                room.shelfReader = new SimulatedShelfReader(layout.columnPort() == 0 ? 0 : 5084, room.shelves);
            }
            long[] last = {System.nanoTime()};
            room.physicsClock.scheduleAtFixedRate(() -> {
                long t = System.nanoTime();
                try {
                    room.physics.step((t - last[0]) / 1e6);
                } catch (RuntimeException e) {
                    LOG.error("room physics step failed", e);
                }
                last[0] = t;
            }, PHYSICS_MS, PHYSICS_MS, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            room.close();
            throw e;
        }
        LOG.info("simulated room: {} column nodes on 127.0.1.1..{}{}", layout.columns(), layout.columns(),
                withClimate ? ", " + SimulatedClimate.BOARDS + " sensor boards and the outside board on 127.0.2.x, the door gate's reader on 127.0.3.1, the inventory cart's on 127.0.3.2, the shelf antennas' on 127.0.3.3" : "");
        return room;
    }

    /** Powers a carriage's board up: a new Pi4J board, the real firmware, inputs as the carriage really is. */
    private void power(Carriage carriage) {
        int c = carriage.column;
        Context board = Boards.mock();
        java.net.InetSocketAddress address = carriage.address != null ? carriage.address : layout.columnAddress(c);
        ColumnNode node = new ColumnNode(new ColumnNodeConfig(c, address, layout.minMm(c),
                layout.minMm(c), layout.maxMm(c), null), board, carriage::positionMm, shared);
        // Every contact strip, light beam, aisle sensor and emergency stop chain as it physically is.
        node.io().safetyInputs().forEach((id, in) -> ((MockDigitalInput) in).mockState(switch (id) {
            case "obstruction-front" -> carriage.frontPressed;
            case "obstruction-rear" -> carriage.rearPressed;
            case "emergency-stop" -> carriage.emergencyStopPressed;
            case "aisle-presence" -> carriage.aisleOccupied;
            case "aisle-beam" -> carriage.beamBroken;
            default -> false;
        } ? DigitalState.LOW : DigitalState.HIGH));
        boards.set(c - 1, board);
        columns.set(c - 1, node);
        carriage.node = node;
        try {
            node.start();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("column node " + c + " cannot listen on " + address + ": "
                    + e.getMessage(), e);
        }
        carriage.address = node.server().boundAddress();
    }

    /**
     * Power-cycles a column's board: the firmware restarts with a new boot id and forgets any movement;
     * the motor stops while it is down; the carriage stays where it is.
     */
    public synchronized void reboot(int column) {
        Carriage carriage = carriages.get(column - 1);
        columns.get(column - 1).close();
        boards.get(column - 1).shutdown();
        LOG.info("column {} board rebooting", column);
        power(carriage);
    }

    /** @return the bus's conditions, to lose or delay the nodes' datagrams. */
    public BusConditions bus() {
        return bus;
    }

    /** @return the room's air and its sensor boards, or {@code null} when started without them. */
    public SimulatedClimate climate() {
        return climate;
    }

    /** @return the door gate's reader, or {@code null} when started without the room's air and doors. */
    public SimulatedGate gate() {
        return gate;
    }

    /** @return the inventory cart's reader, or {@code null} when started without the room's air and doors. */
    public SimulatedCart cart() {
        return cart;
    }

    /** @return the fixed shelf antennas' reader (none fitted at first), or {@code null} when started without the room's air and doors. */
    public SimulatedShelfReader shelfReader() {
        return shelfReader;
    }

    /** @return what stands on the shelves: empty until filled (the demo fills it with the demo holdings). */
    public ShelfContents shelves() {
        return shelves;
    }

    /** @return the layout the room was started with. */
    public RoomLayout layout() {
        return layout;
    }

    /** @return column node {@code column} (1-based). */
    public ColumnNode column(int column) {
        return columns.get(column - 1);
    }

    /** @return where the carriage of {@code column} really is, in mm. */
    public double positionMm(int column) {
        return carriages.get(column - 1).posMm;
    }

    /** @return how fast the carriage of {@code column} moves, mm/s, positive away from the fixed column. */
    public double velocityMmPerS(int column) {
        return physics.velocity(column);
    }

    /** Something presses (or stops pressing) a carriage's contact strip or interrupts its light beam. */
    public void obstruct(int column, boolean front, boolean pressed) {
        Carriage c = carriages.get(column - 1);
        if (front) {
            c.frontPressed = pressed;
        } else {
            c.rearPressed = pressed;
        }
    }

    /** Someone walks into (or out of) the aisle in front of {@code column}. */
    public void occupyAisle(int column, boolean occupied) {
        carriages.get(column - 1).aisleOccupied = occupied;
    }

    /** Something interrupts (or stops interrupting) the entry light beam of the aisle in front of {@code column}. */
    public void breakBeam(int column, boolean broken) {
        carriages.get(column - 1).beamBroken = broken;
    }

    /** Someone presses and releases the aisle button on a column's front (or rear) face. */
    public void pressButton(int column, boolean front) {
        MockDigitalInput b = (MockDigitalInput) columns.get(column - 1).io().buttons().get(front ? "button-front" : "button-rear");
        b.mockState(DigitalState.HIGH);
        b.mockState(DigitalState.LOW);
    }

    /** Someone presses (or releases) the column's emergency stop. */
    public void emergencyStop(int column, boolean pressed) {
        carriages.get(column - 1).emergencyStopPressed = pressed;
    }

    /**
     * @return the device bus configuration that reaches this room's column nodes, one
     *         {@code COLUMN=coap://HOST:PORT} entry per column
     */
    public String[] columnNodesConfig() {
        String[] entries = new String[columns.size()];
        for (int i = 0; i < entries.length; i++) {
            var a = columns.get(i).server().boundAddress();
            entries[i] = (i + 1) + "=coap://" + a.getAddress().getHostAddress() + ":" + a.getPort();
        }
        return entries;
    }

    @Override
    public void close() {
        physicsClock.shutdownNow();
        if (climate != null) {
            climate.close();
        }
        if (gate != null) {
            gate.close();
        }
        if (cart != null) {
            cart.close();
        }
        if (shelfReader != null) {
            shelfReader.close();
        }
        columns.stream().filter(java.util.Objects::nonNull).forEach(ColumnNode::close);
        boards.stream().filter(java.util.Objects::nonNull).forEach(Context::shutdown);
        org.storeroom.bus.BusNetwork.stop(main, secondary);
        control.shutdownNow();
        wire.close();
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
