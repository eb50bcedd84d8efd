package io.syncline.daemon;

import io.syncline.sink.runner.SinkRunner;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until a sink has written everything on the topics of views whose schema changed that it may
 * write with its schemas: every partition caught up, or stopped at the first record made with a newer schema with every
 * record before it written ({@link io.syncline.sink.runner.SchemaHold}). So it stops after the last
 * record the views made with the old schema and its successor starts with the first one made with
 * the new schema.
 */
final class SinkDrain {
    private static final Logger LOG = LoggerFactory.getLogger(SinkDrain.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private SinkDrain() {
    }

    /** True when drained within {@code timeout}; false (logged) when not, or when the sink stopped. */
    static boolean await(String sink, SinkRunner runner, Set<String> topics, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // A lag measured before now may predate records the views made just before they stopped.
        long since = System.currentTimeMillis();
        while (System.nanoTime() < deadline) {
            if (runner.failure().isPresent()) {
                return false;
            }
            if (runner.metrics().writtenUpToNewerSchemas(topics, since)) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        }
        LOG.warn("sink {} has not written everything on view topics {} within {}; it stops anyway and its successor"
                + " writes the rest (records made before the schema change are read with the new schema)", sink, topics,
                timeout);
        return false;
    }
}
