package org.storeroom.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The room's climate model behaves as a store room does, and the same seed gives the same year. */
class RoomClimateTest {
    private static final RoomClimate.Plant OFF = new RoomClimate.Plant(false, false, false);

    private static RoomClimate runDays(long seed, int days, RoomClimate.Plant plant) {
        RoomClimate room = new RoomClimate(seed);
        for (int i = 0; i < days * 24 * 60; i++) {
            room.step(60, plant);
        }
        return room;
    }

    @Test
    void withoutPlantASummerRoomGrowsWarmAndDamp() {
        RoomClimate july = runDays(1, 200, OFF);
        assertThat(july.celsius()).isGreaterThan(24);
        assertThat(july.humidity()).isGreaterThan(60);
    }

    @Test
    void coolingAndDryingPullItBack() {
        RoomClimate warm = runDays(1, 200, OFF);
        double t = warm.celsius();
        double rh = Double.NaN;
        for (int i = 0; i < 6 * 60; i++) {
            warm.step(60, new RoomClimate.Plant(true, true, false));
            if (i == 0) {
                rh = warm.humidity();
            }
        }
        assertThat(warm.celsius()).isLessThan(t - 2);
        assertThat(RoomClimate.ratio(warm.celsius(), warm.humidity())).as("less water in the air")
                .isLessThan(RoomClimate.ratio(t, rh));
    }

    @Test
    void freshAirBringsTheRoomTowardsTheOutsideAir() {
        // Mid-winter: the room rests warmer than outside; an hour of fresh air pulls it towards the outside.
        RoomClimate closed = runDays(3, 20, OFF);
        RoomClimate open = runDays(3, 20, OFF);
        double outside = open.outside()[0];
        assertThat(outside).as("a winter day").isLessThan(open.celsius() - 3);
        for (int i = 0; i < 60; i++) {
            closed.step(60, OFF);
            open.step(60, new RoomClimate.Plant(false, false, false, true));
        }
        assertThat(open.celsius()).isLessThan(closed.celsius() - 0.5);
        assertThat(open.outside()[1]).as("the outside board's RH").isBetween(0.0, 100.0);
    }

    @Test
    void theSameSeedGivesTheSameYear() {
        RoomClimate a = runDays(7, 30, OFF);
        RoomClimate b = runDays(7, 30, OFF);
        assertThat(a.celsius()).isEqualTo(b.celsius());
        assertThat(runDays(8, 30, OFF).celsius()).isNotCloseTo(a.celsius(), within(1e-9));
    }

    @Test
    void humidityRatioAndRelativeHumidityAreInverse() {
        assertThat(RoomClimate.humidity(20, RoomClimate.ratio(20, 50))).isCloseTo(50, within(1e-9));
        // 20 °C, 50 %RH holds about 7.3 g of water per kg of dry air.
        assertThat(RoomClimate.ratio(20, 50) * 1000).isCloseTo(7.3, within(0.1));
    }
}
