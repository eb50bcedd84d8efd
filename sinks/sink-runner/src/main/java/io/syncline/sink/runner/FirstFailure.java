package io.syncline.sink.runner;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The failure that stops a runner: the first one reported, from any lane or the consumer thread. */
final class FirstFailure {
    private static final Logger LOG = LoggerFactory.getLogger(FirstFailure.class);
    private final String sinkName;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    FirstFailure(String sinkName) {
        this.sinkName = sinkName;
    }

    void fail(Throwable error) {
        if (failure.compareAndSet(null, error)) {
            LOG.error("sink {}: stopping after a failure", sinkName, error);
        } else {
            LOG.debug("sink {}: another failure while stopping", sinkName, error);
        }
    }

    boolean failed() {
        return failure.get() != null;
    }

    Optional<Throwable> get() {
        return Optional.ofNullable(failure.get());
    }
}
