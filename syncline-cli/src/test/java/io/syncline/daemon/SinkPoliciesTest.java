package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.config.SinkSpec;
import io.syncline.sink.runner.ErrorPolicy;
import io.syncline.sink.runner.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A sink's {@code retry} and {@code onError} reach its runner; left out, they are the runner's own defaults. */
class SinkPoliciesTest {

    @Test
    void thePipelineFileDefaultsAreTheRunnerDefaults() {
        assertThat(PipelineRuntime.retryPolicy(SinkSpec.RetrySpec.DEFAULT)).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(PipelineRuntime.errorPolicy(SinkSpec.ErrorSpec.DEFAULT)).isEqualTo(ErrorPolicy.DEFAULT);
    }

    @Test
    void everyValueIsPassedOn() {
        assertThat(PipelineRuntime.retryPolicy(new SinkSpec.RetrySpec(10, Duration.ofMinutes(5), Duration.ofMillis(50),
                Duration.ofSeconds(2)))).isEqualTo(new RetryPolicy(Duration.ofMillis(50), Duration.ofSeconds(2), 10,
                Duration.ofMinutes(5)));
        assertThat(PipelineRuntime.errorPolicy(new SinkSpec.ErrorSpec(SinkSpec.ErrorAction.STOP, SinkSpec.ErrorAction.DEADLETTER)))
                .isEqualTo(new ErrorPolicy(ErrorPolicy.Action.STOP, ErrorPolicy.Action.DEAD_LETTER));
    }
}
