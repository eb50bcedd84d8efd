package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CounterTraceTest {

    @Test
    void reportsTheStepsAndTheTimeOfTheLastOne() throws Exception {
        AtomicLong counter = new AtomicLong(10);
        long start = System.nanoTime();
        try (CounterTrace trace = new CounterTrace(counter::get, 10)) {
            Thread.sleep(100);
            counter.addAndGet(5);
            Thread.sleep(200);
            counter.addAndGet(3);
            long lastStep = System.nanoTime();
            CounterTrace.Settled settled = trace.settled(start, Duration.ofMillis(300), start + Duration.ofSeconds(10).toNanos());

            assertThat(settled.measurement().count()).isEqualTo(8);
            assertThat(settled.measurement().complete()).isTrue();
            // Seen when the 20 ms poll saw the step (later on a busy machine); the quiet window does not count.
            assertThat(settled.measurement().seconds()).isBetween((lastStep - start) / 1e9 - 0.001, (lastStep - start) / 1e9 + 1.0);
            assertThat(settled.firstStepSeconds()).isGreaterThanOrEqualTo(0.09).isLessThan(settled.measurement().seconds());
        }
    }

    @Test
    void aCounterStillMovingAtTheDeadlineIsPartial() throws Exception {
        AtomicLong counter = new AtomicLong();
        long start = System.nanoTime();
        try (CounterTrace trace = new CounterTrace(counter::incrementAndGet, 0)) {
            CounterTrace.Settled settled = trace.settled(start, Duration.ofSeconds(1), start + Duration.ofMillis(200).toNanos());

            assertThat(settled.measurement().complete()).isFalse();
            assertThat(settled.measurement().count()).isPositive();
        }
    }
}
