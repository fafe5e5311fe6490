package org.storeroom.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.junit.jupiter.api.Test;

class BusNetworkTest {

    /**
     * A protocol task still running when the bus stops may start a retransmission timer on its own
     * executor: that is dropped, not refused (Californium logs a refusal as an error at every shutdown).
     */
    @Test
    void workStartedByATaskThatOutlivesTheStopIsDroppedQuietly() throws Exception {
        ScheduledExecutorService protocol = ExecutorsUtil.newScheduledThreadPool(1, r -> new Thread(r, "test-protocol"));
        ScheduledExecutorService timer = ExecutorsUtil.newDefaultSecondaryScheduler("test-timer#");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> refused = new AtomicReference<>();
        protocol.execute(() -> {
            running.countDown();
            boolean interrupted = false;
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted = true; // the stop's shutdownNow: this task goes on, as a Californium task would
                }
            }
            try {
                protocol.schedule(() -> { }, 1, TimeUnit.SECONDS);
                timer.schedule(() -> { }, 1, TimeUnit.SECONDS);
            } catch (RejectedExecutionException e) {
                refused.set(e);
            }
            done.countDown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        Thread stopper = new Thread(() -> BusNetwork.stop(protocol, timer), "test-stopper");
        stopper.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!protocol.isShutdown() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(protocol.isShutdown()).isTrue();
        release.countDown();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        stopper.join(5000);
        assertThat(refused.get()).as("work the late task started").isNull();
        assertThat(protocol.isTerminated()).isTrue();
        assertThat(timer.isShutdown()).isTrue();
    }
}
