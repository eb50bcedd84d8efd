package io.syncline.cli.dlq;

import io.syncline.cli.PipelineKafka;

import io.syncline.view.DeadLetterHeaders;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Re-produces pending dead letters of one topic to where they came from (same topic, same
 * partition, key, value and original headers, plus {@link DeadLetterHeaders#REPLAY_OF}), after the
 * copy is acknowledged writes a replay marker so a second replay skips it, and skips — with a marker
 * too — a record superseded by a later one for its key. A crash between the copy and its marker
 * leaves the record pending: a second replay sends it again, which the version guards absorb.
 */
final class Replayer {
    /** What a replay did with the selected records. */
    record Counts(int replayed, int superseded, int notReplayable) {
    }

    private final PipelineKafka kafka;
    private final PrintWriter out;
    private final boolean dryRun;

    Replayer(PipelineKafka kafka, PrintWriter out, boolean dryRun) {
        this.kafka = kafka;
        this.out = out;
        this.dryRun = dryRun;
    }

    Counts replay(DlqTopic dlq, List<DeadLetter> selected) throws ExecutionException, InterruptedException {
        Map<String, NewerRecords> newer = newerRecords(dlq, selected);
        int replayed = 0;
        int superseded = 0;
        int notReplayable = 0;
        String verb = dryRun ? "would replay" : "replayed";
        try (KafkaProducer<byte[], byte[]> producer = dryRun ? null : kafka.producer()) {
            for (DeadLetter record : selected) {
                Optional<String> target = dlq.replayTarget(record);
                if (target.isEmpty()) {
                    notReplayable++;
                    out.printf("not replayable  %s  key %s  read from %s, not a topic %s reads%n", record.coordinates(),
                            record.keyText(), record.origin(), dlq.sink().equals(DlqTopic.VIEWS) ? "capture writes and the view stage" : "the sink");
                    continue;
                }
                int partition = DlqTopic.originPartition(record);
                long later = newer.get(target.get()).after(partition, DlqTopic.originOffset(record), record.key());
                if (later >= 0) {
                    superseded++;
                    out.printf("superseded  %s  key %s  by %s:%d:%d (newer; nothing to send)%n", record.coordinates(),
                            record.keyText(), target.get(), partition, later);
                    if (!dryRun) {
                        mark(producer, record, DeadLetterLog.SUPERSEDED, null);
                    }
                    continue;
                }
                replayed++;
                if (dryRun) {
                    out.printf("%s  %s  key %s  to %s:%d%n", verb, record.coordinates(), record.keyText(), target.get(), partition);
                    continue;
                }
                RecordMetadata copy = producer.send(new ProducerRecord<>(target.get(), partition, record.key(),
                        record.value(), copyHeaders(record))).get();
                String to = copy.topic() + ":" + copy.partition() + ":" + copy.offset();
                mark(producer, record, DeadLetterLog.REPLAYED, to);
                out.printf("%s  %s  key %s  to %s%n", verb, record.coordinates(), record.keyText(), to);
            }
        }
        return new Counts(replayed, superseded, notReplayable);
    }

    /** Per replay target, the records that followed the selected ones there. */
    private Map<String, NewerRecords> newerRecords(DlqTopic dlq, List<DeadLetter> selected) {
        Map<String, Map<Integer, Long>> starts = new HashMap<>();
        for (DeadLetter record : selected) {
            dlq.replayTarget(record).ifPresent(topic -> starts.computeIfAbsent(topic, t -> new HashMap<>())
                    .merge(DlqTopic.originPartition(record), DlqTopic.originOffset(record) + 1, Math::min));
        }
        Map<String, NewerRecords> newer = new HashMap<>();
        starts.forEach((topic, from) -> newer.put(topic, new NewerRecords(kafka.readFrom(topic, from))));
        return newer;
    }

    private static RecordHeaders copyHeaders(DeadLetter record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!DeadLetterHeaders.ALL.contains(header.key()) && !header.key().equals(DeadLetterHeaders.REPLAY_OF)) {
                headers.add(header);
            }
        }
        headers.add(DeadLetterHeaders.REPLAY_OF, record.coordinates().getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static void mark(KafkaProducer<byte[], byte[]> producer, DeadLetter record, String outcome, String to)
            throws ExecutionException, InterruptedException {
        RecordHeaders marker = new RecordHeaders();
        marker.add(DeadLetterHeaders.REPLAYED_OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        marker.add(DeadLetterHeaders.REPLAY_OUTCOME, outcome.getBytes(StandardCharsets.UTF_8));
        if (to != null) {
            marker.add(DeadLetterHeaders.REPLAYED_TO, to.getBytes(StandardCharsets.UTF_8));
        }
        producer.send(new ProducerRecord<byte[], byte[]>(record.topic(), record.partition(), (byte[]) null, (byte[]) null, marker)).get();
    }
}
