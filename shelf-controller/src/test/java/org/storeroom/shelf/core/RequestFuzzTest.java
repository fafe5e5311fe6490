package org.storeroom.shelf.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.storeroom.shelf.api.ShelfMode;

/** Any request the coordinator can be handed is decided, never thrown: one acceptance or one refusal. */
class RequestFuzzTest {
    private static final ShelfCore CORE = new ShelfCore(RoomModel.demo(), CoreSettings.DEFAULT);
    private static final CoreState PARKED = Rooms.parked(CORE, 1000);
    private static final CoreState MAINTENANCE = CORE.handle(PARKED, new Input.SetMode(ShelfMode.MAINTENANCE, "t", 1000)).state();

    private static void decidedOnce(List<Output> out, String id) {
        long decisions = out.stream().filter(o -> o instanceof Output.Accepted a && a.requestId().equals(id)
                || o instanceof Output.Refused r && r.requestId().equals(id)).count();
        assertThat(decisions).as("exactly one decision for " + id + " in " + out).isEqualTo(1);
        out.stream().filter(Output.Refused.class::isInstance).map(Output.Refused.class::cast)
                .forEach(r -> assertThat(r.why().detail()).isNotBlank());
    }

    @Property(tries = 3000)
    void anyOpenAisleRequestIsDecided(@ForAll @StringLength(max = 12) String range, @ForAll int aisle,
            @ForAll @StringLength(max = 40) String origin) {
        decidedOnce(CORE.handle(PARKED, new Input.OpenAisle("r", range, aisle, origin, 1000)).outputs(), "r");
    }

    @Property(tries = 3000)
    void anyJogIsDecided(@ForAll int column, @ForAll int target) {
        decidedOnce(CORE.handle(MAINTENANCE, new Input.Jog("j", column, target, "tech", 1000)).outputs(), "j");
        decidedOnce(CORE.handle(PARKED, new Input.Jog("j", column, target, "tech", 1000)).outputs(), "j");
    }

    @Property(tries = 1000)
    void anyVentilationRequestIsDecided(@ForAll @StringLength(max = 12) String range) {
        decidedOnce(CORE.handle(PARKED, new Input.Ventilate("v", range, "schedule", 1000)).outputs(), "v");
    }

    @Property(tries = 2000)
    void reportsAndSensorsForUnknownColumnsOrAislesChangeNothing(@ForAll int column, @ForAll @StringLength(max = 5) String range,
            @ForAll int gap) {
        var r1 = CORE.handle(PARKED, new Input.Aisle(range, gap, true, true, 1000));
        if (RoomModel.demo().range(range).isEmpty() || gap < 1 || gap > 9) {
            assertThat(r1.state()).isEqualTo(PARKED);
        }
        var r2 = CORE.handle(PARKED, new Input.Link(column, false, 1000));
        if (!RoomModel.demo().columns().contains(column)) {
            assertThat(r2.state()).isEqualTo(PARKED);
        }
    }
}
