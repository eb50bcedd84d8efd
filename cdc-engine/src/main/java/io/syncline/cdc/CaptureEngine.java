package io.syncline.cdc;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.JsonByteArray;
import io.syncline.config.TableName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures the source's changes into Kafka change topics ({@code <prefix>.<schema>.<table>}, keyed by
 * primary key, Debezium's JSON envelope without schemas) with an embedded Debezium engine.
 *
 * <p>{@link #start} checks and prepares the source ({@link SourcePreflight}), creates the change topics
 * and runs the engine on its own thread. Offsets advance only over records Kafka acknowledged, so
 * delivery is at least once; after {@link #close()} (graceful) nothing is delivered twice.
 */
public final class CaptureEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureEngine.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final CaptureOptions options;
    private final CaptureMetrics metrics;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Producer<byte[], byte[]> producer;
    private final KafkaCaptureLedger ledger;
    private final DebeziumEngine<ChangeEvent<byte[], byte[]>> engine;
    private final ExecutorService runner;
    private boolean closed;

    private CaptureEngine(CaptureOptions options, KafkaCaptureLedger ledger, Map<TableName, Long> rowEstimates) {
        this.options = options;
        this.ledger = ledger;
        Map<String, CapturedTable> tables = new LinkedHashMap<>();
        options.tables().forEach(t -> tables.put(options.changeTopic(t), new CapturedTable(t, rowEstimates.getOrDefault(t, -1L))));
        this.metrics = new CaptureMetrics(tables);
        this.producer = new KafkaProducer<>(producerProperties(options));
        SweepMarkers sweeps = new SweepMarkers(producer, options.tables().stream().map(options::changeTopic).toList(), ledger);
        ChangeForwarder forwarder = new ChangeForwarder(producer, Set.of(DebeziumProperties.heartbeatTopic(options),
                options.changeTopic(options.heartbeatTable()), options.changeTopic(options.signalTable())),
                options.notificationsTopic(), metrics, options.generation(), sweeps);
        try {
            this.engine = DebeziumEngine.create(JsonByteArray.class)
                    .using(DebeziumProperties.of(options))
                    .using((DebeziumEngine.CompletionCallback) this::engineStopped)
                    .notifying(forwarder)
                    .build();
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            ledger.close();
            throw e;
        }
        this.runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "syncline-capture-" + options.name()));
    }

    /**
     * Prepares the source and Kafka, then starts capturing in the background.
     *
     * @throws PreflightException when the source is not ready (the engine was not started)
     */
    public static CaptureEngine start(CaptureOptions requested) throws SQLException {
        CaptureOptions options;
        KafkaCaptureLedger ledger = null;
        Map<TableName, Long> rowEstimates;
        try (Connection connection = PostgresConnections.open(requested.postgres())) {
            options = new SourcePreflight(connection).prepare(requested);
            rowEstimates = RowEstimates.read(connection, options.tables());
            ChangeTopics.create(options);
            ledger = KafkaCaptureLedger.open(options);
            options = options.withGeneration(chooseGeneration(connection, options, ledger));
        } catch (SQLException | RuntimeException e) {
            if (ledger != null) {
                ledger.close();
            }
            throw e;
        }
        if (options.offsetStorage() == CaptureOptions.OffsetStorage.FILE) {
            createStateDir(options);
        }
        CaptureEngine capture = new CaptureEngine(options, ledger, rowEstimates);
        capture.runner.execute(capture.engine);
        LOG.info("Capturing {} from slot {} into topics {}.* as source generation {} (offsets: {})", options.tables(),
                options.slot(), options.kafka().topicPrefix(), options.generation(), options.offsetStorage());
        return capture;
    }

    /**
     * Decides the source generation ({@link SourceGeneration}), drops a slot that is invalidated or of an
     * older generation, and records the choice in the ledger before Debezium starts.
     */
    private static int chooseGeneration(Connection connection, CaptureOptions options, KafkaCaptureLedger ledger)
            throws SQLException {
        ReplicationSlot slot = ReplicationSlot.of(connection, options.slot());
        SourceGeneration choice = SourceGeneration.decide(ledger.current(), options.generation(), slot,
                options.snapshotMode(), options.slot());
        if (choice.reason() != null) {
            LOG.warn("{}. Capturing as source generation {} now: a new slot and a new snapshot, whose versions beat"
                    + " everything in the sinks; once it is complete, the documents of rows the source no longer has"
                    + " are deleted from every view and sink", choice.reason(), choice.generation());
        }
        if (choice.dropSlot()) {
            LOG.warn("Dropping replication slot {} ({}) before capturing as generation {}", options.slot(),
                    slot == ReplicationSlot.LOST ? "invalidated: its WAL is gone" : "of an older generation",
                    choice.generation());
            ReplicationSlot.drop(connection, options.slot());
        }
        boolean slotExists = slot != ReplicationSlot.ABSENT && !choice.dropSlot();
        List<TableName> added = new ArrayList<>();
        for (TableName table : AddedTables.toBackfill(ledger.current(), choice, options)) {
            String why = BackfillSignal.whyNotBackfillable(table);
            if (why == null) {
                added.add(table);
            } else {
                LOG.warn("Table {} added to the pipeline since the last start is not backfilled: {}", table, why);
            }
        }
        if (!added.isEmpty()) {
            // Debezium snapshots a table added to an existing pipeline only when asked: a backfill.
            new BackfillSignal("added-tables-" + UUID.randomUUID(), added, Optional.empty())
                    .send(connection, options.signalTable());
            LOG.info("Tables added to the pipeline since the last start: {}: backfilling them while streaming goes on",
                    added);
        }
        ledger.write(new CaptureLedger.Entry(choice.generation(), slotExists, !choice.sweepPending(),
                options.tables().stream().map(TableName::toString).toList()));
        return choice.generation();
    }

    public CaptureStatus status() {
        return metrics.status();
    }

    /** Each captured table's change counts and snapshot progress, in the pipeline's order. */
    public Collection<CapturedTable> tables() {
        return metrics.tables();
    }

    /** The producer that sends the change events, e.g. to bind its client metrics; capture closes it. */
    public Producer<byte[], byte[]> producer() {
        return producer;
    }

    /** Why the capture stopped on its own, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(metrics.failure());
    }

    public boolean isRunning() {
        return stopped.getCount() > 0;
    }

    /** Waits until the engine has stopped (closed, failed, or done with a snapshot-only run). */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the engine gracefully (it stores the offsets of every acknowledged record), then the producer. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopEngine();
            runner.shutdown();
            if (!runner.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Capture {} did not stop within {}", options.name(), STOP_TIMEOUT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the capture " + options.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close(STOP_TIMEOUT);
            ledger.close();
        }
        LOG.info("Capture {} stopped: {}", options.name(), metrics.status());
    }

    private void stopEngine() throws IOException {
        if (!isRunning()) {
            return;
        }
        try {
            engine.close();
        } catch (IllegalStateException alreadyStopped) {
            // It failed on its own while we were asking it to stop.
            LOG.debug("Capture {} had already stopped", options.name(), alreadyStopped);
        }
    }

    private void engineStopped(boolean success, String message, Throwable error) {
        if (success && error == null) {
            metrics.stopped();
        } else {
            metrics.failed(error != null ? error : new IllegalStateException(message));
            LOG.error("Capture {} stopped with an error: {}", options.name(), message);
        }
        stopped.countDown();
    }

    private static Properties producerProperties(CaptureOptions options) {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(ChangeTopics.MAX_MESSAGE_BYTES));
        p.putAll(options.kafka().clientProperties());
        // Not overridable: the offsets may only pass records every in-sync replica has.
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka().bootstrapServers());
        p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "syncline-" + options.name() + "-capture");
        p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private static void createStateDir(CaptureOptions options) {
        try {
            Files.createDirectories(options.stateDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + options.stateDir(), e);
        }
    }
}
