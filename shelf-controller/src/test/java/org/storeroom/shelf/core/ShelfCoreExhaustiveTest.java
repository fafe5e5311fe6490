package org.storeroom.shelf.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.storeroom.bus.ColumnState;
import org.storeroom.bus.Motion;
import org.storeroom.shelf.api.Reason;
import org.storeroom.shelf.api.ShelfMode;
import org.storeroom.shelf.core.CoreState.AisleId;
import org.storeroom.shelf.core.CoreState.AisleSensors;
import org.storeroom.shelf.core.CoreState.ColumnView;
import org.storeroom.shelf.core.ShelfCore.Result;

/**
 * Every state of a small range (a fixed column and three carriages) against every request, checked by
 * an oracle written independently of the core: for each mode, each combination of aisle sensors, of
 * column conditions and of carriage positions, the core must accept exactly when the oracle says the
 * movement is safe, and when it refuses it must name a reason that is really there. Then, for every
 * accepted movement, every single thing that can go wrong next must stop the moving column at once.
 */
class ShelfCoreExhaustiveTest {
    private static final RangeModel R = new RangeModel("X", List.of(1, 2, 3, 4), 600, 900);
    private static final RoomModel ROOM = new RoomModel(List.of(R));
    private static final CoreSettings CFG = CoreSettings.DEFAULT;
    private static final ShelfCore CORE = new ShelfCore(ROOM, CFG);
    private static final long NOW = 100_000;

    enum Sensor { CLEAR, OCCUPIED, BEAM }

    enum Cond { OK, LATCHED, STALE, FAULTY, UNLINKED, UNHEARD }

    private static final Cond[] COMBINED = {Cond.OK, Cond.LATCHED, Cond.STALE};

    @Test
    void everyRequestInEveryStateOfASmallRangeIsDecidedAsTheOracleSays() {
        List<int[]> positions = consistentPositions();
        assertThat(positions).hasSizeGreaterThan(8);
        long decisions = 0;
        long accepted = 0;
        long perturbations = 0;
        List<Cond[]> conditions = new ArrayList<>();
        for (int code = 0; code < 81; code++) {
            conditions.add(new Cond[] {COMBINED[code % 3], COMBINED[code / 3 % 3], COMBINED[code / 9 % 3], COMBINED[code / 27]});
        }
        for (Cond bad : Cond.values()) {
            for (int c = 0; c < 4; c++) {
                Cond[] one = {Cond.OK, Cond.OK, Cond.OK, Cond.OK};
                one[c] = bad;
                conditions.add(one);
            }
        }
        for (ShelfMode mode : ShelfMode.values()) {
            for (int sensorCode = 0; sensorCode < 81; sensorCode++) {
                Sensor[] sensors = new Sensor[5];
                for (int g = 1; g <= 4; g++) {
                    sensors[g] = Sensor.values()[sensorCode / (int) Math.pow(3, g - 1) % 3];
                }
                for (Cond[] cond : conditions) {
                    for (int[] pos : positions) {
                        CoreState s = state(mode, sensors, cond, pos);
                        for (Input request : requests(pos)) {
                            Result r = CORE.handle(s, request);
                            decisions++;
                            Set<Reason> truth = violations(mode, sensors, cond, pos, request);
                            String where = mode + " sensors " + java.util.Arrays.toString(sensors) + " cond "
                                    + java.util.Arrays.toString(cond) + " pos " + java.util.Arrays.toString(pos) + " " + request;
                            List<Output.Refused> refused = r.outputs().stream().filter(Output.Refused.class::isInstance)
                                    .map(Output.Refused.class::cast).toList();
                            if (truth.isEmpty()) {
                                assertThat(refused).as("refused although safe: " + where).isEmpty();
                                assertThat(r.outputs()).as(where).contains(new Output.Accepted(id(request)));
                                accepted++;
                                if (!r.state().activity().isEmpty()) {
                                    perturbations += everyNextMishapStopsTheColumn(r.state(), where);
                                }
                            } else {
                                assertThat(refused).as("accepted although " + truth + ": " + where).hasSize(1);
                                assertThat(truth).as("refusal names a real reason: " + where).contains(refused.get(0).why().reason());
                                assertThat(r.outputs()).as(where).noneMatch(o -> o instanceof Output.Move);
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("exhaustive: %d decisions, %d accepted, %d mishaps after acceptance checked%n",
                decisions, accepted, perturbations);
        assertThat(accepted).isGreaterThan(100);
        assertThat(perturbations).isGreaterThan(1000);
    }

    /** After acceptance, everything that can go wrong next must stop the moving column in that same step. */
    private static long everyNextMishapStopsTheColumn(CoreState running, String where) {
        CoreState.Activity a = running.activity().get("X");
        int moving = a.current().column();
        boolean forward = a.current().targetMm() > a.startMm();
        int closes = RangeModel.gapClosedBy(R.indexOf(moving), forward);
        List<Input> mishaps = new ArrayList<>();
        boolean park = a.kind() == CoreState.Kind.FIRE_PARK;
        for (int g = 1; g <= R.size(); g++) {
            if (g == closes || park) { // a fire park stops for anyone anywhere in the range
                mishaps.add(new Input.Aisle("X", g, true, false, NOW + 10));
                mishaps.add(new Input.Aisle("X", g, false, true, NOW + 10));
            }
        }
        // The same, reported by the board of the column facing that aisle.
        int facing = R.columns().get(closes - 1);
        ColumnState fs = running.column(facing).state();
        mishaps.add(new Input.Report(facing, new ColumnState(fs.column(), fs.firmware(), fs.boot(), fs.seq() + 1, fs.positionMm(),
                fs.targetMm(), fs.motion(), false, false, false, null, fs.leaseRemainingMs(), fs.faults(), fs.pressesFront(),
                fs.pressesRear(), true, false), NOW + 10));
        for (int c : R.columns()) {
            ColumnState st = running.column(c).state();
            mishaps.add(new Input.Report(c, with(st, "obstruction front", List.of(), st.motion()), NOW + 10));
            mishaps.add(new Input.Report(c, with(st, null, List.of("encoder lost"), st.motion()), NOW + 10));
            mishaps.add(new Input.Link(c, false, NOW + 10));
        }
        for (ShelfMode m : ShelfMode.values()) {
            if (m != running.mode()) {
                // Any change of mode ends what is under way.
                mishaps.add(new Input.SetMode(m, "test", NOW + 10));
            }
        }
        mishaps.add(new Input.StopAll("test", NOW + 10));
        mishaps.add(new Input.Tick(NOW + CFG.freshnessMs() + 1));
        for (Input m : mishaps) {
            Result r = CORE.handle(running, m);
            assertThat(r.outputs()).as("after " + m + " while column " + moving + " moves: " + where)
                    .anyMatch(o -> o instanceof Output.Stop st && st.column() == moving);
            assertThat(r.state().activity()).as(where).isEmpty();
            assertThat(r.outputs()).noneMatch(o -> o instanceof Output.Move || o instanceof Output.Renew);
        }
        // And a harmless input (a gap the column does not close) does not stop it.
        int other = closes == 1 ? 2 : 1;
        Result calm = CORE.handle(running, new Input.Aisle("X", other, true, false, NOW + 10));
        boolean otherIsClosedLater = a.steps().stream().anyMatch(st -> RangeModel.gapClosedBy(R.indexOf(st.column()),
                st.targetMm() > ShelfCore.positions(running, R)[R.indexOf(st.column())]) == other);
        if (!otherIsClosedLater && !park) {
            assertThat(calm.outputs()).as("a person in an aisle no move closes does not stop " + where)
                    .noneMatch(o -> o instanceof Output.Stop);
        }
        return mishaps.size() + 1;
    }

    private static ColumnState with(ColumnState s, String latch, List<String> faults, Motion motion) {
        return new ColumnState(s.column(), s.firmware(), s.boot(), s.seq() + 1, s.positionMm(), s.targetMm(), motion,
                latch != null, false, false, latch, s.leaseRemainingMs(), faults, s.pressesFront(), s.pressesRear(), s.aisleOccupied(), s.aisleBeamBroken());
    }

    private static String id(Input request) {
        return request instanceof Input.OpenAisle o ? o.requestId() : request instanceof Input.Ventilate v ? v.requestId()
                : request instanceof Input.FirePark f ? f.requestId() : ((Input.Jog) request).requestId();
    }

    private static List<Input> requests(int[] pos) {
        List<Input> in = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            in.add(new Input.OpenAisle("open" + k, "X", k, "panel", NOW));
        }
        in.add(new Input.Ventilate("vent", "X", "schedule", NOW));
        in.add(new Input.FirePark("park", "X", "fire-linkage", NOW));
        for (int i = 1; i < 4; i++) {
            for (int t : new int[] {R.minPosition(i), R.minPosition(i) + 450, R.maxPosition(i)}) {
                in.add(new Input.Jog("jog" + i + "-" + t, R.columns().get(i), t, "technician", NOW));
            }
        }
        return in;
    }

    /** The oracle: every reason a request must be refused, computed without the core. */
    private static Set<Reason> violations(ShelfMode mode, Sensor[] sensors, Cond[] cond, int[] pos, Input request) {
        Set<Reason> v = EnumSet.noneOf(Reason.class);
        boolean jog = request instanceof Input.Jog;
        boolean park = request instanceof Input.FirePark;
        if (mode == ShelfMode.FIRE) {
            if (!park) {
                v.add(Reason.FIRE_MODE);
            }
        } else if (mode == ShelfMode.LOCKED) {
            v.add(Reason.LOCKED);
        } else if (mode == ShelfMode.MAINTENANCE && !jog) {
            v.add(Reason.MAINTENANCE);
        } else if (mode != ShelfMode.MAINTENANCE && jog) {
            v.add(Reason.NOT_IN_MAINTENANCE);
        } else if (park) {
            v.add(Reason.NOT_IN_FIRE);
        }
        if (park) {
            // Nobody anywhere in the range: every gap, moved through or not.
            for (int g = 1; g <= 4; g++) {
                if (sensors[g] == Sensor.OCCUPIED) {
                    v.add(Reason.AISLE_OCCUPIED);
                } else if (sensors[g] == Sensor.BEAM) {
                    v.add(Reason.ENTRY_BEAM_BROKEN);
                }
            }
        }
        for (Cond c : cond) {
            switch (c) {
                case LATCHED -> v.add(Reason.LATCHED_STOP);
                case STALE -> v.add(Reason.STALE_STATE);
                case FAULTY -> v.add(Reason.COLUMN_FAULT);
                case UNLINKED -> v.add(Reason.LINK_LOST);
                case UNHEARD -> v.add(Reason.NO_STATE);
                default -> { }
            }
        }
        int[] target = pos.clone();
        if (request instanceof Input.OpenAisle o) {
            target = R.aisleTargets(o.aisle());
        } else if (request instanceof Input.Ventilate || park) {
            target = R.ventilationTargets();
        } else if (request instanceof Input.Jog j) {
            int i = R.indexOf(j.column());
            int low = Math.max(R.minPosition(i), pos[i - 1] + 600);
            int high = Math.min(R.maxPosition(i), i + 1 < 4 ? pos[i + 1] - 600 : R.maxPosition(i));
            if (j.targetMm() < low || j.targetMm() > high) {
                v.add(Reason.TARGET_OUT_OF_RANGE);
            } else if (Math.abs(j.targetMm() - pos[i]) <= CFG.toleranceMm()) {
                v.add(Reason.ALREADY_THERE);
            }
            target[i] = j.targetMm();
        }
        for (int i = 1; i < 4; i++) {
            if (Math.abs(target[i] - pos[i]) > CFG.toleranceMm()) {
                Sensor s = sensors[RangeModel.gapClosedBy(i, target[i] > pos[i])];
                if (s == Sensor.OCCUPIED) {
                    v.add(Reason.AISLE_OCCUPIED);
                } else if (s == Sensor.BEAM) {
                    v.add(Reason.ENTRY_BEAM_BROKEN);
                }
            }
        }
        return v;
    }

    private static CoreState state(ShelfMode mode, Sensor[] sensors, Cond[] cond, int[] pos) {
        Map<Integer, ColumnView> cols = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            int c = R.columns().get(i);
            ColumnState st = new ColumnState(c, "x", 1, 0, pos[i], null, Motion.STOPPED, cond[i] == Cond.LATCHED, false, false,
                    cond[i] == Cond.LATCHED ? "obstruction front" : null, 0,
                    cond[i] == Cond.FAULTY ? List.of("motor overcurrent") : List.of(), 0, 0,
                    sensors[i + 1] == Sensor.OCCUPIED, sensors[i + 1] == Sensor.BEAM);
            cols.put(c, switch (cond[i]) {
                case UNHEARD -> new ColumnView(null, Long.MIN_VALUE / 2, false);
                case STALE -> new ColumnView(st, NOW - CFG.freshnessMs() - 1, true);
                case UNLINKED -> new ColumnView(st, NOW, false);
                default -> new ColumnView(st, NOW, true);
            });
        }
        Map<AisleId, AisleSensors> aisles = new HashMap<>();
        for (int g = 1; g <= 4; g++) {
            aisles.put(new AisleId("X", g), new AisleSensors(sensors[g] == Sensor.OCCUPIED, sensors[g] == Sensor.BEAM));
        }
        return new CoreState(mode, cols, aisles, Map.of(), 1);
    }

    /** Every layout of the three carriages on the grid min / half-way / max that is physically possible. */
    private static List<int[]> consistentPositions() {
        List<int[]> out = new ArrayList<>();
        int[] offsets = {0, 450, 900};
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 3; c++) {
                    int[] p = {0, 600 + offsets[a], 1200 + offsets[b], 1800 + offsets[c]};
                    if (Planner.consistent(R, p, 0)) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }
}
