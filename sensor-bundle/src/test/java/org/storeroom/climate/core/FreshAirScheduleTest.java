package org.storeroom.climate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Fresh-air windows as a facilities person writes them in the configuration. */
class FreshAirScheduleTest {
    // 2026-11-23 is a Monday.
    private static LocalDateTime at(int day, int hour, int minute) {
        return LocalDateTime.of(2026, 11, 23 + day, hour, minute);
    }

    @Test
    void weekdayMorningsAndADailyWindow() {
        FreshAirSchedule s = FreshAirSchedule.parse(new String[] {"zone-1=Mon-Fri 10:00-10:30", " zone-2=06:00-07:00 ", ""});
        assertThat(s.zones()).containsExactlyInAnyOrder("zone-1", "zone-2");
        assertThat(s.open("zone-1", at(0, 10, 0))).isTrue();
        assertThat(s.open("zone-1", at(0, 10, 29))).isTrue();
        assertThat(s.open("zone-1", at(0, 10, 30))).as("the end is not inside").isFalse();
        assertThat(s.open("zone-1", at(0, 9, 59))).isFalse();
        assertThat(s.open("zone-1", at(5, 10, 15))).as("Saturday").isFalse();
        assertThat(s.open("zone-2", at(5, 6, 30))).as("daily").isTrue();
        assertThat(s.open("zone-3", at(0, 10, 15))).as("a zone without windows").isFalse();
        assertThat(s.windows("zone-1")).hasToString("[Mon-Fri 10:00-10:30]");
        assertThat(FreshAirSchedule.parse(new String[] {"z=Mon,Wed-Fri,Sun 01:00-02:00"}).windows("z")).hasToString("[Mon,Wed-Fri,Sun 01:00-02:00]");
    }

    @Test
    void aWindowAcrossMidnightBelongsToTheDayItStarts() {
        FreshAirSchedule s = FreshAirSchedule.parse(new String[] {"zone-1=Sat,Sun 23:00-01:00"});
        assertThat(s.open("zone-1", at(5, 23, 30))).as("Saturday night").isTrue();
        assertThat(s.open("zone-1", at(6, 0, 30))).as("early Sunday, from Saturday").isTrue();
        assertThat(s.open("zone-1", at(7, 0, 30))).as("early Monday, from Sunday").isTrue();
        assertThat(s.open("zone-1", at(7, 23, 30))).as("Monday night").isFalse();
        assertThat(s.open("zone-1", at(5, 0, 30))).as("early Saturday: Friday has no window").isFalse();
        // Fri-Mon wraps over the weekend.
        FreshAirSchedule w = FreshAirSchedule.parse(new String[] {"zone-1=fri-mon 12:00-13:00"});
        assertThat(w.open("zone-1", at(0, 12, 0))).isTrue();
        assertThat(w.open("zone-1", at(1, 12, 0))).isFalse();
        assertThat(w.open("zone-1", at(4, 12, 0))).isTrue();
    }

    @Test
    void aBadEntryIsNamedWithWhatIsWrong() {
        assertThatThrownBy(() -> FreshAirSchedule.parse(new String[] {"zone-1=Mon-Fri 10:00-10:30", "zone-1 10-11"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fresh-air window 'zone-1 10-11' is not ZONE=[DAYS ]HH:MM-HH:MM, e.g. zone-1=Mon-Fri 10:00-10:30");
        assertThatThrownBy(() -> FreshAirSchedule.parse(new String[] {"zone-1=Mon-Fry 10:00-10:30"}))
                .hasMessage("fresh-air window 'zone-1=Mon-Fry 10:00-10:30': 'fry' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun or daily)");
        assertThatThrownBy(() -> FreshAirSchedule.parse(new String[] {"zone-1=24:00-10:30"}))
                .hasMessage("fresh-air window 'zone-1=24:00-10:30': 24:00 is not a time of day");
        assertThatThrownBy(() -> FreshAirSchedule.parse(new String[] {"zone-1=10:00-10:00"}))
                .hasMessage("fresh-air window 'zone-1=10:00-10:00' starts and ends at 10:00: it would never open");
        assertThatThrownBy(() -> FreshAirSchedule.parse(new String[] {"zone-1=Mon-Tue-Wed 10:00-11:00"}))
                .hasMessageContaining("'mon-tue-wed' is not a day or a range of days");
    }

    @Provide
    Arbitrary<String> entries() {
        Arbitrary<String> near = Arbitraries.of("zone-1=", "z=", "zone-1=Mon-Fri ", "a=daily ", "b=Sat,Sun ", "x=,", "y=-")
                .flatMap(p -> Arbitraries.strings().withChars("0123456789:-, MonTuesFrSaily").ofMaxLength(14).map(t -> p + t));
        return Arbitraries.oneOf(near, Arbitraries.strings().ofMaxLength(40));
    }

    /** Whatever is written: it parses, or it is refused with a message naming the entry. */
    @Property(tries = 3000)
    void anyTextParsesOrIsRefusedByName(@ForAll("entries") String entry) {
        FreshAirSchedule s;
        try {
            s = FreshAirSchedule.parse(new String[] {entry});
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("'" + entry.trim() + "'");
            return;
        }
        for (String zone : s.zones()) {
            assertThat(s.windows(zone)).isNotEmpty().allSatisfy(w -> assertThat(w.days()).isNotEmpty());
            s.open(zone, at(0, 0, 0));
        }
    }
}
