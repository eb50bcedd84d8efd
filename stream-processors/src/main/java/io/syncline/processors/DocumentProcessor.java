package io.syncline.processors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncline.processors.plan.ViewPlan;
import io.syncline.view.FieldType;
import io.syncline.view.FieldValues;
import io.syncline.view.Op;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewRecordCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The last stage of a joined or transformed view: applies the transforms and the filter, and
 * gives each document its version. A joined document's version is the highest source position
 * (LSN) of the rows in it, but never lower than one more than the version it last had: rows of
 * different tables are joined in the order Kafka Streams processes them, not in commit order, so
 * an older customer change can be joined after a newer order change. The store keeps, per
 * document, the last version and a digest of the last document, so versions only grow, an
 * unchanged document (a change to a column no view field shows) is not sent again, and a document
 * that leaves the view (its root row deleted, a filter no longer true, a required join gone) is
 * deleted from the sinks once.
 *
 * <p>Except after a backfill: a record an incremental-snapshot read reached ({@link Records#REREAD})
 * sends its document again, unchanged or not, when that read is newer than the version the document
 * last had. The version sent is at least the read's, so the same read joined again later (still in
 * a KTable's state) sends nothing. That is how a backfill repairs sinks that lost or altered joined
 * documents. Likewise a read of a row whose document is not in the view sends its delete again,
 * also when this stage never sent the document: a view whose definition changed (a filter or a
 * required join added) may have left it in the sinks.
 */
final class DocumentProcessor implements Processor<String, byte[], String, byte[]> {
    private final ViewPlan plan;
    private final FieldType joinedType;
    private final ViewRecordCodec codec;
    private final ViewMetrics metrics;
    private final ViewCounters view;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> store;

    DocumentProcessor(ViewPlan plan, ViewMetrics metrics) {
        this.plan = plan;
        this.joinedType = FieldType.object(plan.joinedSchema().fields(), false, "view");
        this.codec = new ViewRecordCodec(plan.schema());
        this.metrics = metrics;
        this.view = metrics.view(plan.view());
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(plan.documentStoreName());
    }

    @Override
    public void process(Record<String, byte[]> input) {
        String id = input.key();
        ObjectNode record = input.value() == null ? null : Records.read(input.value());
        Optional<Map<String, Object>> document = record == null ? Optional.empty() : document(record);
        DocumentState previous = DocumentState.decode(store.get(id));
        long sourceVersion = record == null ? 0 : Records.version(record);
        long sourceTs = record == null ? context.currentSystemTimeMs() : Records.sourceTimestamp(record);
        if (document.isEmpty()) {
            boolean rereadSinceLastSent = record != null && Records.reread(record) > (previous == null ? 0 : previous.version());
            if ((previous == null || !previous.present()) && !rereadSinceLastSent) {
                return; // never in the sinks, or already deleted there
            }
            // A backfill's read deletes a document out of the view even when this stage never sent it: the
            // sinks may hold it from before the view's definition changed (reset --view), e.g. a filter added.
            long version = previous == null ? sourceVersion : Math.max(previous.version() + 1, sourceVersion);
            store.put(id, new DocumentState(version, false, null).encode());
            forward(input, new ViewRecord(id, version, Op.DELETE, sourceTs, null), null);
            metrics.deletes.increment();
            view.deletes.increment();
            return;
        }
        // One JSON form of the document for both: what the digest compares and what the view topic gets.
        ObjectNode json = codec.documentJson(document.get());
        byte[] digest = digest(json);
        boolean unchanged = previous != null && previous.present() && Arrays.equals(previous.digest(), digest);
        if (unchanged && Records.reread(record) <= previous.version()) {
            metrics.unchanged.increment();
            view.unchanged.increment();
            return;
        }
        long version = previous == null ? sourceVersion : Math.max(previous.version() + 1, sourceVersion);
        Op op = previous != null && previous.present() ? Op.UPDATE : Op.CREATE;
        ViewRecord out = new ViewRecord(id, version, op, sourceTs, document.get());
        // Checked before the store changes: a document beyond the limit leaves no trace but its dead letter.
        byte[] value = ValueSizes.checked(codec.encodeValue(out, json), "document " + id + " of view " + plan.view());
        store.put(id, new DocumentState(version, true, digest).encode());
        forward(input, out, value);
        metrics.documents.increment();
        view.documents.increment();
        if (unchanged) {
            metrics.backfillResent.increment();
        }
    }

    /** The transformed document, or empty when it is not in the view. */
    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> document(ObjectNode record) {
        Map<String, Object> doc = (Map<String, Object>) FieldValues.fromJson(Records.doc(record), joinedType);
        for (String join : plan.requiredJoins()) {
            if (doc.get(join) == null) {
                return Optional.empty();
            }
        }
        return plan.transforms().apply(doc);
    }

    private static byte[] digest(ObjectNode document) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(document.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void forward(Record<String, byte[]> input, ViewRecord record, byte[] value) {
        Headers headers = new RecordHeaders();
        ViewRecordCodec.headers(record).forEach(headers::add);
        context.forward(new Record<>(record.id(), value, input.timestamp(), headers));
    }

    /** Per document: the last version sent, whether the sinks have it, and the digest of what they have. */
    record DocumentState(long version, boolean present, byte[] digest) {
        static DocumentState decode(byte[] bytes) {
            if (bytes == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long version = buffer.getLong();
            boolean present = buffer.get() == 1;
            byte[] digest = new byte[buffer.remaining()];
            buffer.get(digest);
            return new DocumentState(version, present, digest);
        }

        byte[] encode() {
            byte[] d = digest == null ? new byte[0] : digest;
            return ByteBuffer.allocate(9 + d.length).putLong(version).put((byte) (present ? 1 : 0)).put(d).array();
        }
    }
}
