package io.syncline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.syncline.config.SinkSpec.ErrorAction;
import io.syncline.config.SinkSpec.ErrorSpec;
import io.syncline.config.SinkSpec.RetrySpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code sinks[].retry} and {@code sinks[].onError}: today's behaviour by default, every key bound and checked. */
class SinkRetryConfigTest {

    @Test
    void leftOutTheyKeepRetryingWithoutLimitDeadLetterRejectsAndStopWhenRetriesRunOut() throws Exception {
        SinkSpec sink = Pipelines.load(Pipelines.MINIMAL).sinks().get(0);

        assertThat(sink.retry()).isEqualTo(new RetrySpec(0, Duration.ZERO, Duration.ofMillis(100), Duration.ofSeconds(30)));
        assertThat(sink.onError()).isEqualTo(new ErrorSpec(ErrorAction.DEADLETTER, ErrorAction.STOP));
    }

    @Test
    void bindsEveryKey() throws Exception {
        SinkSpec sink = Pipelines.load(Pipelines.MINIMAL + """
                    retry: {maxAttempts: 10, maxTime: 5m, initialBackoff: 50ms, maxBackoff: 2s}
                    onError: {rejected: stop, retriesExhausted: deadletter}
                """).sinks().get(0);

        assertThat(sink.retry()).isEqualTo(new RetrySpec(10, Duration.ofMinutes(5), Duration.ofMillis(50), Duration.ofSeconds(2)));
        assertThat(sink.onError()).isEqualTo(new ErrorSpec(ErrorAction.STOP, ErrorAction.DEADLETTER));
    }

    @Test
    void reportsWrongValuesWithTheirKeyPath() {
        InvalidPipelineException thrown = catchThrowableOfType(InvalidPipelineException.class, () -> Pipelines.load(
                Pipelines.MINIMAL + """
                    retry: {maxAttempts: -1, initialBackoff: 2s, maxBackoff: 1s}
                    onError: {rejected: deadleter}
                """));

        assertThat(thrown).isNotNull();
        assertThat(thrown.problems()).extracting(ConfigProblem::keyPath, ConfigProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sinks[0].retry.maxAttempts", "must be at least 0, got -1"),
                org.assertj.core.groups.Tuple.tuple("sinks[0].retry.maxBackoff", "must not be below initialBackoff (2000ms)"),
                org.assertj.core.groups.Tuple.tuple("sinks[0].onError.rejected",
                        "'deadleter' is not an action; did you mean 'deadletter'? (allowed: deadletter, stop)"));
    }
}
