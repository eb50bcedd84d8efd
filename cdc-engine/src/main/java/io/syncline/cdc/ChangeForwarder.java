package io.syncline.cdc;

import io.debezium.embedded.EmbeddedEngineChangeEvent;
import io.debezium.engine.ChangeEvent;
import io.debezium.data.Envelope;
import io.debezium.engine.DebeziumEngine;
import io.syncline.view.ChangeHeaders;
import io.syncline.view.RecordSizes;
import io.syncline.view.Versions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands Debezium's batches to Kafka: sends every record of the batch to its change topic, then waits
 * for each acknowledgement in order and only then marks the record processed, so a stored offset never
 * passes a record Kafka has not acknowledged. A failed send fails the batch (Debezium stops; the
 * records from the failed one on are delivered again at the next start).
 *
 * <p>Records of Syncline's own (Debezium's heartbeats, changes to the heartbeat and signal tables) are
 * marked processed, which advances the offsets and thereby the slot, and are not forwarded.
 * Debezium's notifications go to their topic as they are. Every forwarded record carries the
 * source generation ({@link Versions#GENERATION_HEADER}); a truncate goes to every partition. A new
 * generation's sweep markers go out before the first record streamed after its snapshot ({@link SweepMarkers}).
 */
final class ChangeForwarder implements DebeziumEngine.ChangeConsumer<ChangeEvent<byte[], byte[]>> {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeForwarder.class);
    /** The header Debezium puts on the create event of a primary-key update (RelationalChangeRecordEmitter). */
    private static final String PK_UPDATE_OLD_KEY = "__debezium.oldkey";
    /** The source block's field that marks a snapshot's reads (e.g. {@code first}, {@code true}, {@code last}, {@code incremental}). */
    private static final String SNAPSHOT = "snapshot";

    private final Producer<byte[], byte[]> producer;
    private final Set<String> ownTopics;
    private final String notificationsTopic;
    private final CaptureMetrics metrics;
    private final byte[] generationHeader;
    private final SchemaFingerprints schemas = new SchemaFingerprints();
    private final SweepMarkers sweeps;

    /** {@code ownTopics}: the destinations of records not to forward (heartbeats, the signal table's changes). */
    ChangeForwarder(Producer<byte[], byte[]> producer, Set<String> ownTopics, String notificationsTopic,
                    CaptureMetrics metrics, int generation, SweepMarkers sweeps) {
        this.producer = producer;
        this.sweeps = sweeps;
        this.ownTopics = Set.copyOf(ownTopics);
        this.notificationsTopic = notificationsTopic;
        this.metrics = metrics;
        this.generationHeader = Versions.generationHeader(generation);
    }

    @Override
    public void handleBatch(List<ChangeEvent<byte[], byte[]>> records,
                            DebeziumEngine.RecordCommitter<ChangeEvent<byte[], byte[]>> committer)
            throws InterruptedException {
        // Per record, the acknowledgements to wait for: none for a heartbeat, one per partition for a truncate.
        List<List<Future<RecordMetadata>>> acks = new ArrayList<>(records.size());
        RuntimeException sendFailure = null;
        sweeps.batchReceived();
        for (ChangeEvent<byte[], byte[]> record : records) {
            try {
                if (!notificationsTopic.equals(record.destination())) {
                    sweeps.beforeForwarding(sourceOffset(record));
                }
            } catch (ChangeDeliveryException e) {
                sendFailure = e;
                break;
            }
            if (ownTopics.contains(record.destination())) {
                acks.add(List.of());
                continue;
            }
            try {
                checkVersionRange(record);
                acks.add(send(record));
            } catch (RuntimeException e) {
                // Send refused at once (e.g. no metadata within max.block.ms), or a change capture must not pass
                // (checkVersionRange): what was sent before still counts.
                sendFailure = e;
                break;
            }
        }
        for (int i = 0; i < acks.size(); i++) {
            ChangeEvent<byte[], byte[]> record = records.get(i);
            for (Future<RecordMetadata> ack : acks.get(i)) {
                awaitAck(record, ack);
            }
            committer.markProcessed(record);
            if (!notificationsTopic.equals(record.destination())) {
                // A notification carries no position of its own: it tells neither progress nor phase.
                metrics.processed(sourceOffset(record), !acks.get(i).isEmpty());
                if (!acks.get(i).isEmpty()) {
                    countChange(record);
                }
            }
        }
        if (sendFailure != null) {
            throw sendFailure instanceof ChangeDeliveryException stop ? stop
                    : deliveryFailed(records.get(acks.size()), sendFailure);
        }
        committer.markBatchFinished();
    }

    /**
     * Sends a change with the source generation in a header. A truncate has no key (it is about every
     * row), so it goes to every partition of its topic: each view task, one per partition, holds some
     * of the table's rows. It lands after every change sent to that partition before it.
     */
    private List<Future<RecordMetadata>> send(ChangeEvent<byte[], byte[]> record) {
        if (!Truncates.isTruncate(record.key(), record.value())) {
            return List.of(producer.send(new ProducerRecord<>(record.destination(), null, null, record.key(),
                    record.value(), headers(record))));
        }
        List<PartitionInfo> partitions = producer.partitionsFor(record.destination());
        if (partitions.isEmpty()) {
            throw new IllegalStateException("Kafka knows no partitions of change topic " + record.destination());
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(partitions.size());
        for (PartitionInfo partition : partitions) {
            acks.add(producer.send(new ProducerRecord<>(record.destination(), partition.partition(), null, null,
                    record.value(), headers(record))));
        }
        return acks;
    }

    /**
     * The source generation and the table's schema fingerprint; on a primary-key update's create
     * event also its mark (see {@link ChangeHeaders}).
     */
    private Headers headers(ChangeEvent<byte[], byte[]> record) {
        Headers headers = new RecordHeaders().add(Versions.GENERATION_HEADER, generationHeader);
        if (record instanceof EmbeddedEngineChangeEvent<?, ?, ?> event
                && event.sourceRecord().headers().lastWithName(PK_UPDATE_OLD_KEY) != null) {
            headers.add(ChangeHeaders.KEY_UPDATE, "true".getBytes(StandardCharsets.UTF_8));
        }
        // The table's schema fingerprint, so the view stage sees schema changes.
        Header schema = schemas.header(record);
        if (schema != null) {
            headers.add(schema);
        }
        return headers;
    }

    /** A version holds 56 bits of LSN ({@link Versions}): capture stops rather than let versions wrap. */
    private void checkVersionRange(ChangeEvent<byte[], byte[]> record) {
        Map<String, ?> offset = sourceOffset(record);
        if (offset != null && offset.get("lsn") instanceof Long lsn && lsn >= Versions.LSN_LIMIT) {
            ChangeDeliveryException failure = new ChangeDeliveryException("source LSN " + Versions.lsnText(lsn)
                    + " of a change for " + record.destination() + " is beyond " + Versions.lsnText(Versions.LSN_LIMIT - 1)
                    + ", the highest LSN a view version can hold (generation << 56 | lsn); capture stops before this"
                    + " change. Start the source over with low LSNs (a new cluster restored from a dump) and raise"
                    + " source.generation, so its versions beat everything in the sinks", null);
            metrics.deliveryFailed(failure);
            LOG.error("{}", failure.getMessage());
            throw failure;
        }
    }

    private void awaitAck(ChangeEvent<byte[], byte[]> record, Future<RecordMetadata> ack) throws InterruptedException {
        try {
            ack.get();
        } catch (ExecutionException e) {
            throw deliveryFailed(record, e.getCause());
        }
    }

    private ChangeDeliveryException deliveryFailed(ChangeEvent<byte[], byte[]> record, Throwable cause) {
        Map<String, ?> offset = sourceOffset(record);
        String message = "Kafka did not acknowledge a change event for topic " + record.destination()
                + " (source LSN " + (offset == null ? "unknown" : offset.get("lsn")) + "): " + cause
                + (cause instanceof RecordTooLargeException ? tooLargeAdvice(record) : "");
        ChangeDeliveryException failure = new ChangeDeliveryException(message, cause);
        metrics.deliveryFailed(failure);
        LOG.error("{}; stopping capture, the record and all after it will be delivered again at the next start",
                message);
        return failure;
    }

    /**
     * Capture cannot skip a change (the views would silently miss it, and the slot could not pass it
     * without losing it), so the pipeline stops before it; this says what the operator can do.
     */
    private static String tooLargeAdvice(ChangeEvent<byte[], byte[]> record) {
        int bytes = (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
        return ". This change event is " + bytes + " bytes; Syncline's maximum record size is "
                + RecordSizes.describeMaximum() + ". Capture cannot skip a change: it stops before this one, "
                + "which stays in the replication slot. Make the row smaller in PostgreSQL (e.g. move the large "
                + "value to a table that is not captured) and restart; or, with your own Kafka, raise the change "
                + "topic's max.message.bytes and the broker's limits and set kafka.properties max.request.size";
    }

    /**
     * Counts a change event per table and operation, read from the connector's record (the envelope
     * as a Struct: no JSON parsing); Kafka's tombstones after deletes have no operation and are not counted.
     */
    private void countChange(ChangeEvent<byte[], byte[]> record) {
        if (record instanceof EmbeddedEngineChangeEvent<?, ?, ?> event && event.sourceRecord().value() instanceof Struct value
                && value.schema().field(Envelope.FieldName.OPERATION) != null) {
            String op = value.getString(Envelope.FieldName.OPERATION);
            Struct source = value.schema().field(Envelope.FieldName.SOURCE) == null ? null
                    : value.getStruct(Envelope.FieldName.SOURCE);
            Object snapshot = source == null || source.schema().field(SNAPSHOT) == null ? null : source.get(SNAPSHOT);
            if (op != null && !op.isEmpty()) {
                metrics.changed(record.destination(), op.charAt(0), snapshot == null ? null : snapshot.toString());
            }
        }
    }

    /** Debezium's position for the record (lsn, ts_usec, snapshot flags), when the engine exposes it. */
    private static Map<String, ?> sourceOffset(ChangeEvent<byte[], byte[]> record) {
        return record instanceof EmbeddedEngineChangeEvent<?, ?, ?> event ? event.sourceRecord().sourceOffset() : null;
    }
}
