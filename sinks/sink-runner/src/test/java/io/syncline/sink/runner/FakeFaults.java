package io.syncline.sink.runner;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the fake writers are told to get wrong; shared by all lanes of a test, thread-safe. */
final class FakeFaults {
    private final Set<String> rejectedIds = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> transientFailuresById = new ConcurrentHashMap<>();
    private final AtomicInteger failingBatches = new AtomicInteger();
    private final AtomicInteger rejectedBatches = new AtomicInteger();
    private final AtomicInteger brokenBatches = new AtomicInteger();
    private final AtomicInteger failingPrepares = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicLong blockAfterApplied = new AtomicLong(Long.MAX_VALUE);
    private final CountDownLatch blocked = new CountDownLatch(1);
    private volatile BeforeWrite beforeWrite = () -> { };

    /** Runs at the start of every write call, e.g. to hold a write under way. */
    @FunctionalInterface
    interface BeforeWrite {
        void run() throws InterruptedException;
    }

    FakeFaults beforeWrite(BeforeWrite hook) {
        beforeWrite = hook;
        return this;
    }

    void runBeforeWrite() throws InterruptedException {
        beforeWrite.run();
    }

    /** Every record of these ids is rejected for good (DEAD_LETTER outcome). */
    FakeFaults reject(String... ids) {
        rejectedIds.addAll(Set.of(ids));
        return this;
    }

    /** The next {@code times} writes of this id fail transiently (RETRY outcome). */
    FakeFaults failTransiently(String id, int times) {
        transientFailuresById.put(id, new AtomicInteger(times));
        return this;
    }

    /** The next {@code batches} write calls throw an exception the writer classifies RETRY. */
    FakeFaults failBatches(int batches) {
        failingBatches.set(batches);
        return this;
    }

    /** The next {@code batches} write calls throw an exception the writer classifies DEAD_LETTER. */
    FakeFaults rejectBatches(int batches) {
        rejectedBatches.set(batches);
        return this;
    }

    /** The next {@code batches} write calls throw an exception the writer classifies FAIL. */
    FakeFaults breakBatches(int batches) {
        brokenBatches.set(batches);
        return this;
    }

    /** The next {@code times} prepare calls throw an exception the writer classifies RETRY. */
    FakeFaults failPrepares(int times) {
        failingPrepares.set(times);
        return this;
    }

    /** Once the store holds {@code records} applied records, every later write blocks until interrupted. */
    FakeFaults blockAfter(long records) {
        blockAfterApplied.set(records);
        return this;
    }

    boolean rejects(String id) {
        return rejectedIds.contains(id);
    }

    boolean failsTransiently(String id) {
        AtomicInteger left = transientFailuresById.get(id);
        return left != null && take(left);
    }

    boolean failsBatch() {
        return take(failingBatches);
    }

    boolean rejectsBatch() {
        return take(rejectedBatches);
    }

    boolean breaksBatch() {
        return take(brokenBatches);
    }

    boolean failsPrepare() {
        return take(failingPrepares);
    }

    boolean blocksAfter(long applied) {
        return applied >= blockAfterApplied.get();
    }

    void blockForever() throws InterruptedException {
        blocked.countDown();
        new CountDownLatch(1).await();
    }

    /** Whether a writer has blocked. */
    boolean hasBlocked() {
        return blocked.getCount() == 0;
    }

    /** Failures of any kind handed out so far. */
    int injected() {
        return injected.get();
    }

    private boolean take(AtomicInteger left) {
        if (left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            injected.incrementAndGet();
            return true;
        }
        return false;
    }
}
