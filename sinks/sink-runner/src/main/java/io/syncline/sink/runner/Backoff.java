package io.syncline.sink.runner;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: the delay before retry {@code n} (counting from 0) is
 * uniform in {@code [0, min(maxBackoff, initialBackoff * 2^n)]}, so retrying lanes and runners do
 * not hit a recovering store in step.
 */
public final class Backoff {
    private final RetryPolicy policy;
    private final DoubleSupplier random;

    public Backoff(RetryPolicy policy) {
        this(policy, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** With {@code random} giving values in {@code [0, 1)}. */
    public Backoff(RetryPolicy policy, DoubleSupplier random) {
        this.policy = policy;
        this.random = random;
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** The upper bound of the delay before retry {@code retry}. */
    public Duration ceiling(int retry) {
        if (retry < 0) {
            throw new IllegalArgumentException("retry must not be negative, was " + retry);
        }
        // In double arithmetic so large retry counts saturate at the cap instead of overflowing.
        double grown = policy.initialBackoff().toNanos() * Math.pow(2, retry);
        return Duration.ofNanos((long) Math.min(policy.maxBackoff().toNanos(), grown));
    }

    /** A random delay in {@code [0, ceiling(retry)]}. */
    public Duration delay(int retry) {
        double fraction = random.getAsDouble();
        if (fraction < 0 || fraction >= 1) {
            throw new IllegalStateException("random source gave " + fraction + ", outside [0, 1)");
        }
        return Duration.ofNanos((long) (ceiling(retry).toNanos() * fraction));
    }
}
