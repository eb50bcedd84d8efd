package io.syncline.cli.verify;

import io.syncline.cli.PipelineKafka;
import io.syncline.cli.RecordProgress;
import io.syncline.cli.SinkCalls;
import io.syncline.cli.ViewTopicReader;
import io.syncline.config.PipelineSpec;
import io.syncline.config.SinkSpec;
import io.syncline.daemon.SinkOptionsOf;
import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.runner.SinkRunnerOptions;
import io.syncline.view.Topics;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewRecordCodec;
import io.syncline.view.ViewSchema;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * {@code syncline verify --deep}: compares the content of every document of a view in each sink
 * with what the view topic holds, bounded at the topic's end when the check starts.
 * <ol>
 *   <li>The bound: the view topic's end offsets (last stable offsets). Expected is the last record
 *       of each id before it.</li>
 *   <li>Each sink is checked once its consumer group has acknowledged every record before the
 *       bound (waiting up to {@code wait}): what it then lacks, it will not get by waiting.</li>
 *   <li>Every stored document is read once and matched by key; contents compare by fingerprint of
 *       their canonical values.</li>
 *   <li>Documents whose id has a record after the bound changed while the check ran: they are set
 *       aside, not reported.</li>
 * </ol>
 * The view topic, not the source tables, is the reference: it holds every view's documents as
 * the view stage built them (joins, transforms and filters applied), which no SQL over the source
 * can rebuild for every view.
 */
final class DeepVerify {
    private static final int BATCH = 5_000;

    private final PipelineSpec spec;
    private final PipelineKafka kafka;
    private final Map<String, Object> kafkaProperties;
    private final Map<String, ViewSchema> schemas;
    private final Duration wait;
    private final PrintWriter out;

    DeepVerify(PipelineSpec spec, PipelineKafka kafka, Map<String, Object> kafkaProperties,
               Map<String, ViewSchema> schemas, Duration wait, PrintWriter out) {
        this.spec = spec;
        this.kafka = kafka;
        this.kafkaProperties = kafkaProperties;
        this.schemas = schemas;
        this.wait = wait;
        this.out = out;
    }

    /** Checks {@code view} in each of {@code sinks} (each routes it). */
    List<ViewCheck> check(String view, List<SinkSpec> sinks) throws Exception {
        ViewSchema schema = schemas.get(view);
        String topic = Topics.viewTopic(spec.kafka().topicPrefix(), view);
        DocumentFingerprints fingerprints = new DocumentFingerprints(schema);
        ViewRecordCodec codec = new ViewRecordCodec(schema);
        List<ViewCheck> checks = new ArrayList<>();
        try (ViewTopicReader reader = new ViewTopicReader(kafkaProperties, topic)) {
            Map<TopicPartition, Long> beginnings = reader.beginnings();
            Map<TopicPartition, Long> bound = reader.ends();
            ExpectedDocuments expected = new ExpectedDocuments();
            long total = bound.entrySet().stream().mapToLong(e -> e.getValue() - beginnings.get(e.getKey())).sum();
            RecordProgress reading = new RecordProgress(out, "view " + view + ": reading " + topic, total);
            long[] undecodable = {0};
            reader.read(beginnings, bound, BATCH, batch -> {
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    ViewRecord decoded = decode(codec, record);
                    if (decoded == null) {
                        undecodable[0]++;
                    } else {
                        expected.add(decoded, record.partition(), record.offset(), fingerprints);
                    }
                }
                reading.add(batch.size());
            });
            int live = expected.live().size();
            out.printf("view %s: %d documents in %s up to the bound (%s)%s%n", view, live, topic, reading.done(),
                    undecodable[0] == 0 ? "" : "; " + undecodable[0] + " records that are not view records skipped");
            out.flush();
            for (SinkSpec sink : sinks) {
                checks.add(checkSink(view, sink, expected, fingerprints, beginnings, bound));
            }
            if (checks.stream().anyMatch(c -> !c.differences().isEmpty())) {
                Set<String> changed = changedAfter(reader, bound, codec, fingerprints);
                checks.replaceAll(c -> withoutChanged(c, changed));
            }
        }
        return checks;
    }

    private ViewCheck checkSink(String view, SinkSpec sink, ExpectedDocuments expected, DocumentFingerprints fingerprints,
                                Map<TopicPartition, Long> beginnings, Map<TopicPartition, Long> bound) throws Exception {
        String target = sink.views().stream().filter(r -> r.view().equals(view)).findFirst().orElseThrow().target();
        long behind = GroupCatchUp.await(kafka, SinkRunnerOptions.consumerGroup(spec.name(), sink.name()), beginnings,
                bound, wait);
        if (behind > 0) {
            return ViewCheck.notChecked(view, sink.name(), target, expected.live().size(), "it has not written " + behind
                    + " records of the view topic before the bound after waiting " + wait.toSeconds()
                    + " s: is the daemon running? (--wait waits longer)");
        }
        try (SinkWriter writer = SinkFactories.discover().forType(sink.type()).create(SinkOptionsOf.of(sink, schemas))) {
            SinkCalls.reaching(sink, writer, () -> {
                writer.prepare();
                return null;
            });
            SinkComparison comparison = new SinkComparison(expected, fingerprints);
            RecordProgress scanning = new RecordProgress(out, "view " + view + ": reading sink " + sink.name(),
                    expected.live().size());
            List<Difference> differences = SinkCalls.reaching(sink, writer,
                    () -> comparison.compare(writer, view, () -> scanning.add(1)));
            return new ViewCheck(view, sink.name(), target, expected.live().size(), comparison.scanned(), differences, 0,
                    null);
        }
    }

    /** The ids and keys of documents with a record after the bound: changed while the check ran. */
    private static Set<String> changedAfter(ViewTopicReader reader, Map<TopicPartition, Long> bound, ViewRecordCodec codec,
                                            DocumentFingerprints fingerprints) throws Exception {
        Set<String> changed = new HashSet<>();
        reader.read(bound, reader.ends(), BATCH, batch -> {
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                ViewRecord decoded = decode(codec, record);
                if (decoded != null) {
                    changed.add(decoded.id());
                    if (!decoded.isDelete()) {
                        changed.add(fingerprints.key(decoded.document()));
                    }
                }
            }
        });
        return changed;
    }

    private static ViewCheck withoutChanged(ViewCheck check, Set<String> changed) {
        List<Difference> remaining = check.differences().stream()
                .filter(d -> !changed.contains(d.id()) && !changed.contains(d.key())).toList();
        return new ViewCheck(check.view(), check.sink(), check.target(), check.expected(), check.scanned(), remaining,
                check.differences().size() - remaining.size(), check.notChecked());
    }

    /** The record, or null when it is not a view record of this view (the sinks dead-letter such records). */
    private static ViewRecord decode(ViewRecordCodec codec, ConsumerRecord<byte[], byte[]> record) {
        try {
            return codec.decode(record.key(), record.value(), name -> {
                Header header = record.headers().lastHeader(name);
                return header == null ? null : header.value();
            });
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
