package org.storeroom.climate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Over every combination of recorded bits and excursion directions: what explains an excursion. */
class ExcursionCauseTest {
    @Test
    void everyConditionExplainsExceptAPlantThatWorkedTheOtherWay() {
        int all = 0;
        for (ExcursionCause c : ExcursionCause.values()) {
            assertThat(Integer.bitCount(c.bit())).as(c + " has one bit").isEqualTo(1);
            assertThat(all & c.bit()).as(c + "'s bit is its own").isZero();
            all |= c.bit();
        }
        for (int bits = 0; bits <= all; bits++) {
            assertThat(ExcursionCause.bits(ExcursionCause.of(bits))).isEqualTo(bits);
            for (int d = 0; d < 8; d++) {
                boolean warm = (d & 1) != 0;
                boolean damp = (d & 2) != 0;
                boolean dry = (d & 4) != 0;
                List<ExcursionCause> why = ExcursionCause.explain(bits, warm, damp, dry);
                for (ExcursionCause c : ExcursionCause.values()) {
                    boolean set = (bits & c.bit()) != 0;
                    boolean expected = switch (c) {
                        case COOLING_RAN -> set && warm;
                        case DEHUMIDIFIER_RAN -> set && damp;
                        case HUMIDIFIER_RAN -> set && dry;
                        default -> set;
                    };
                    assertThat(why.contains(c)).as(c + " for bits " + bits + " warm " + warm + " damp " + damp + " dry " + dry).isEqualTo(expected);
                }
            }
        }
    }
}
