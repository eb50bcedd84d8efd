package io.syncline.cli.reset;

import io.syncline.cli.RecordProgress;
import io.syncline.cli.ViewTopicReader;
import io.syncline.sink.SinkFactory;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.runner.ViewDecoder;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Rebuilds one view's target in a sink from the view's compacted topic while the daemon keeps
 * consuming that topic and writing to the live target:
 * <ol>
 *   <li><b>Build.</b> E1 := the topic's end offsets now. A fresh target, created by the sink's own
 *       writer (so mappings, columns and types are what the sink makes), gets every record from the
 *       beginning to E1, in topic order. Readers still see the live target. A failure here drops
 *       the fresh target and leaves the live one as it was.</li>
 *   <li><b>Swap.</b> The sink puts the fresh target under the live name in one atomic step
 *       ({@link SinkWriter#swap}): readers see the old data, then the fresh data, never an empty
 *       or missing target. The old data is dropped.</li>
 *   <li><b>Catch up.</b> E2 := the end offsets after the swap. Every record in [E1, E2) is written
 *       to the live name again.</li>
 *   <li><b>Deletes after the catch-up.</b> E3 := the end offsets after step 3. For every id step
 *       3 wrote a document for, whose latest record in [E2, E3) is a delete, that delete is written.</li>
 * </ol>
 * Why the live target ends complete and right: after the swap it holds the topic up to E1. The
 * daemon wrote records to the old target until the swap, and those are lost with it; but a record
 * the daemon wrote before the swap was read before it, so it lies below E2 and step 3 writes it
 * again (a record below E1 is in the fresh target already). From the swap on the daemon writes to
 * the live name itself. Records that arrive twice (the daemon's and step 3's, or a lagging daemon
 * writing what the build already wrote) are harmless: every write is version-guarded, so an older
 * or equal version changes nothing.
 * <p>
 * One exception needs step 4: a version guard cannot refuse a document whose id a delete removed
 * (MongoDB keeps nothing of a deleted document; Elasticsearch keeps its version only for
 * {@code index.gc_deletes}). If the daemon deletes a document (a record at or after E2) before step
 * 3 writes an older version of it, step 3 would bring it back. Step 4 writes that delete again,
 * after step 3. A record that arrives after E3 the daemon reads after step 3's writes were
 * acknowledged, so it writes it after them. A newer document (not a delete) the daemon writes
 * before or after step 3 wins by version either way.
 */
final class TargetRebuild {
    /** What a rebuild did. */
    record Result(String view, String freshTarget, long rebuilt, long written, long stale, long skipped,
                  long caughtUp, long redeleted) {
    }

    private final String sink;
    private final String view;
    private final String freshTarget;
    private final ViewTopicReader topic;
    private final ViewDecoder decoder;
    private final int batchSize;
    private final Function<SinkWriter, ReplayWriter> replayWriter;
    private final PrintWriter out;

    TargetRebuild(String sink, String view, String freshTarget, ViewTopicReader topic, ViewDecoder decoder, int batchSize,
                  Function<SinkWriter, ReplayWriter> replayWriter, PrintWriter out) {
        this.sink = sink;
        this.view = view;
        this.freshTarget = freshTarget;
        this.topic = topic;
        this.decoder = decoder;
        this.batchSize = batchSize;
        this.replayWriter = replayWriter;
        this.out = out;
    }

    /**
     * @param live         the sink's writer for its live targets, prepared
     * @param factory      makes the writer of the fresh target from {@code freshOptions}
     * @param freshOptions the sink's options with this view's target named {@code freshTarget}
     */
    Result run(SinkWriter live, SinkFactory factory, SinkOptions freshOptions) throws Exception {
        String label = sink + "/" + view;
        Map<TopicPartition, Long> e1 = topic.ends();
        ReplayWriter build;
        try (SinkWriter fresh = factory.create(freshOptions)) {
            try {
                fresh.prepare();
                build = replay(label + " build", topic.beginnings(), e1, fresh);
            } catch (Exception | Error e) {
                discard(live);
                throw e;
            }
        }
        out.printf("  %s: built %s from %d records: %d written, %d stale, %d skipped%n", label, freshTarget, build.read(),
                build.written(), build.stale(), build.skipped());
        live.swap(view, freshTarget);
        out.printf("  %s: swapped %s in%n", label, freshTarget);
        out.flush();

        Map<TopicPartition, Long> e2 = topic.ends();
        ReplayWriter catchUp = replay(label + " catch-up", e1, e2, live);
        out.printf("  %s: caught up %d records written meanwhile%n", label, catchUp.read());
        long redeleted = redelete(live, catchUp.upserted(), e2, topic.ends());
        return new Result(view, freshTarget, build.read(), build.written() + catchUp.written(),
                build.stale() + catchUp.stale(), build.skipped() + catchUp.skipped(), catchUp.read(), redeleted);
    }

    private ReplayWriter replay(String label, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, SinkWriter writer)
            throws Exception {
        ReplayWriter replay = replayWriter.apply(writer);
        long total = 0;
        for (Map.Entry<TopicPartition, Long> end : to.entrySet()) {
            total += Math.max(0, end.getValue() - from.get(end.getKey()));
        }
        RecordProgress progress = new RecordProgress(out, label, total);
        topic.read(from, to, batchSize, batch -> {
            replay.write(batch);
            progress.add(batch.size());
        });
        out.printf("  %s: %d records in %s%n", label, replay.read(), progress.done());
        return replay;
    }

    /** Step 4: the deletes in [from, to) that are the latest record of an id the catch-up wrote a document for. */
    private long redelete(SinkWriter live, Set<String> upserted, Map<TopicPartition, Long> from,
                          Map<TopicPartition, Long> to) throws Exception {
        if (upserted.isEmpty()) {
            return 0;
        }
        Map<String, SinkRecord> latest = new LinkedHashMap<>();
        topic.read(from, to, batchSize, batch -> {
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                try {
                    SinkRecord decoded = decoder.decode(record);
                    if (upserted.contains(decoded.record().id())) {
                        latest.put(decoded.record().id(), decoded);
                    }
                } catch (IllegalArgumentException e) {
                    // Not a view record: the daemon dead-letters it, and it deletes nothing.
                }
            }
        });
        List<SinkRecord> deletes = new ArrayList<>(latest.values().stream().filter(r -> r.record().isDelete()).toList());
        if (!deletes.isEmpty()) {
            replayWriter.apply(live).writeDecoded(deletes);
        }
        return deletes.size();
    }

    private void discard(SinkWriter live) {
        try {
            live.discard(view, freshTarget);
        } catch (Exception e) {
            out.printf("  %s/%s: could not drop %s after the failure (%s); drop it by hand%n", sink, view, freshTarget, e);
        }
    }
}
