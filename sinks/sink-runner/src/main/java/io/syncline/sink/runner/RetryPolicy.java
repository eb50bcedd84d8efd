package io.syncline.sink.runner;

import java.time.Duration;
import java.util.Objects;

/**
 * How retriable failures are retried: exponential backoff from {@code initialBackoff}, capped at
 * {@code maxBackoff}, with full jitter; at most {@code maxAttempts} attempts in all and no attempt
 * later than {@code maxTime} after the first, each without limit when {@link #UNLIMITED} (0 /
 * {@link Duration#ZERO}).
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts, Duration maxTime) {

    public static final int UNLIMITED = 0;

    /** Retry forever, from 100 ms up to 30 s: the behaviour when a pipeline file says nothing. */
    public static final RetryPolicy DEFAULT = unlimited(Duration.ofMillis(100), Duration.ofSeconds(30));

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxTime, "maxTime");
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, was " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below initialBackoff " + initialBackoff);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be positive, or UNLIMITED (0); was " + maxAttempts);
        }
        if (maxTime.isNegative()) {
            throw new IllegalArgumentException("maxTime must be positive, or zero (no limit); was " + maxTime);
        }
    }

    /** Without a time limit. */
    public RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {
        this(initialBackoff, maxBackoff, maxAttempts, Duration.ZERO);
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

    public RetryPolicy withMaxTime(Duration newMaxTime) {
        return new RetryPolicy(initialBackoff, maxBackoff, maxAttempts, newMaxTime);
    }

    /** Whether another attempt is allowed after {@code attemptsMade} failed ones. */
    public boolean allowsAnotherAttempt(int attemptsMade) {
        return maxAttempts == UNLIMITED || attemptsMade < maxAttempts;
    }

    /** Whether another attempt is allowed after {@code attemptsMade} failed ones, {@code elapsed} after the first. */
    public boolean allowsAnotherAttempt(int attemptsMade, Duration elapsed) {
        return allowsAnotherAttempt(attemptsMade) && (maxTime.isZero() || elapsed.compareTo(maxTime) < 0);
    }
}
