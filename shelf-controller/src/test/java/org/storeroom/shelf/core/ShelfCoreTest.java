package org.storeroom.shelf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storeroom.shelf.core.Rooms.parked;
import static org.storeroom.shelf.core.Rooms.state;
import static org.storeroom.shelf.core.Rooms.still;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.storeroom.bus.Motion;
import org.storeroom.shelf.api.Reason;
import org.storeroom.shelf.api.Refusal;
import org.storeroom.shelf.api.ShelfMode;
import org.storeroom.shelf.core.ShelfCore.Result;

class ShelfCoreTest {
    private final ShelfCore core = new ShelfCore(RoomModel.demo(), CoreSettings.DEFAULT);
    private final RangeModel a = RoomModel.demo().range("A").orElseThrow();

    private static <T extends Output> List<T> of(Result r, Class<T> type) {
        return r.outputs().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Drives every moving column of the result to its target, reporting arrival; returns the last result. */
    private Result runToEnd(Result r, long[] now) {
        for (int guard = 0; guard < 50; guard++) {
            List<Output.Move> moves = of(r, Output.Move.class);
            if (moves.isEmpty()) {
                return r;
            }
            Output.Move m = moves.get(0);
            now[0] += 50;
            r = core.handle(r.state(), new Input.Report(m.column(), state(m.column(), m.targetMm() - 100, Motion.MOVING_FORWARD, null, List.of()), now[0]));
            now[0] += 50;
            Result arrived = core.handle(r.state(), new Input.Report(m.column(), still(m.column(), m.targetMm()), now[0]));
            Result fresh = moment(arrived.state(), now[0]);
            r = new Result(fresh.state(), concat(arrived.outputs(), fresh.outputs()));
        }
        throw new AssertionError("did not finish");
    }

    /** Feeds inputs in order and collects every output. */
    private Result feed(CoreState s, List<Input> inputs) {
        List<Output> all = new java.util.ArrayList<>();
        for (Input in : inputs) {
            Result r = core.handle(s, in);
            s = r.state();
            all.addAll(r.outputs());
        }
        return new Result(s, all);
    }

    /** Fresh reports of every column of range A, as they are, then a tick: one moment of the room. */
    private Result moment(CoreState s, long t) {
        List<Input> in = new java.util.ArrayList<>();
        for (int c : a.columns()) {
            in.add(new Input.Report(c, s.column(c).state(), t));
        }
        in.add(new Input.Tick(t));
        return feed(s, in);
    }

    private static List<Output> concat(List<Output> x, List<Output> y) {
        List<Output> l = new java.util.ArrayList<>(x);
        l.addAll(y);
        return l;
    }

    @Test
    void shouldOpenAnAisleMovingOneColumnAtATimeFarthestFirst() {
        CoreState s = parked(core, 1000);
        Result r = core.handle(s, new Input.OpenAisle("r1", "A", 3, "panel", 1000));
        assertThat(of(r, Output.Accepted.class)).hasSize(1);
        // Aisle 3 is in front of column index 2: columns 4..9 (indices 3..8) move forward, the farthest first.
        assertThat(of(r, Output.Move.class)).singleElement().satisfies(m -> {
            assertThat(m.column()).isEqualTo(9);
            assertThat(m.targetMm()).isEqualTo(8 * 600 + 900);
            assertThat(m.leaseMs()).isEqualTo(300);
        });
        assertThat(r.state().activity().get("A").steps()).extracting(CoreState.Step::column).containsExactly(9, 8, 7, 6, 5, 4);
    }

    @Test
    void shouldRenewTheLeaseWhileMovingAndNotBefore() {
        Result r = core.handle(parked(core, 1000), new Input.OpenAisle("r1", "A", 1, "panel", 1000));
        long id = of(r, Output.Move.class).get(0).commandId();
        Result early = moment(r.state(), 1050);
        assertThat(of(early, Output.Renew.class)).isEmpty();
        Result due = moment(early.state(), 1100);
        assertThat(of(due, Output.Renew.class)).singleElement().satisfies(n -> assertThat(n.commandId()).isEqualTo(id));
        assertThat(of(moment(due.state(), 1150), Output.Renew.class)).as("not again within the renewal period").isEmpty();
    }

    @Test
    void shouldRefuseWhenSomeoneIsInAnAisleThatWouldClose() {
        CoreState s = parked(core, 1000);
        s = core.handle(s, new Input.Aisle("A", 9, true, false, 1000)).state(); // the open end gap
        Result r = core.handle(s, new Input.OpenAisle("r1", "A", 2, "panel", 1000));
        assertThat(of(r, Output.Move.class)).isEmpty();
        assertThat(of(r, Output.Refused.class)).singleElement().satisfies(f -> {
            assertThat(f.why().reason()).isEqualTo(Reason.AISLE_OCCUPIED);
            assertThat(f.why().detail()).isEqualTo("range A aisle 9");
        });
    }

    @Test
    void shouldStopTheMovingColumnTheMomentSomeoneEntersTheAisleItCloses() {
        Result r = core.handle(parked(core, 1000), new Input.OpenAisle("r1", "A", 1, "panel", 1000));
        int moving = of(r, Output.Move.class).get(0).column();
        Result entered = core.handle(r.state(), new Input.Aisle("A", 9, false, true, 1020));
        assertThat(of(entered, Output.Stop.class)).singleElement().satisfies(st -> {
            assertThat(st.column()).isEqualTo(moving);
            assertThat(st.why().reason()).isEqualTo(Reason.ENTRY_BEAM_BROKEN);
        });
        assertThat(of(entered, Output.Aborted.class)).hasSize(1);
        assertThat(entered.state().activity()).isEmpty();
        assertThat(of(core.handle(entered.state(), new Input.Tick(1200)), Output.Renew.class)).isEmpty();
    }

    @Test
    void shouldAbortAtOnceWhenAnAisleALaterStepMustCloseBecomesBlocked() {
        Result r = core.handle(parked(core, 1000), new Input.OpenAisle("r1", "A", 7, "panel", 1000)); // moves 9, then 8
        assertThat(of(r, Output.Move.class)).extracting(Output.Move::column).containsExactly(9);
        Result blocked = core.handle(r.state(), new Input.Aisle("A", 8, true, false, 1010)); // column 8 would close it
        assertThat(of(blocked, Output.Stop.class)).extracting(Output.Stop::column).containsExactly(9);
        assertThat(of(blocked, Output.Aborted.class)).singleElement()
                .satisfies(x -> assertThat(x.why().detail()).isEqualTo("range A aisle 8"));
    }

    @Test
    void shouldKeepTheWholeRangeStoppedAfterALatchedStopUntilResetAndNeverResume() {
        Result r = core.handle(parked(core, 1000), new Input.OpenAisle("r1", "A", 1, "panel", 1000));
        Result latched = core.handle(r.state(), new Input.Report(5, state(5, 5 * 600, Motion.STOPPED, "obstruction front", List.of()), 1030));
        assertThat(of(latched, Output.Stop.class)).extracting(Output.Stop::column).containsExactly(9);
        assertThat(of(latched, Output.Aborted.class)).singleElement()
                .satisfies(x -> assertThat(x.why().reason()).isEqualTo(Reason.LATCHED_STOP));
        Result again = core.handle(latched.state(), new Input.OpenAisle("r2", "A", 1, "panel", 1040));
        assertThat(of(again, Output.Refused.class)).singleElement()
                .satisfies(x -> assertThat(x.why().detail()).isEqualTo("column 5: obstruction front"));
        Result reset = core.handle(again.state(), new Input.ResetColumn(5, "facilities:li", 1050));
        assertThat(of(reset, Output.Reset.class)).extracting(Output.Reset::column).containsExactly(5);
        assertThat(of(reset, Output.Move.class)).as("a reset never starts motion").isEmpty();
        // The range moves again only when the node reports the latch cleared, and only on a new request.
        CoreState cleared = core.handle(reset.state(), new Input.Report(5, still(5, 5 * 600), 1060)).state();
        assertThat(cleared.activity()).isEmpty();
    }

    @Test
    void shouldStopAndRefuseEverythingInFireModeUntilItIsLeft() {
        Result r = core.handle(parked(core, 1000), new Input.OpenAisle("r1", "A", 1, "panel", 1000));
        r = core.handle(r.state(), new Input.OpenAisle("r2", "B", 1, "panel", 1000));
        Result fire = core.handle(r.state(), new Input.SetMode(ShelfMode.FIRE, "smoke detector 2", 1010));
        assertThat(of(fire, Output.Stop.class)).extracting(Output.Stop::column).containsExactlyInAnyOrder(9, 18);
        assertThat(of(fire, Output.Aborted.class)).hasSize(2)
                .allSatisfy(x -> assertThat(x.why().reason()).isEqualTo(Reason.FIRE_MODE));
        assertThat(of(core.handle(fire.state(), new Input.OpenAisle("r3", "C", 2, "panel", 1020)), Output.Refused.class))
                .singleElement().satisfies(x -> assertThat(x.why().reason()).isEqualTo(Reason.FIRE_MODE));
    }

    @Test
    void shouldRefuseAColumnThatHasNotBeenHeardForLongerThanTheFreshnessLimit() {
        CoreState s = parked(core, 1000);
        Result r = core.handle(s, new Input.OpenAisle("r1", "A", 1, "panel", 1000 + CoreSettings.DEFAULT.freshnessMs() + 1));
        assertThat(of(r, Output.Refused.class)).singleElement()
                .satisfies(x -> assertThat(x.why().reason()).isEqualTo(Reason.STALE_STATE));
    }

    @Test
    void shouldRefuseASecondRequestWhileTheRangeMovesButServeAnotherRange() {
        Result r = core.handle(parked(core, 1000), new Input.OpenAisle("r1", "A", 1, "panel", 1000));
        Result busy = core.handle(r.state(), new Input.OpenAisle("r2", "A", 4, "button", 1001));
        assertThat(of(busy, Output.Refused.class)).singleElement()
                .satisfies(x -> assertThat(x.why().reason()).isEqualTo(Reason.RANGE_BUSY));
        Result other = core.handle(busy.state(), new Input.OpenAisle("r3", "B", 4, "button", 1001));
        assertThat(of(other, Output.Accepted.class)).hasSize(1);
    }

    @Test
    void shouldFinishWhenEveryColumnHasArrived() {
        long[] now = {1000};
        Result r = runToEnd(core.handle(parked(core, now[0]), new Input.OpenAisle("r1", "A", 5, "panel", now[0])), now);
        assertThat(r.outputs()).anySatisfy(o -> assertThat(o).isEqualTo(new Output.Finished("r1")));
        int[] pos = ShelfCore.positions(r.state(), a);
        assertThat(a.gap(pos, 5)).isEqualTo(900);
    }

    @Test
    void shouldAbortAStepThatDoesNotArriveInTime() {
        Result r = core.handle(parked(core, 1000), new Input.OpenAisle("r1", "A", 8, "panel", 1000));
        long timeout = CoreSettings.DEFAULT.stepTimeoutMs(900);
        CoreState s = r.state();
        Result late = null;
        for (long t = 1100; t <= 1000 + timeout + 100; t += 100) {
            late = moment(s, t);
            s = late.state();
            if (!of(late, Output.Aborted.class).isEmpty()) {
                assertThat(t).as("aborted only after the step's time-out").isGreaterThan(1000 + timeout);
                break;
            }
        }
        assertThat(of(late, Output.Aborted.class)).singleElement()
                .satisfies(x -> assertThat(x.why().reason()).isEqualTo(Reason.NOT_ARRIVED));
        assertThat(of(late, Output.Stop.class)).hasSize(1);
    }

    @Test
    void shouldStopAColumnThatMovesWithoutBeingTold() {
        Result r = core.handle(parked(core, 1000), new Input.Report(12, state(12, 3 * 600 + 10, Motion.MOVING_FORWARD, null, List.of()), 1010));
        assertThat(of(r, Output.Stop.class)).singleElement().satisfies(st -> {
            assertThat(st.column()).isEqualTo(12);
            assertThat(st.why().reason()).isEqualTo(Reason.UNEXPECTED_MOTION);
        });
    }

    @Test
    void shouldJogOnlyInMaintenanceAndWithinTheSpaceTheNeighboursLeave() {
        CoreState s = parked(core, 1000);
        assertThat(of(core.handle(s, new Input.Jog("j1", 9, 4900, "tech", 1000)), Output.Refused.class)).singleElement()
                .satisfies(x -> assertThat(x.why().reason()).isEqualTo(Reason.NOT_IN_MAINTENANCE));
        s = core.handle(s, new Input.SetMode(ShelfMode.MAINTENANCE, "tech", 1000)).state();
        assertThat(of(core.handle(s, new Input.Jog("j2", 5, 4 * 600 + 100, "tech", 1000)), Output.Refused.class)).singleElement()
                .satisfies(x -> assertThat(x.why().reason()).isEqualTo(Reason.TARGET_OUT_OF_RANGE));
        assertThat(of(core.handle(s, new Input.Jog("j3", 1, 10, "tech", 1000)), Output.Refused.class)).singleElement()
                .satisfies(x -> assertThat(x.why().reason()).isEqualTo(Reason.FIXED_COLUMN));
        Result ok = core.handle(s, new Input.Jog("j4", 9, 8 * 600 + 300, "tech", 1000));
        assertThat(of(ok, Output.Move.class)).singleElement().satisfies(m -> assertThat(m.targetMm()).isEqualTo(8 * 600 + 300));
        assertThat(of(core.handle(ok.state(), new Input.OpenAisle("r", "B", 1, "panel", 1001)), Output.Refused.class)).singleElement()
                .satisfies(x -> assertThat(x.why().reason()).isEqualTo(Reason.MAINTENANCE));
    }

    @Test
    void aFireParkSpreadsARangeOnlyInFireModeAndOnlyWithEveryAisleClear() {
        // Five columns share 900 mm: gaps of 180 mm, enough for a fire park.
        ShelfCore small = new ShelfCore(new RoomModel(List.of(new RangeModel("F", List.of(1, 2, 3, 4, 5), 600, 900))), CoreSettings.DEFAULT);
        CoreState s = parked(small, 1000);
        assertThat(of(small.handle(s, new Input.FirePark("p1", "F", "fire-linkage", 1000)), Output.Refused.class)).singleElement()
                .satisfies(x -> assertThat(x.why().reason()).isEqualTo(Reason.NOT_IN_FIRE));
        CoreState fire = small.handle(s, new Input.SetMode(ShelfMode.FIRE, "fire-linkage", 1000)).state();
        assertThat(of(small.handle(fire, new Input.OpenAisle("r1", "F", 2, "panel", 1000)), Output.Refused.class)).singleElement()
                .satisfies(x -> assertThat(x.why().reason()).isEqualTo(Reason.FIRE_MODE));
        // Someone in aisle 2: no column would close it (the park moves every column away from the fixed one),
        // but nobody may be in a range that spreads in a fire.
        CoreState someone = small.handle(fire, new Input.Aisle("F", 2, true, false, 1000)).state();
        assertThat(of(small.handle(someone, new Input.FirePark("p2", "F", "fire-linkage", 1000)), Output.Refused.class)).singleElement()
                .satisfies(x -> assertThat(x.why().reason()).isEqualTo(Reason.AISLE_OCCUPIED));
        Result parking = small.handle(fire, new Input.FirePark("p3", "F", "fire-linkage", 1000));
        assertThat(of(parking, Output.Accepted.class)).hasSize(1);
        assertThat(of(parking, Output.Move.class)).singleElement().satisfies(m -> {
            assertThat(m.column()).isEqualTo(5);
            assertThat(m.targetMm()).isEqualTo(4 * 600 + 900 * 4 / 5);
        });
        // Someone steps into any aisle of the range while it spreads: the moving column stops at once.
        Result stopped = small.handle(parking.state(), new Input.Aisle("F", 1, true, false, 1010));
        assertThat(of(stopped, Output.Stop.class)).singleElement().satisfies(x -> assertThat(x.column()).isEqualTo(5));
        assertThat(of(stopped, Output.Aborted.class)).singleElement()
                .satisfies(x -> assertThat(x.why().reason()).isEqualTo(Reason.AISLE_OCCUPIED));
        // Gas released: the linkage stops everything.
        assertThat(of(small.handle(parking.state(), new Input.StopAll("fire-linkage: gas released", 1010)), Output.Stop.class))
                .extracting(Output.Stop::column).contains(5);
    }

    @Test
    void aRangeOfNineColumnsIsNotSpreadInAFireItsGapsWouldBeTooNarrow() {
        CoreState fire = core.handle(parked(core, 1000), new Input.SetMode(ShelfMode.FIRE, "fire-linkage", 1000)).state();
        assertThat(of(core.handle(fire, new Input.FirePark("p1", "A", "fire-linkage", 1000)), Output.Refused.class)).singleElement()
                .satisfies(x -> {
                    assertThat(x.why().reason()).isEqualTo(Reason.FIRE_PARK_GAPS_TOO_SMALL);
                    assertThat(x.why().detail()).isEqualTo("range A: 9 gaps share 900 mm, 100 mm each");
                });
    }

    @Test
    void aMoveTheNodeRefusesAbortsTheRequestAtOnce() {
        Result r = core.handle(parked(core, 1000), new Input.OpenAisle("r1", "A", 1, "panel", 1000));
        Output.Move m = of(r, Output.Move.class).get(0);
        Result refused = core.handle(r.state(), new Input.MoveRefused(m.column(), m.commandId(), "latched stop: emergency stop", 1010));
        assertThat(of(refused, Output.Aborted.class)).singleElement().satisfies(x -> {
            assertThat(x.why().reason()).isEqualTo(Reason.COLUMN_REFUSED);
            assertThat(x.why().detail()).isEqualTo("column 9: latched stop: emergency stop");
        });
        assertThat(refused.state().activity()).isEmpty();
        Result stale = core.handle(refused.state(), new Input.MoveRefused(m.column(), m.commandId() - 1, "old", 1020));
        assertThat(stale.outputs()).isEmpty();
    }

    @Test
    void aButtonPressOpensTheAisleOnThatFaceOfTheColumn() {
        CoreState s = parked(core, 1000);
        var st = s.column(5).state();
        var pressed = new org.storeroom.bus.ColumnState(5, st.firmware(), st.boot(), st.seq() + 1, st.positionMm(), null,
                Motion.STOPPED, false, false, false, null, 0, List.of(), 0, 1, false, false);
        Result r = core.handle(s, new Input.Report(5, pressed, 1010));
        // Column 5 is rail index 4: its rear face looks onto aisle 4, so columns 5..9 move away.
        assertThat(of(r, Output.Accepted.class)).extracting(Output.Accepted::requestId).containsExactly("button-5-rear-1");
        assertThat(r.state().activity().get("A").steps()).extracting(CoreState.Step::column).containsExactly(9, 8, 7, 6, 5);
        Result again = core.handle(r.state(), new Input.Report(5, pressed, 1020));
        assertThat(of(again, Output.Accepted.class)).as("the same count is not a new press").isEmpty();
    }

    @Test
    void aButtonPressWhileTheRangeIsBlockedIsRefusedWithTheReason() {
        CoreState s = core.handle(parked(core, 1000), new Input.Aisle("A", 9, true, false, 1000)).state();
        var st = s.column(9).state();
        var pressed = new org.storeroom.bus.ColumnState(9, st.firmware(), st.boot(), st.seq() + 1, st.positionMm(), null,
                Motion.STOPPED, false, false, false, null, 0, List.of(), 0, 1, false, false);
        Result r = core.handle(s, new Input.Report(9, pressed, 1010));
        assertThat(of(r, Output.Refused.class)).singleElement().satisfies(x -> {
            assertThat(x.requestId()).isEqualTo("button-9-rear-1");
            assertThat(x.why().reason()).isEqualTo(Reason.AISLE_OCCUPIED);
        });
    }

    @Test
    void aColumnThatRestartsMidMoveAbortsItsRequest() {
        Result r = core.handle(parked(core, 1000), new Input.OpenAisle("r1", "A", 1, "panel", 1000));
        var st = r.state().column(9).state();
        var rebooted = new org.storeroom.bus.ColumnState(9, st.firmware(), st.boot() + 1, 0, st.positionMm() + 40, null,
                Motion.STOPPED, false, false, false, null, 0, List.of(), 0, 0, false, false);
        Result after = core.handle(r.state(), new Input.Report(9, rebooted, 1100));
        assertThat(of(after, Output.Aborted.class)).singleElement()
                .satisfies(x -> assertThat(x.why().reason()).isEqualTo(Reason.COLUMN_RESTARTED));
        assertThat(after.state().activity()).isEmpty();
    }

    @Test
    void stopAllStopsEveryColumnOfTheRoom() {
        Result r = core.handle(parked(core, 1000), new Input.StopAll("panel", 1000));
        assertThat(of(r, Output.Stop.class)).extracting(Output.Stop::column).containsExactlyInAnyOrderElementsOf(RoomModel.demo().columns());
    }

    @Test
    void shouldRefuseUnknownRangesAndAislesNamingThem() {
        CoreState s = parked(core, 1000);
        assertThat(of(core.handle(s, new Input.OpenAisle("x", "Q", 1, "central", 1000)), Output.Refused.class).get(0).why())
                .isEqualTo(new Refusal(Reason.UNKNOWN_RANGE, "range Q"));
        assertThat(of(core.handle(s, new Input.OpenAisle("y", "A", 10, "central", 1000)), Output.Refused.class).get(0).why())
                .isEqualTo(new Refusal(Reason.UNKNOWN_AISLE, "range A has aisles 1..9, not 10"));
    }

    @Test
    void ventilationSpreadsTheGapsEvenly() {
        long[] now = {1000};
        Result r = runToEnd(core.handle(parked(core, now[0]), new Input.Ventilate("v", "A", "schedule", now[0])), now);
        assertThat(r.outputs()).anySatisfy(o -> assertThat(o).isEqualTo(new Output.Finished("v")));
        int[] pos = ShelfCore.positions(r.state(), a);
        for (int g = 1; g <= a.size(); g++) {
            assertThat(a.gap(pos, g)).as("gap " + g).isBetween(99, 101);
        }
    }
}
