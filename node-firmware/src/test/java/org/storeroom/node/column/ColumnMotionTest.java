package org.storeroom.node.column;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.storeroom.bus.MotionCommand;
import org.storeroom.node.column.ColumnMotion.Drive;
import org.storeroom.node.column.ColumnMotion.Inputs;

class ColumnMotionTest {
    private final ColumnMotion m = new ColumnMotion(600, 1500, 5);

    @Test
    void shouldDriveTowardsTheTargetWhileTheLeaseHolds() {
        assertThat(m.move(MotionCommand.move(1, 1500, 300), 600, Inputs.CLEAR, 0)).isEmpty();
        assertThat(m.tick(600, Inputs.CLEAR, 10)).isEqualTo(Drive.FORWARD);
        assertThat(m.tick(700, Inputs.CLEAR, 299)).isEqualTo(Drive.FORWARD);
    }

    @Test
    void shouldStopByItselfWhenTheLeaseRunsOutAndNotRestartOnALateRenewal() {
        m.move(MotionCommand.move(1, 1500, 300), 600, Inputs.CLEAR, 0);
        assertThat(m.tick(630, Inputs.CLEAR, 300)).isEqualTo(Drive.OFF);
        assertThat(m.renew(1, 300, 310)).hasValue("movement 1 is not running");
        assertThat(m.tick(630, Inputs.CLEAR, 320)).isEqualTo(Drive.OFF);
    }

    @Test
    void shouldLatchOnAnObstructionAndNeitherMoveNorResumeAfterReset() {
        m.move(MotionCommand.move(1, 1500, 300), 600, Inputs.CLEAR, 0);
        Inputs strip = new Inputs(true, false, false);
        assertThat(m.tick(650, strip, 50)).isEqualTo(Drive.OFF);
        assertThat(m.latched()).isEqualTo("obstruction front");
        assertThat(m.reset(strip)).hasValue("obstruction front is still active; clear it first");
        assertThat(m.tick(650, Inputs.CLEAR, 60)).as("latched even with the strip clear").isEqualTo(Drive.OFF);
        assertThat(m.renew(1, 300, 70)).isPresent();
        assertThat(m.move(MotionCommand.move(2, 1500, 300), 650, Inputs.CLEAR, 80)).hasValue("latched stop: obstruction front; reset first");
        assertThat(m.reset(Inputs.CLEAR)).isEmpty();
        assertThat(m.tick(650, Inputs.CLEAR, 90)).as("a reset never starts motion").isEqualTo(Drive.OFF);
        assertThat(m.target()).isNull();
    }

    @Test
    void shouldRefuseTargetsOutsideTheSoftLimitsAndStaleIds() {
        assertThat(m.move(MotionCommand.move(1, 1600, 300), 600, Inputs.CLEAR, 0)).hasValue("targetMm 1600 is outside the soft limits 600..1500");
        m.move(MotionCommand.move(5, 1500, 300), 600, Inputs.CLEAR, 0);
        assertThat(m.move(MotionCommand.move(5, 1000, 300), 600, Inputs.CLEAR, 0)).hasValue("movement id 5 is not newer than 5");
    }

    @Test
    void shouldNeitherStartNorKeepClosingABlockedFrontAisleButMayMoveBack() {
        Inputs blocked = new Inputs(false, false, false, true);
        assertThat(m.move(MotionCommand.move(1, 1500, 300), 600, blocked, 0)).hasValue("the aisle in front is occupied or its entry beam broken");
        assertThat(m.move(MotionCommand.move(2, 1500, 300), 600, Inputs.CLEAR, 10)).isEmpty();
        assertThat(m.tick(700, Inputs.CLEAR, 20)).isEqualTo(Drive.FORWARD);
        assertThat(m.tick(720, blocked, 30)).isEqualTo(Drive.OFF);
        assertThat(m.latched()).as("nobody was touched: no latch").isNull();
        assertThat(m.target()).isNull();
        assertThat(m.move(MotionCommand.move(3, 600, 300), 720, blocked, 40)).as("backing away is allowed").isEmpty();
        assertThat(m.tick(720, blocked, 50)).isEqualTo(Drive.BACKWARD);
    }

    @Test
    void shouldStopOnArrival() {
        m.move(MotionCommand.move(1, 1000, 300), 600, Inputs.CLEAR, 0);
        assertThat(m.tick(997, Inputs.CLEAR, 100)).isEqualTo(Drive.OFF);
        assertThat(m.target()).isNull();
    }

    @Test
    void beyondASoftLimitOnlyDrivesBackInside() {
        m.move(MotionCommand.move(2, 1400, 300), 1000, Inputs.CLEAR, 100);
        assertThat(m.tick(1520, Inputs.CLEAR, 200)).isEqualTo(Drive.BACKWARD);
        m.move(MotionCommand.move(3, 700, 300), 1000, Inputs.CLEAR, 200);
        assertThat(m.tick(580, Inputs.CLEAR, 210)).isEqualTo(Drive.FORWARD);
    }

    /**
     * 200,000 random cycles: commands, renewals (some late, some for old ids), stops, resets, trips,
     * positions anywhere. The motor never runs without a valid lease, with a latch or a trip, beyond a
     * soft limit in the direction of travel, and never starts on a reset.
     */
    @Test
    void randomCyclesNeverDriveTheMotorOutsideTheRules() {
        Random rnd = new Random(7);
        ColumnMotion c = new ColumnMotion(600, 1500, 5);
        long now = 0;
        long lastLeaseEnd = -1;
        long nextId = 1;
        int drives = 0;
        for (int i = 0; i < 200_000; i++) {
            now += rnd.nextInt(40);
            int pos = 500 + rnd.nextInt(1100);
            Inputs in = rnd.nextInt(30) == 0
                    ? new Inputs(rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextBoolean()) : Inputs.CLEAR;
            switch (rnd.nextInt(10)) {
                case 0, 1 -> {
                    int lease = 50 + rnd.nextInt(500);
                    if (c.move(MotionCommand.move(rnd.nextInt(10) == 0 ? nextId - 1 : nextId++, 400 + rnd.nextInt(1300), lease), pos, in, now).isEmpty()) {
                        lastLeaseEnd = now + lease;
                    }
                }
                case 2, 3 -> {
                    int lease = 50 + rnd.nextInt(500);
                    if (c.renew(rnd.nextInt(5) == 0 ? c.commandId() - 1 : c.commandId(), lease, now).isEmpty()) {
                        lastLeaseEnd = now + lease;
                    }
                }
                case 4 -> c.stop();
                case 5 -> {
                    c.reset(in);
                    assertThat(c.drive()).as("reset never drives").isEqualTo(Drive.OFF);
                    assertThat(c.target()).as("reset forgets the movement").isNull();
                }
                default -> {
                    Drive d = c.tick(pos, in, now);
                    if (d != Drive.OFF) {
                        drives++;
                        assertThat(now).as("motor on only within a lease").isLessThan(lastLeaseEnd);
                        assertThat(c.latched()).isNull();
                        assertThat(in.trip()).isNull();
                        assertThat(d == Drive.FORWARD && in.frontAisleBlocked()).as("never closes a blocked front aisle").isFalse();
                        assertThat(d == Drive.FORWARD ? pos < 1500 : pos > 600).as("never further out past a soft limit").isTrue();
                        assertThat(d == Drive.FORWARD ? c.target() > pos : c.target() < pos).as("towards the target").isTrue();
                    }
                }
            }
        }
        assertThat(drives).as("the motor did run, so the checks meant something").isGreaterThan(5_000);
    }
}
