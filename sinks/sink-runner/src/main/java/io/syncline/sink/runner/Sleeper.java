package io.syncline.sink.runner;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits out a backoff delay. Injectable so tests do not sleep; interruption ends the wait. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = delay -> TimeUnit.NANOSECONDS.sleep(delay.toNanos());

    void sleep(Duration delay) throws InterruptedException;
}
