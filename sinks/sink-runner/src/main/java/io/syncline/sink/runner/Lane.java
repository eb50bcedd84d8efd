package io.syncline.sink.runner;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer and the thread that drives it. The consumer thread adds records; the lane thread
 * takes a batch when {@code maxRecords} or {@code maxBytes} of records are waiting or the oldest
 * waiting record has lingered long enough (a batch holds at most that many records and bytes, and
 * at least one record, however large), and writes it before taking the next, so the records of one id (always the same lane)
 * are written in offset order.
 */
final class Lane {
    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
    private static final long FORGET_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final String name;
    private final BatchWriter batchWriter;
    private final FirstFailure failure;
    private final int maxRecords;
    private final long maxBytes;
    private final long lingerNanos;
    /** After this long without a batch, the lane asks the store whether it answers; 0: never. */
    private final long idleCheckNanos;
    private final Thread thread;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<PendingRecord> waiting = new ArrayDeque<>();
    private long waitingBytes;
    private long oldestWaitingSince;
    private long lastActiveNanos = System.nanoTime();
    private long batchesTaken;
    private long batchesDone;
    private boolean draining;
    private boolean stopping;
    private boolean exited;

    Lane(String name, BatchWriter batchWriter, FirstFailure failure, int maxRecords, Duration linger) {
        this(name, batchWriter, failure, maxRecords, SinkRunnerOptions.Batching.DEFAULT_MAX_BYTES, linger);
    }

    Lane(String name, BatchWriter batchWriter, FirstFailure failure, int maxRecords, long maxBytes, Duration linger) {
        this(name, batchWriter, failure, maxRecords, maxBytes, linger, Duration.ZERO);
    }

    /** {@code idleCheck}: how long the lane may have nothing to write before it checks the store (zero: never). */
    Lane(String name, BatchWriter batchWriter, FirstFailure failure, int maxRecords, long maxBytes, Duration linger,
         Duration idleCheck) {
        this.name = name;
        this.idleCheckNanos = idleCheck.toNanos();
        this.batchWriter = batchWriter;
        this.failure = failure;
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.lingerNanos = linger.toNanos();
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues a record for writing; consumer thread. */
    void add(PendingRecord record) {
        lock.lock();
        try {
            boolean first = waiting.isEmpty();
            if (first) {
                oldestWaitingSince = System.nanoTime();
            }
            waiting.add(record);
            waitingBytes += record.bytes();
            // The lane thread waits without a deadline while nothing waits: wake it to start the linger clock.
            if (first || waiting.size() == maxRecords || waitingBytes >= maxBytes) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Records waiting for a batch (not counting the batch being written). */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of the records waiting for a batch. */
    long waitingBytes() {
        lock.lock();
        try {
            return waitingBytes;
        } finally {
            lock.unlock();
        }
    }

    boolean retrying() {
        return batchWriter.retrying();
    }

    /**
     * Drops the waiting records of these partitions (a new owner reads them again) and waits, up to
     * the deadline, while the batch being written may still write records of them. Their trackers
     * are already revoked, so the batch drops such records before its next attempt or backoff; only
     * an attempt already under way is waited for. Returns false if one is still under way.
     */
    boolean forget(Collection<TopicPartition> partitions, long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            waiting.removeIf(record -> partitions.contains(record.partition()));
            waitingBytes = waiting.stream().mapToLong(PendingRecord::bytes).sum();
            long inFlight = batchesTaken;
            // Polled: the batch writer does not signal this lane's condition between attempts.
            while (batchesDone < inFlight && !exited && batchWriter.writesAny(partitions)) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(Math.min(left, FORGET_POLL_NANOS));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Writes everything waiting, then stops. */
    void drainAndStop() {
        signal(true, false);
    }

    /** Stops after the batch being written; waiting records stay unacknowledged. */
    void stop() {
        signal(false, true);
    }

    private void signal(boolean drain, boolean stop) {
        lock.lock();
        try {
            draining |= drain;
            stopping |= stop;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the lane thread to end; true when it did. */
    boolean awaitExit(long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        return !thread.isAlive();
    }

    /** Breaks a write or backoff that outlived the shutdown timeout: its batch stays unacknowledged. */
    void interrupt() {
        thread.interrupt();
    }

    private void run() {
        try {
            for (List<PendingRecord> batch = nextBatch(); batch != null; batch = nextBatch()) {
                if (batch.isEmpty()) {
                    batchWriter.checkReachable();
                    continue;
                }
                try {
                    batchWriter.write(batch);
                } finally {
                    batchDone();
                }
            }
        } catch (InterruptedException e) {
            LOG.info("{}: interrupted; the batch in progress stays unacknowledged", name);
        } catch (Throwable e) {
            failure.fail(new SinkRunnerException(name + ": unexpected error", e));
        } finally {
            lock.lock();
            try {
                exited = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The next batch to write; empty when the lane has been idle long enough to check the store; null when it is to stop. */
    private List<PendingRecord> nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (stopping || failure.failed()) {
                    return null;
                }
                long lingered = System.nanoTime() - oldestWaitingSince;
                if (waiting.size() >= maxRecords || waitingBytes >= maxBytes || (!waiting.isEmpty() && (draining || lingered >= lingerNanos))) {
                    return take();
                }
                if (draining) {
                    return null;
                }
                if (waiting.isEmpty() && idleCheckNanos <= 0) {
                    changed.await();
                } else if (waiting.isEmpty()) {
                    long idle = System.nanoTime() - lastActiveNanos;
                    if (idle >= idleCheckNanos) {
                        lastActiveNanos = System.nanoTime();
                        return List.of();
                    }
                    changed.awaitNanos(idleCheckNanos - idle);
                } else {
                    changed.awaitNanos(lingerNanos - lingered);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private List<PendingRecord> take() {
        List<PendingRecord> batch = new ArrayList<>(Math.min(waiting.size(), maxRecords));
        long batchBytes = 0;
        while (batch.size() < maxRecords && !waiting.isEmpty()
                && (batch.isEmpty() || batchBytes + waiting.peek().bytes() <= maxBytes)) {
            PendingRecord record = waiting.poll();
            batchBytes += record.bytes();
            waitingBytes -= record.bytes();
            batch.add(record);
        }
        // Records left behind arrived after the oldest one; flushing them early is harmless.
        batchesTaken++;
        return batch;
    }

    private void batchDone() {
        lock.lock();
        try {
            batchesDone++;
            lastActiveNanos = System.nanoTime();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
