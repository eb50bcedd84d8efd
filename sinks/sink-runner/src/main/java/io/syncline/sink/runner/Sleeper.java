package io.syncline.sink.runner;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits out a backoff delay. Injectable so tests do not sleep; interruption ends the wait. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps in short steps so a backoff ends soon after its batch's partitions are revoked. */
    Sleeper SYSTEM = new Sleeper() {
        private static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

        @Override
        public void sleep(Duration delay) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(delay.toNanos());
        }

        @Override
        public void sleep(Duration delay, BooleanSupplier wakeEarly) throws InterruptedException {
            long deadline = System.nanoTime() + delay.toNanos();
            for (long left = delay.toNanos(); left > 0 && !wakeEarly.getAsBoolean(); left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, STEP_NANOS));
            }
        }
    };

    void sleep(Duration delay) throws InterruptedException;

    /**
     * Sleeps, or less once {@code wakeEarly} holds. Sleepers that only count or gate delays (tests)
     * may ignore it: the caller checks again after the sleep.
     */
    default void sleep(Duration delay, BooleanSupplier wakeEarly) throws InterruptedException {
        sleep(delay);
    }
}
