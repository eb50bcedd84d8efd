package io.syncline.cdc;

import io.debezium.embedded.EmbeddedEngineChangeEvent;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.errors.RecordTooLargeException;
import io.syncline.view.RecordSizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands Debezium's batches to Kafka: sends every record of the batch to its change topic, then waits
 * for each acknowledgement in order and only then marks the record processed, so a stored offset never
 * passes a record Kafka has not acknowledged. A failed send fails the batch (Debezium stops; the
 * records from the failed one on are delivered again at the next start).
 *
 * <p>Heartbeats (Debezium's own records and changes to the heartbeat table) are marked processed, which
 * advances the offsets and thereby the slot, and are not forwarded.
 */
final class ChangeForwarder implements DebeziumEngine.ChangeConsumer<ChangeEvent<byte[], byte[]>> {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeForwarder.class);

    private final Producer<byte[], byte[]> producer;
    private final String heartbeatTopic;
    private final String heartbeatTableTopic;
    private final CaptureMetrics metrics;
    private final SchemaFingerprints schemas = new SchemaFingerprints();

    ChangeForwarder(Producer<byte[], byte[]> producer, String heartbeatTopic, String heartbeatTableTopic,
                    CaptureMetrics metrics) {
        this.producer = producer;
        this.heartbeatTopic = heartbeatTopic;
        this.heartbeatTableTopic = heartbeatTableTopic;
        this.metrics = metrics;
    }

    @Override
    public void handleBatch(List<ChangeEvent<byte[], byte[]>> records,
                            DebeziumEngine.RecordCommitter<ChangeEvent<byte[], byte[]>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        RuntimeException sendFailure = null;
        for (ChangeEvent<byte[], byte[]> record : records) {
            if (isHeartbeat(record)) {
                acks.add(null);
                continue;
            }
            try {
                acks.add(producer.send(withSchemaHeader(record)));
            } catch (RuntimeException e) {
                // Send refused at once (e.g. no metadata within max.block.ms): what was sent before still counts.
                sendFailure = e;
                break;
            }
        }
        for (int i = 0; i < acks.size(); i++) {
            ChangeEvent<byte[], byte[]> record = records.get(i);
            Future<RecordMetadata> ack = acks.get(i);
            if (ack != null) {
                awaitAck(record, ack);
            }
            committer.markProcessed(record);
            metrics.processed(sourceOffset(record), ack != null);
        }
        if (sendFailure != null) {
            throw deliveryFailed(records.get(acks.size()), sendFailure);
        }
        committer.markBatchFinished();
    }

    /** The record for Kafka, tagged with its table's schema fingerprint so the view stage sees schema changes. */
    private ProducerRecord<byte[], byte[]> withSchemaHeader(ChangeEvent<byte[], byte[]> record) {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(record.destination(), record.key(), record.value());
        Header schema = schemas.header(record);
        if (schema != null) {
            out.headers().add(schema);
        }
        return out;
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

    private boolean isHeartbeat(ChangeEvent<byte[], byte[]> record) {
        return heartbeatTopic.equals(record.destination()) || heartbeatTableTopic.equals(record.destination());
    }

    /** Debezium's position for the record (lsn, ts_usec, snapshot flags), when the engine exposes it. */
    private static Map<String, ?> sourceOffset(ChangeEvent<byte[], byte[]> record) {
        return record instanceof EmbeddedEngineChangeEvent<?, ?, ?> event ? event.sourceRecord().sourceOffset() : null;
    }
}
