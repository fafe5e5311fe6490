package org.storeroom.shelf.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.storeroom.shelf.api.ShelfMode;
import org.storeroom.shelf.core.RoomWorld.Carriage;
import org.storeroom.shelf.core.ShelfCore.Result;

/**
 * One million randomised steps over 45 columns: requests from every origin, people walking into aisles,
 * boxes breaking entry beams, obstructions, resets, mode changes, fires with fire parks, link losses,
 * node reboots, faults, reports that arrive late or not at all. After every step the safety monitor
 * checks the core's grants against what it was told, and the world checks that no carriage overlaps
 * another. Half the seeds run the demo room (nine columns a range, too many for a fire park), half a
 * room of nine ranges of five, whose gaps are wide enough to spread in a fire.
 */
class ShelfCorePropertyTest {
    private static final int STEPS = 1_000_000;
    private static final long[] SEEDS = {1L, 20261123L, 0x5eed_0fL, 977L};

    @Test
    void aMillionRandomStepsBreakNoSafetyRule() {
        long finished = 0;
        long moves = 0;
        long stopsOnInterlock = 0;
        long fireParkMoves = 0;
        for (int k = 0; k < SEEDS.length; k++) {
            Stats s = run(SEEDS[k], STEPS / SEEDS.length, k % 2 == 0 ? RoomModel.demo() : rangesOfFive());
            finished += s.finished;
            moves += s.moves;
            stopsOnInterlock += s.aborted;
            fireParkMoves += s.fireParkMoves;
        }
        System.out.printf("property run: %d steps, %d moves granted (%d in fire parks), %d requests completed, %d aborted%n",
                STEPS, moves, fireParkMoves, finished, stopsOnInterlock);
        // The run must really exercise motion, or the absence of violations would mean nothing.
        assertThat(moves).as("moves granted").isGreaterThan(5_000);
        assertThat(finished).as("requests completed").isGreaterThan(500);
        assertThat(stopsOnInterlock).as("movements aborted by an interlock").isGreaterThan(500);
        assertThat(fireParkMoves).as("moves granted to fire parks").isGreaterThan(100);
    }

    /** 45 columns in nine ranges of five: 900 mm shared by five gaps, 180 mm each. */
    static RoomModel rangesOfFive() {
        List<RangeModel> ranges = new ArrayList<>();
        for (int r = 0; r < 9; r++) {
            List<Integer> cols = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                cols.add(r * 5 + i);
            }
            ranges.add(new RangeModel("R" + r, cols, 600, 900));
        }
        return new RoomModel(ranges);
    }

    record Stats(long moves, long finished, long aborted, long fireParkMoves) {
    }

    private static Stats run(long seed, int steps, RoomModel room) {
        Random rnd = new Random(seed);
        CoreSettings cfg = CoreSettings.DEFAULT;
        ShelfCore core = new ShelfCore(room, cfg);
        RoomWorld world = new RoomWorld(room, 10_000);
        SafetyMonitor monitor = new SafetyMonitor(room, cfg);
        CoreState state = CoreState.initial(room);
        List<Integer> columns = room.columns();
        int requestNo = 0;

        for (int step = 0; step < steps; step++) {
            List<Input> inputs = new ArrayList<>();
            int dice = rnd.nextInt(1000);
            if (dice < 450) {
                world.advance(10 + rnd.nextInt(110));
                for (int c : columns) {
                    Carriage k = world.carriages.get(c);
                    // Moving columns report nearly always, idle ones now and then; some reports are lost.
                    double p = k.moving(world.now) ? 0.9 : 0.35;
                    if (k.reachable && rnd.nextDouble() < p) {
                        inputs.add(new Input.Report(c, world.report(c), world.now));
                    }
                }
                inputs.add(new Input.Tick(world.now));
            } else if (dice < 600) {
                RangeModel r = room.ranges().get(rnd.nextInt(room.ranges().size()));
                int aisle = rnd.nextInt(50) == 0 ? 0 : 1 + rnd.nextInt(r.size() + (rnd.nextInt(50) == 0 ? 2 : 0));
                inputs.add(new Input.OpenAisle("q" + requestNo++, r.id(), aisle, rnd.nextBoolean() ? "panel" : "button", world.now));
            } else if (dice < 620) {
                inputs.add(new Input.Ventilate("v" + requestNo++, room.ranges().get(rnd.nextInt(room.ranges().size())).id(), "schedule", world.now));
            } else if (dice < 650) {
                int c = columns.get(rnd.nextInt(columns.size()));
                inputs.add(new Input.Jog("j" + requestNo++, c, rnd.nextInt(6500), "technician", world.now));
            } else if (dice < 680) {
                ShelfMode[] modes = ShelfMode.values();
                ShelfMode m = rnd.nextInt(3) > 0 ? ShelfMode.NORMAL : modes[rnd.nextInt(modes.length)];
                inputs.add(new Input.SetMode(m, "facilities", world.now));
            } else if (dice < 800) {
                RangeModel r = room.ranges().get(rnd.nextInt(room.ranges().size()));
                int gap = 1 + rnd.nextInt(r.size());
                boolean someone = rnd.nextInt(6) == 0;
                boolean box = !someone && rnd.nextInt(10) == 0;
                inputs.add(new Input.Aisle(r.id(), gap, someone, box, world.now));
            } else if (dice < 808) {
                Carriage k = world.carriages.get(columns.get(rnd.nextInt(columns.size())));
                k.latched = rnd.nextBoolean() ? "obstruction front" : "emergency stop";
                k.target = null;
                k.seq++;
                if (k.reachable) {
                    inputs.add(new Input.Report(k.column, world.report(k.column), world.now));
                }
            } else if (dice < 860) {
                // Facilities staff mostly reset a column that is latched; sometimes any column.
                List<Integer> latched = columns.stream().filter(c -> world.carriages.get(c).latched != null).toList();
                int c = !latched.isEmpty() && rnd.nextInt(4) > 0 ? latched.get(rnd.nextInt(latched.size()))
                        : columns.get(rnd.nextInt(columns.size()));
                inputs.add(new Input.ResetColumn(c, "facilities", world.now));
            } else if (dice < 870) {
                Carriage k = world.carriages.get(columns.get(rnd.nextInt(columns.size())));
                k.reachable = !k.reachable || rnd.nextInt(3) == 0;
                inputs.add(new Input.Link(k.column, k.reachable, world.now));
            } else if (dice < 900) {
                // Links come back.
                columns.stream().map(world.carriages::get).filter(k -> !k.reachable).findFirst().ifPresent(k -> {
                    k.reachable = true;
                    inputs.add(new Input.Link(k.column, true, world.now));
                });
            } else if (dice < 910) {
                Carriage k = world.carriages.get(columns.get(rnd.nextInt(columns.size())));
                k.target = null; // a reboot stops the motor; the safety relay keeps any latch
                k.boot++;
                k.seq = 0;
                k.pressesFront = 0;
                k.pressesRear = 0;
            } else if (dice < 920) {
                Carriage k = world.carriages.get(columns.get(rnd.nextInt(columns.size())));
                k.fault = !k.fault && rnd.nextInt(8) == 0;
            } else if (dice < 921) {
                inputs.add(new Input.StopAll("panel", world.now));
            } else if (dice < 930) {
                // A column's own aisle sensors: someone walks into the aisle in front of it, or leaves.
                List<Integer> blocked = columns.stream().filter(c -> world.carriages.get(c).aisleOccupied
                        || world.carriages.get(c).aisleBeamBroken).toList();
                Carriage k = world.carriages.get(!blocked.isEmpty() && rnd.nextBoolean()
                        ? blocked.get(rnd.nextInt(blocked.size())) : columns.get(rnd.nextInt(columns.size())));
                k.aisleOccupied = rnd.nextInt(4) == 0;
                k.aisleBeamBroken = !k.aisleOccupied && rnd.nextInt(6) == 0;
                k.seq++;
                if (k.reachable) {
                    inputs.add(new Input.Report(k.column, world.report(k.column), world.now));
                }
            } else if (dice < 950) {
                // Someone presses an aisle button on a column; the node reports it with its next state.
                Carriage k = world.carriages.get(columns.get(rnd.nextInt(columns.size())));
                if (rnd.nextBoolean()) {
                    k.pressesFront++;
                } else {
                    k.pressesRear++;
                }
                k.seq++;
                if (k.reachable) {
                    inputs.add(new Input.Report(k.column, world.report(k.column), world.now));
                }
            } else if (dice < 965) {
                // A fire: the linkage holds the shelving, then (confirmed) asks every range to park.
                if (rnd.nextBoolean()) {
                    inputs.add(new Input.SetMode(ShelfMode.FIRE, "fire-linkage", world.now));
                }
                for (RangeModel r : room.ranges()) {
                    inputs.add(new Input.FirePark("f" + requestNo++, r.id(), "fire-linkage", world.now));
                }
            } else {
                inputs.add(new Input.Tick(world.now));
            }

            for (Input in : inputs) {
                Result r = core.handle(state, in);
                state = r.state();
                List<String> broken = new ArrayList<>(monitor.step(in, r.outputs()));
                for (Output o : r.outputs()) {
                    world.apply(o, cfg.leaseMs());
                }
                broken.addAll(world.physicalViolations());
                if (!broken.isEmpty()) {
                    throw new AssertionError("seed " + seed + " step " + step + " input " + in + ": " + broken
                            + "\noutputs " + r.outputs());
                }
            }
        }
        return new Stats(monitor.count(Output.Move.class), monitor.count(Output.Finished.class), monitor.count(Output.Aborted.class),
                monitor.counts.getOrDefault("FireParkMove", 0L));
    }
}
