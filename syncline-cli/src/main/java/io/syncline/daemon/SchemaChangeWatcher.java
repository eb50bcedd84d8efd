package io.syncline.daemon;

import io.syncline.processors.SourceSchemaChangedException;
import io.syncline.processors.ViewStreams;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the view stage for a stop caused by a source schema change and hands it to the runtime,
 * on a thread of its own: the view stage cannot be closed and restarted from its own stream thread.
 */
final class SchemaChangeWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaChangeWatcher.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /** Plans the views again and restarts what the change touches. */
    interface Replan {
        void replan(SourceSchemaChangedException change) throws InterruptedException;
    }

    private final Thread thread;
    private volatile boolean stopped;

    private SchemaChangeWatcher(Supplier<ViewStreams> views, Replan replan) {
        thread = new Thread(() -> run(views, replan), "syncline-schema-changes");
        thread.setDaemon(true);
    }

    static SchemaChangeWatcher start(Supplier<ViewStreams> views, Replan replan) {
        SchemaChangeWatcher watcher = new SchemaChangeWatcher(views, replan);
        watcher.thread.start();
        return watcher;
    }

    private void run(Supplier<ViewStreams> views, Replan replan) {
        ViewStreams handled = null;
        try {
            while (!stopped) {
                Thread.sleep(POLL.toMillis());
                ViewStreams current = views.get();
                Throwable failure = current == null || current == handled ? null : current.failure();
                if (failure != null && !stopped) {
                    var change = SourceSchemaChangedException.in(failure);
                    if (change.isPresent()) {
                        // Once per view stage: when the re-plan fails, the runtime reports that, and this stage stays stopped.
                        handled = current;
                        replan.replan(change.get());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("handling a source schema change failed", e);
        }
    }

    /** Stops watching; a re-plan under way is interrupted (the runtime then closes what is running). */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(60).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
