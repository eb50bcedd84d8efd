package io.syncline.cli.reset;

import io.syncline.cli.UnavailableException;
import io.syncline.sink.Disposition;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.WriteOutcome;
import io.syncline.sink.runner.ViewDecoder;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Writes replayed view records through a sink's writer, batch by batch, as the sink runner would:
 * decoded with the view's codec, version-guarded by the writer. What the runner dead-letters (a
 * record that cannot be decoded or that the store refuses) is skipped and named; what fails
 * transiently is written again after a backoff; anything else stops the reset.
 */
final class ReplayWriter {
    static final int MAX_ATTEMPTS = 8;

    private final String sink;
    private final SinkWriter writer;
    private final ViewDecoder decoder;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final PrintWriter out;
    private final Set<String> upserted = new HashSet<>();
    private long read;
    private long written;
    private long stale;
    private long skipped;

    ReplayWriter(String sink, SinkWriter writer, ViewDecoder decoder, Duration initialBackoff, Duration maxBackoff,
                 PrintWriter out) {
        this.sink = sink;
        this.writer = writer;
        this.decoder = decoder;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.out = out;
    }

    void write(List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        read += records.size();
        List<SinkRecord> batch = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                batch.add(decoder.decode(record));
            } catch (IllegalArgumentException e) {
                skip(record.topic() + ":" + record.partition() + ":" + record.offset(), "not a valid view record: " + e.getMessage());
            }
        }
        writeDecoded(batch);
    }

    /** Writes decoded records until each is written, stale or skipped. */
    void writeDecoded(List<SinkRecord> batch) throws Exception {
        List<SinkRecord> remaining = batch;
        for (int attempt = 1; !remaining.isEmpty(); attempt++) {
            List<SinkRecord> retry = new ArrayList<>();
            Throwable transientError = null;
            List<WriteOutcome> outcomes = List.of();
            try {
                outcomes = writer.write(remaining);
            } catch (Exception e) {
                if (writer.classify(e) != Disposition.RETRY) {
                    throw e;
                }
                retry = remaining;
                transientError = e;
            }
            for (int i = 0; i < outcomes.size(); i++) {
                SinkRecord record = remaining.get(i);
                WriteOutcome outcome = outcomes.get(i);
                if (outcome instanceof WriteOutcome.Written) {
                    written++;
                    if (!record.record().isDelete()) {
                        upserted.add(record.record().id());
                    }
                } else if (outcome instanceof WriteOutcome.Stale) {
                    stale++;
                } else if (outcome instanceof WriteOutcome.Failed failed) {
                    if (failed.disposition() == Disposition.RETRY) {
                        retry.add(record);
                        transientError = failed.error();
                    } else if (failed.disposition() == Disposition.DEAD_LETTER) {
                        skip(record.coordinates().toString(), failed.cause());
                    } else {
                        throw new IllegalStateException("sink " + sink + " cannot write " + record.coordinates() + ": "
                                + failed.cause(), failed.error());
                    }
                }
            }
            if (!retry.isEmpty() && attempt >= MAX_ATTEMPTS) {
                throw new UnavailableException("sink " + sink + " still fails after " + attempt + " attempts: "
                        + (transientError == null ? "a transient error" : transientError.getMessage()), transientError);
            }
            if (!retry.isEmpty()) {
                Thread.sleep(backoff(attempt).toMillis());
            }
            remaining = retry;
        }
    }

    private Duration backoff(int attempt) {
        Duration backoff = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    private void skip(String coordinates, String cause) {
        skipped++;
        out.printf("  skipped %s: %s (the daemon's sink dead-letters it too)%n", coordinates, cause);
    }

    /** The ids this writer wrote a document for (not a delete). */
    Set<String> upserted() {
        return upserted;
    }

    long read() {
        return read;
    }

    long written() {
        return written;
    }

    long stale() {
        return stale;
    }

    long skipped() {
        return skipped;
    }
}
