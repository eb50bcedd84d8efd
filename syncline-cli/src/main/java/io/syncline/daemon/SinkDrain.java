package io.syncline.daemon;

import io.syncline.sink.runner.SinkRunner;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until a sink has written everything on its view topics (no partition with unacknowledged or
 * unfetched records), so that it stops after the last record the views made with the old schema and
 * its successor starts with the first one made with the new schema.
 */
final class SinkDrain {
    private static final Logger LOG = LoggerFactory.getLogger(SinkDrain.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private SinkDrain() {
    }

    /** True when drained within {@code timeout}; false (logged) when not, or when the sink stopped. */
    static boolean await(String sink, SinkRunner runner, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (runner.failure().isPresent()) {
                return false;
            }
            Map<?, Long> lag = runner.metrics().lag();
            if (!lag.isEmpty() && lag.values().stream().allMatch(l -> l == 0)) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        }
        LOG.warn("sink {} has not written everything on its view topics within {}; it stops anyway and its successor"
                + " writes the rest (records made before the schema change are read with the new schema)", sink, timeout);
        return false;
    }
}
