package org.storeroom.testing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting on a condition in tests, never on time: checks every 2 ms until the condition holds, and
 * fails naming what was awaited when it does not hold in time.
 */
public final class Await {
    private Await() {
    }

    /**
     * @param what      what is awaited, for the failure message
     * @param timeoutMs how long to wait at most
     * @param condition checked repeatedly; must be cheap and must not block
     * @return how long it took, in ms
     * @throws AssertionError when the condition does not hold within the time-out
     */
    public static long until(String what, long timeoutMs, BooleanSupplier condition) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(timeoutMs)) {
                throw new AssertionError("not within " + timeoutMs + " ms: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
