package io.syncline.sink.runner;

import io.syncline.sink.Disposition;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.WriteOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch through a lane's writer until every record is acknowledged: written and stale
 * records at once, rejected ones once the dead-letter topic has them. Records that failed
 * transiently (or a whole batch whose exception is classified RETRY) are written again after an
 * exponential backoff with full jitter; anything classified FAIL stops the runner. Used by one lane
 * thread.
 *
 * <p>Fencing: before every attempt the records whose partition was revoked or lost are dropped,
 * unacknowledged, so the new owner writes them from the committed offset and an old owner's retry
 * never lands after the new owner's newer write or delete (version guards cannot refuse a write to
 * a document that a delete removed). {@link #writesAny} tells revocation whether to wait for an
 * attempt already under way.
 */
final class BatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    private record Rejection(PendingRecord record, String cause, Throwable error) {
    }

    private final String name;
    private final SinkWriter writer;
    private final DeadLetterProducer deadLetters;
    private final Acknowledgements acks;
    private final SinkRunnerMetrics metrics;
    private final FirstFailure failure;
    private final Backoff backoff;
    private final ErrorPolicy errors;
    private final Sleeper sleeper;
    private volatile boolean retrying;
    /** The partitions of the attempt under way; empty between attempts (also while backing off). */
    private volatile Set<TopicPartition> attempting = Set.of();
    private Throwable lastTransientError;

    BatchWriter(String name, SinkWriter writer, DeadLetterProducer deadLetters, Acknowledgements acks,
                SinkRunnerMetrics metrics, FirstFailure failure, Backoff backoff, Sleeper sleeper) {
        this(name, writer, deadLetters, acks, metrics, failure, backoff, ErrorPolicy.DEFAULT, sleeper);
    }

    BatchWriter(String name, SinkWriter writer, DeadLetterProducer deadLetters, Acknowledgements acks,
                SinkRunnerMetrics metrics, FirstFailure failure, Backoff backoff, ErrorPolicy errors, Sleeper sleeper) {
        this.errors = errors;
        this.name = name;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.acks = acks;
        this.metrics = metrics;
        this.failure = failure;
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    /** Whether this lane is backing off after a transient failure (the consumer pauses meanwhile). */
    boolean retrying() {
        return retrying;
    }

    /**
     * Whether an attempt under way may write records of these partitions. A revocation marks its
     * partitions revoked before asking, and an attempt publishes its partitions before checking
     * them (both volatile), so either the attempt drops the records or the revocation waits for it.
     */
    boolean writesAny(Collection<TopicPartition> partitions) {
        Set<TopicPartition> now = attempting;
        return partitions.stream().anyMatch(now::contains);
    }

    /**
     * Writes the batch. Returns early, leaving records unacknowledged, once the runner has failed.
     *
     * @throws InterruptedException on a forced stop: the rest of the batch stays unacknowledged
     */
    void write(List<PendingRecord> batch) throws InterruptedException {
        metrics.batch();
        try {
            List<PendingRecord> remaining = batch;
            int failedAttempts = 0;
            long firstAttemptNanos = System.nanoTime();
            while (!failure.failed()) {
                attempting = partitionsOf(remaining);
                remaining = stillOwned(remaining);
                if (remaining.isEmpty()) {
                    return;
                }
                remaining = attempt(remaining);
                attempting = Set.of();
                remaining = stillOwned(remaining);
                if (remaining.isEmpty()) {
                    return;
                }
                failedAttempts++;
                if (!backOff(failedAttempts, Duration.ofNanos(System.nanoTime() - firstAttemptNanos), remaining)) {
                    return;
                }
            }
        } finally {
            retrying = false;
            attempting = Set.of();
            // Written, dead-lettered, abandoned or given up: this lane no longer retries.
            metrics.recovered(name);
        }
    }

    /**
     * Asks the store whether it answers while the lane has nothing to write; the sink shows as
     * unreachable until a check or a write succeeds. Said in the log when it changes.
     */
    void checkReachable() throws InterruptedException {
        try {
            writer.checkReachable();
            if (metrics.reachable()) {
                LOG.info("{}: the store answers again", name);
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            if (metrics.unreachable(e)) {
                LOG.warn("{}: the store does not answer while the sink is idle: {}", name, e.toString());
            }
        }
    }

    private static Set<TopicPartition> partitionsOf(List<PendingRecord> records) {
        Set<TopicPartition> partitions = new HashSet<>();
        records.forEach(record -> partitions.add(record.partition()));
        return Set.copyOf(partitions);
    }

    /** The records whose partition is still ours; the others are abandoned, unacknowledged. */
    private List<PendingRecord> stillOwned(List<PendingRecord> records) {
        List<PendingRecord> owned = records.stream().filter(record -> !record.revoked()).toList();
        if (owned.size() < records.size()) {
            metrics.abandoned(records.size() - owned.size());
            // No document id at INFO: ids are row content (an e-mail address can be a key).
            LOG.info("{}: abandoning {} records of revoked partitions; their next owner writes them",
                    name, records.size() - owned.size());
            if (LOG.isDebugEnabled()) {
                LOG.debug("{}: the first abandoned record: {}", name, records.stream().filter(PendingRecord::revoked)
                        .findFirst().map(PendingRecord::describe).orElse("?"));
            }
        }
        return owned;
    }

    /** One write of these records; returns those to write again. */
    private List<PendingRecord> attempt(List<PendingRecord> records) throws InterruptedException {
        List<WriteOutcome> outcomes;
        try {
            outcomes = writer.write(records.stream().map(PendingRecord::sinkRecord).toList());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                // A forced stop broke the write: not the store's fault, and not the records'.
                throw interruption(e);
            }
            return onBatchError(records, e);
        }
        if (outcomes == null || outcomes.size() != records.size()) {
            failure.fail(new SinkRunnerException(name + ": the writer returned "
                    + (outcomes == null ? "no" : outcomes.size()) + " outcomes for " + records.size() + " records", null));
            return List.of();
        }
        return settle(records, outcomes);
    }

    private List<PendingRecord> onBatchError(List<PendingRecord> records, Exception error) throws InterruptedException {
        String span = records.get(0).describe() + " .. " + records.get(records.size() - 1).describe();
        switch (classify(error)) {
            case RETRY -> {
                LOG.warn("{}: a batch of {} records ({}) failed transiently: {}", name, records.size(), span, error.toString());
                lastTransientError = error;
                metrics.failingTransiently(name, error);
                return records;
            }
            case DEAD_LETTER -> {
                LOG.warn("{}: a batch of {} records ({}) was rejected as a whole: {}", name, records.size(), span, error.toString());
                if (errors.rejected() == ErrorPolicy.Action.STOP) {
                    failure.fail(new SinkRunnerException(name + ": the store rejected a batch of " + records.size()
                            + " records (" + span + ") and onError.rejected is stop", error));
                    return List.of();
                }
                String cause = error.getClass().getSimpleName() + ": " + error.getMessage();
                deadLetter(records.stream().map(r -> new Rejection(r, cause, error)).toList());
                return List.of();
            }
            default -> {
                failure.fail(new SinkRunnerException(name + ": writing a batch of " + records.size()
                        + " records (" + span + ") failed", error));
                return List.of();
            }
        }
    }

    private Disposition classify(Throwable error) {
        try {
            Disposition disposition = writer.classify(error);
            return disposition == null ? Disposition.FAIL : disposition;
        } catch (RuntimeException e) {
            error.addSuppressed(e);
            return Disposition.FAIL;
        }
    }

    /** Acknowledges written and stale records, dead-letters rejected ones; returns those to retry. */
    private List<PendingRecord> settle(List<PendingRecord> records, List<WriteOutcome> outcomes) throws InterruptedException {
        List<PendingRecord> done = new ArrayList<>();
        List<PendingRecord> written = new ArrayList<>();
        List<PendingRecord> retry = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        long stale = 0;
        SinkRunnerException fatal = null;
        for (int i = 0; i < records.size() && fatal == null; i++) {
            PendingRecord record = records.get(i);
            WriteOutcome outcome = outcomes.get(i);
            if (outcome instanceof WriteOutcome.Written || outcome instanceof WriteOutcome.Stale) {
                done.add(record);
                stale += outcome instanceof WriteOutcome.Stale ? 1 : 0;
                if (outcome instanceof WriteOutcome.Written) {
                    written.add(record);
                }
            } else if (outcome instanceof WriteOutcome.Failed failed && failed.disposition() == Disposition.RETRY) {
                retry.add(record);
                lastTransientError = failed.error();
            } else if (outcome instanceof WriteOutcome.Failed failed && failed.disposition() == Disposition.DEAD_LETTER) {
                rejected.add(new Rejection(record, failed.cause(), failed.error()));
            } else {
                fatal = fatalOutcome(record, outcome);
            }
        }
        // Counted before acknowledged, so a committed offset never runs ahead of the counters.
        metrics.written(done.size() - stale);
        metrics.stale(stale);
        long now = System.currentTimeMillis();
        written.forEach(r -> metrics.acknowledged(r.sinkRecord().view(), r.sinkRecord().record().sourceTimestampMs(), now));
        done.forEach(acks::acknowledge);
        if (fatal != null) {
            failure.fail(fatal);
            return List.of();
        }
        if (!rejected.isEmpty() && errors.rejected() == ErrorPolicy.Action.STOP) {
            Rejection first = rejected.get(0);
            failure.fail(new SinkRunnerException(name + ": the store rejected " + first.record().describe() + " ("
                    + first.cause() + ") and onError.rejected is stop", first.error()));
            return List.of();
        }
        deadLetter(rejected);
        if (!retry.isEmpty()) {
            LOG.warn("{}: {} of {} records failed transiently, the first {}", name, retry.size(), records.size(),
                    retry.get(0).describe());
            metrics.failingTransiently(name, lastTransientError);
        } else {
            metrics.recovered(name);
        }
        return retry;
    }

    private SinkRunnerException fatalOutcome(PendingRecord record, WriteOutcome outcome) {
        if (outcome instanceof WriteOutcome.Failed failed) {
            return new SinkRunnerException(name + ": writing " + record.describe() + " failed: " + failed.cause(), failed.error());
        }
        return new SinkRunnerException(name + ": the writer gave no outcome for " + record.describe(), null);
    }

    /** Sends the rejected records to the dead-letter topic and acknowledges each once Kafka has it. */
    private void deadLetter(List<Rejection> rejected) throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try {
            for (Rejection rejection : rejected) {
                LOG.warn("{}: dead-lettering {}: {}", name, rejection.record().describe(), rejection.cause());
                sent.add(deadLetters.send(rejection.record().raw(), rejection.cause(), rejection.error()));
            }
            for (int i = 0; i < sent.size(); i++) {
                sent.get(i).get();
                metrics.deadLettered();
                acks.acknowledge(rejected.get(i).record());
            }
        } catch (InterruptException e) {
            throw interruption(e);
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            failure.fail(new SinkRunnerException(name + ": the dead-letter topic did not take a rejected record", cause));
        }
    }

    /**
     * Waits before the next attempt; false when the retry policy gives up: the records then go to
     * the dead-letter topic or the runner fails, per {@code onError.retriesExhausted}.
     */
    private boolean backOff(int failedAttempts, Duration elapsed, List<PendingRecord> remaining) throws InterruptedException {
        if (!backoff.policy().allowsAnotherAttempt(failedAttempts, elapsed)) {
            String gaveUp = "gave up after " + failedAttempts + " attempts in " + elapsed.toMillis() + " ms; "
                    + remaining.size() + " records unwritten, the first " + remaining.get(0).describe();
            if (errors.retriesExhausted() == ErrorPolicy.Action.DEAD_LETTER) {
                LOG.warn("{}: {}; dead-lettering them", name, gaveUp);
                String cause = "retries exhausted: " + (lastTransientError == null ? "transient failures"
                        : lastTransientError.getClass().getSimpleName() + ": " + lastTransientError.getMessage());
                deadLetter(remaining.stream().map(r -> new Rejection(r, cause, lastTransientError)).toList());
            } else {
                failure.fail(new SinkRunnerException(name + ": " + gaveUp, lastTransientError));
            }
            return false;
        }
        retrying = true;
        metrics.retried();
        Duration delay = backoff.delay(failedAttempts - 1);
        LOG.info("{}: retry {} of {} records in {} ms", name, failedAttempts, remaining.size(), delay.toMillis());
        // Woken early when every record's partition is revoked: the lane is then free for its other partitions.
        sleeper.sleep(delay, () -> remaining.stream().allMatch(PendingRecord::revoked));
        return true;
    }

    private static InterruptedException interruption(Exception cause) {
        InterruptedException interrupted = new InterruptedException("interrupted while writing");
        interrupted.initCause(cause);
        return interrupted;
    }
}
