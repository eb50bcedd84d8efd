package io.syncline.sink.runner;

import java.time.Duration;
import java.util.Objects;

/**
 * How retriable failures are retried: exponential backoff from {@code initialBackoff}, capped at
 * {@code maxBackoff}, with full jitter; at most {@code maxAttempts} attempts in all, or without
 * limit when {@code maxAttempts} is {@link #UNLIMITED}.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {

    public static final int UNLIMITED = 0;

    public static final RetryPolicy DEFAULT = unlimited(Duration.ofMillis(100), Duration.ofSeconds(30));

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, was " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below initialBackoff " + initialBackoff);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be positive, or UNLIMITED (0); was " + maxAttempts);
        }
    }

    public static RetryPolicy unlimited(Duration initialBackoff, Duration maxBackoff) {
        return new RetryPolicy(initialBackoff, maxBackoff, UNLIMITED);
    }

    public static RetryPolicy limited(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        return new RetryPolicy(initialBackoff, maxBackoff, maxAttempts);
    }

    /** Whether another attempt is allowed after {@code attemptsMade} failed ones. */
    public boolean allowsAnotherAttempt(int attemptsMade) {
        return maxAttempts == UNLIMITED || attemptsMade < maxAttempts;
    }
}
