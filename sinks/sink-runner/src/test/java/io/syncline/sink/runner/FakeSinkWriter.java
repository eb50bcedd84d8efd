package io.syncline.sink.runner;

import io.syncline.sink.Disposition;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.WriteOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A sink writer over a {@link FakeStore}, doing what its {@link FakeFaults} say. One per lane. */
final class FakeSinkWriter implements SinkWriter {
    /** The size of every batch written, in order. */
    final java.util.List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The store is unreachable for a moment: classified RETRY. */
    static final class StoreUnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        StoreUnavailableException(String message) {
            super(message);
        }
    }

    /** The store refuses the whole batch for good: classified DEAD_LETTER. */
    static final class BatchRejectedException extends Exception {
        private static final long serialVersionUID = 1L;

        BatchRejectedException(String message) {
            super(message);
        }
    }

    /** A record the store refuses: carried by DEAD_LETTER outcomes. */
    static final class RecordRejectedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RecordRejectedException(String message) {
            super(message);
        }
    }

    private final FakeStore store;
    private final FakeFaults faults;
    private final AtomicBoolean inUse = new AtomicBoolean();
    private volatile boolean prepared;
    private volatile boolean closed;

    FakeSinkWriter(FakeStore store, FakeFaults faults) {
        this.store = store;
        this.faults = faults;
    }

    @Override
    public void prepare() throws StoreUnavailableException {
        if (faults.failsPrepare()) {
            throw new StoreUnavailableException("store not reachable yet");
        }
        prepared = true;
    }

    @Override
    public List<WriteOutcome> write(List<SinkRecord> batch) throws Exception {
        batchSizes.add(batch.size());
        if (!prepared || closed) {
            throw new IllegalStateException("write before prepare or after close");
        }
        if (!inUse.compareAndSet(false, true)) {
            throw new IllegalStateException("a writer used by two threads at once");
        }
        try {
            return writeAlone(batch);
        } finally {
            inUse.set(false);
        }
    }

    private List<WriteOutcome> writeAlone(List<SinkRecord> batch) throws Exception {
        faults.runBeforeWrite();
        if (faults.blocksAfter(store.applied())) {
            faults.blockForever();
        }
        if (faults.breaksBatch()) {
            throw new IllegalStateException("store bug");
        }
        if (faults.failsBatch()) {
            throw new StoreUnavailableException("store overloaded");
        }
        if (faults.rejectsBatch()) {
            throw new BatchRejectedException("store refused the batch");
        }
        List<WriteOutcome> outcomes = new ArrayList<>(batch.size());
        for (SinkRecord record : batch) {
            String id = record.record().id();
            if (faults.rejects(id)) {
                outcomes.add(WriteOutcome.failed(Disposition.DEAD_LETTER, "rejected by the test store: id " + id,
                        new RecordRejectedException("mapping conflict")));
            } else if (faults.failsTransiently(id)) {
                outcomes.add(WriteOutcome.failed(Disposition.RETRY, "store busy",
                        new StoreUnavailableException("store busy")));
            } else {
                outcomes.add(store.apply(record));
            }
        }
        return outcomes;
    }

    @Override
    public Disposition classify(Throwable error) {
        if (error instanceof StoreUnavailableException) {
            return Disposition.RETRY;
        }
        if (error instanceof BatchRejectedException) {
            return Disposition.DEAD_LETTER;
        }
        return Disposition.FAIL;
    }

    @Override
    public void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }
}
