package io.syncline.sink.runner;

import io.syncline.sink.Disposition;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.WriteOutcome;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real writer behind a store that can be paused: while paused, a write hangs until the store is
 * resumed and then fails as a timed-out request would (nothing reached the store; classified
 * RETRY), so the runner is left to decide whether to try again.
 */
final class PausableStoreWriter implements SinkWriter {

    /** The request timed out while the store was paused. */
    static final class StorePausedException extends Exception {
        private static final long serialVersionUID = 1L;

        StorePausedException() {
            super("store paused: request timed out");
        }
    }

    /** The switch shared by every writer of one runner, and how many writes hang on it. */
    static final class Pause {
        private final AtomicBoolean paused = new AtomicBoolean();
        private final AtomicInteger hanging = new AtomicInteger();

        void pause() {
            paused.set(true);
        }

        void resume() {
            synchronized (this) {
                paused.set(false);
                notifyAll();
            }
        }

        int hanging() {
            return hanging.get();
        }

        /** Returns at once when not paused; otherwise hangs until resumed and throws. */
        void awaitStore() throws InterruptedException, StorePausedException {
            if (!paused.get()) {
                return;
            }
            hanging.incrementAndGet();
            try {
                synchronized (this) {
                    while (paused.get()) {
                        wait();
                    }
                }
            } finally {
                hanging.decrementAndGet();
            }
            throw new StorePausedException();
        }
    }

    private final SinkWriter store;
    private final Pause pause;

    PausableStoreWriter(SinkWriter store, Pause pause) {
        this.store = store;
        this.pause = pause;
    }

    @Override
    public void prepare() throws Exception {
        store.prepare();
    }

    @Override
    public List<WriteOutcome> write(List<SinkRecord> batch) throws Exception {
        pause.awaitStore();
        return store.write(batch);
    }

    @Override
    public Disposition classify(Throwable error) {
        return error instanceof StorePausedException ? Disposition.RETRY : store.classify(error);
    }

    @Override
    public void close() {
        store.close();
    }
}
