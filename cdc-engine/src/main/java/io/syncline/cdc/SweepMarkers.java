package io.syncline.cdc;

import io.syncline.view.SnapshotSweeps;
import io.syncline.view.Versions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a new generation's sweep marker ({@link SnapshotSweeps}) to every partition of every change
 * topic once its snapshot is complete: before the first record Debezium streams after it (a change
 * or a heartbeat), which comes after every snapshot record in each partition's order. The ledger
 * records it once Kafka has every marker; until then each start sends them again (the view stage
 * ignores a generation's marker after the first). Also records in the ledger that the
 * generation's slot exists, at the first batch Debezium hands over.
 */
final class SweepMarkers {
    private static final Logger LOG = LoggerFactory.getLogger(SweepMarkers.class);

    private final Producer<byte[], byte[]> producer;
    private final List<String> changeTopics;
    private final CaptureLedger ledger;

    SweepMarkers(Producer<byte[], byte[]> producer, List<String> changeTopics, CaptureLedger ledger) {
        this.producer = producer;
        this.changeTopics = List.copyOf(changeTopics);
        this.ledger = ledger;
    }

    /** Debezium hands over records: the slot exists. */
    void batchReceived() {
        CaptureLedger.Entry entry = ledger.current().orElseThrow();
        if (!entry.slotCreated()) {
            ledger.write(entry.withSlotCreated());
        }
    }

    /**
     * Called before a record is sent on, with Debezium's offset of it ({@code null}: unknown). The
     * first record that is not a snapshot read sends the markers, if they are due, and waits for them.
     */
    void beforeForwarding(Map<String, ?> sourceOffset) throws InterruptedException {
        CaptureLedger.Entry entry = ledger.current().orElseThrow();
        if (entry.swept() || sourceOffset == null || isSnapshotRead(sourceOffset)) {
            return;
        }
        long lsn = sourceOffset.get("lsn") instanceof Long l && l < Versions.LSN_LIMIT ? l : 0;
        byte[] marker = SnapshotSweeps.marker(lsn, System.currentTimeMillis());
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (String topic : changeTopics) {
            for (PartitionInfo partition : producer.partitionsFor(topic)) {
                acks.add(producer.send(new ProducerRecord<>(topic, partition.partition(), null, null, marker,
                        new RecordHeaders().add(Versions.GENERATION_HEADER, Versions.generationHeader(entry.generation())))));
            }
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new ChangeDeliveryException("Kafka did not acknowledge the sweep marker of generation "
                        + entry.generation() + ": " + e.getCause() + "; it is sent again at the next start", e.getCause());
            }
        }
        ledger.write(entry.withSwept());
        LOG.info("Snapshot of generation {} complete: sweep markers sent to {} change topics; the view stage deletes"
                + " the documents of rows of older generations that the snapshot did not read", entry.generation(),
                changeTopics.size());
    }

    /** Debezium's offset of an initial snapshot's record carries {@code snapshot} (e.g. INITIAL or true). */
    private static boolean isSnapshotRead(Map<String, ?> sourceOffset) {
        Object snapshot = sourceOffset.get("snapshot");
        return snapshot != null && !Boolean.FALSE.equals(snapshot) && !"false".equalsIgnoreCase(snapshot.toString());
    }
}
