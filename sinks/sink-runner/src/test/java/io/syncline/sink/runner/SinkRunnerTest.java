package io.syncline.sink.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.sink.Disposition;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.WriteOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The runner's life before it reaches Kafka: preparing writers, failing, closing. */
class SinkRunnerTest {
    /** Nothing listens here: these runners must stop before they would connect. */
    private static final String NO_KAFKA = "127.0.0.1:9";

    private static SinkRunnerOptions options(RetryPolicy retry) {
        return new SinkRunnerOptions("fake", "shop", NO_KAFKA, Map.of(),
                Map.of(OrderHistory.VIEW, new SinkRunnerOptions.ViewTopic("shop.view.orders", OrderHistory.SCHEMA)),
                "shop.dlq.fake", new SinkRunnerOptions.Batching(10, Duration.ofMillis(10), 2), retry, Duration.ofSeconds(5));
    }

    @Test
    void aPrepareFailureClassifiedFailStopsTheRunnerWithTheError() throws Exception {
        PreparingWriter writer = new PreparingWriter(new SecurityException("bad credentials"), Disposition.FAIL);
        SinkRunner runner = new SinkRunner(options(RetryPolicy.DEFAULT), () -> writer);

        runner.start();

        assertThat(runner.awaitTermination(Duration.ofSeconds(10))).isTrue();
        assertThat(runner.state()).isEqualTo(SinkRunnerState.STOPPED);
        assertThat(runner.failure()).get().asString().contains("preparing the writer of lane 0 failed");
        assertThat(runner.failure().get().getCause()).hasMessage("bad credentials");
        assertThat(writer.closes.get()).as("both lanes' writers closed").isEqualTo(2);
    }

    @Test
    void aTransientPrepareFailureIsRetriedWithBackoffUntilTheLimit() throws Exception {
        PreparingWriter writer = new PreparingWriter(new java.io.IOException("connection refused"), Disposition.RETRY);
        List<Duration> sleeps = new java.util.concurrent.CopyOnWriteArrayList<>();
        RetryPolicy fourAttempts = RetryPolicy.limited(Duration.ofMillis(100), Duration.ofSeconds(1), 4);
        SinkRunner runner = new SinkRunner(options(fourAttempts), () -> writer, sleeps::add, () -> 0.5);

        runner.start();

        assertThat(runner.awaitTermination(Duration.ofSeconds(10))).isTrue();
        assertThat(writer.prepares.get()).isEqualTo(4);
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(runner.metrics().retries()).isEqualTo(3);
        assertThat(runner.failure()).get().asString().contains("gave up after 4 attempts");
    }

    @Test
    void closingWhilePreparingEndsTheBackoffAndStopsWithoutAFailure() throws Exception {
        PreparingWriter writer = new PreparingWriter(new java.io.IOException("connection refused"), Disposition.RETRY);
        // Backoffs of about a minute: only an interruption ends them in time.
        SinkRunner runner = new SinkRunner(options(RetryPolicy.unlimited(Duration.ofSeconds(60), Duration.ofSeconds(60))),
                () -> writer, Sleeper.SYSTEM, () -> 0.99);
        runner.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> writer.prepares.get() > 0);

        long start = System.nanoTime();
        runner.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(runner.state()).isEqualTo(SinkRunnerState.STOPPED);
        assertThat(runner.failure()).isEmpty();
        assertThat(writer.closes.get()).isEqualTo(2);
    }

    @Test
    void aRunnerStartsOnceAndMayBeClosedUnstarted() {
        SinkRunner runner = new SinkRunner(options(RetryPolicy.DEFAULT), () -> {
            throw new AssertionError("no writer is needed");
        });
        runner.close();
        assertThat(runner.state()).isEqualTo(SinkRunnerState.STOPPED);
        assertThatThrownBy(runner::start).isInstanceOf(IllegalStateException.class);
    }

    /** A writer whose prepare always throws {@code error}, classified as {@code disposition}. */
    private static final class PreparingWriter implements SinkWriter {
        final AtomicInteger prepares = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        private final Exception error;
        private final Disposition disposition;

        PreparingWriter(Exception error, Disposition disposition) {
            this.error = error;
            this.disposition = disposition;
        }

        @Override
        public void prepare() throws Exception {
            prepares.incrementAndGet();
            throw error;
        }

        @Override
        public List<WriteOutcome> write(List<SinkRecord> batch) {
            throw new AssertionError("never prepared, never written");
        }

        @Override
        public Disposition classify(Throwable e) {
            return disposition;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
