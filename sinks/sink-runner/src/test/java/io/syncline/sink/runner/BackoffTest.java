package io.syncline.sink.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final RetryPolicy POLICY = RetryPolicy.unlimited(Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void ceilingDoublesFromTheInitialBackoffUpToTheMaximum() {
        Backoff backoff = new Backoff(POLICY, () -> 0.5);
        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofMillis(3200));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.ceiling(10_000)).as("no overflow").isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void fullJitterScalesTheCeilingByTheRandomFraction() {
        assertThat(new Backoff(POLICY, () -> 0.0).delay(3)).isZero();
        assertThat(new Backoff(POLICY, () -> 0.25).delay(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(new Backoff(POLICY, () -> 0.999_999).delay(20))
                .isLessThanOrEqualTo(Duration.ofSeconds(5)).isGreaterThan(Duration.ofMillis(4999));
    }

    @Test
    void delaysStayWithinBoundsAndSpreadOut() {
        Random random = new Random(7);
        Backoff backoff = new Backoff(POLICY, random::nextDouble);
        for (int retry = 0; retry < 12; retry++) {
            Duration ceiling = backoff.ceiling(retry);
            long distinct = java.util.stream.IntStream.range(0, 200).mapToObj(i -> backoff.delay(3)).distinct().count();
            assertThat(distinct).as("jitter").isGreaterThan(150);
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.delay(retry)).isBetween(Duration.ZERO, ceiling);
            }
        }
    }

    @Test
    void refusesARandomSourceOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new Backoff(POLICY, () -> 1.0).delay(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Backoff(POLICY, () -> -0.1).delay(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Backoff(POLICY, () -> 0.1).delay(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryPolicyCountsAttempts() {
        RetryPolicy three = RetryPolicy.limited(Duration.ofMillis(1), Duration.ofMillis(10), 3);
        assertThat(three.allowsAnotherAttempt(2)).isTrue();
        assertThat(three.allowsAnotherAttempt(3)).isFalse();
        assertThat(POLICY.allowsAnotherAttempt(1_000_000)).isTrue();
    }

    @Test
    void retryPolicyCountsTimeSinceTheFirstAttempt() {
        RetryPolicy minute = POLICY.withMaxTime(Duration.ofMinutes(1));
        assertThat(minute.allowsAnotherAttempt(100, Duration.ofSeconds(59))).isTrue();
        assertThat(minute.allowsAnotherAttempt(1, Duration.ofMinutes(1))).isFalse();
        assertThat(POLICY.allowsAnotherAttempt(1, Duration.ofDays(365))).as("0: no limit").isTrue();
        assertThat(RetryPolicy.DEFAULT).isEqualTo(new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(30), 0, Duration.ZERO));
    }

    @Test
    void retryPolicyRejectsNonsense() {
        assertThatThrownBy(() -> RetryPolicy.unlimited(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("initialBackoff");
        assertThatThrownBy(() -> RetryPolicy.unlimited(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> RetryPolicy.limited(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .hasMessageContaining("maxAttempts");
    }
}
