package io.syncline.daemon;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.syncline.cdc.CaptureEngine;
import io.syncline.cdc.CapturePhase;
import io.syncline.cdc.CaptureStatus;
import io.syncline.cdc.CapturedTable;
import io.syncline.cdc.SlotStatus;
import io.syncline.processors.ViewCounters;
import io.syncline.processors.ViewStreams;
import io.syncline.sink.runner.KafkaClientObserver;
import io.syncline.sink.runner.SinkRunner;
import io.syncline.sink.runner.SinkRunnerMetrics;
import io.syncline.sink.runner.SinkRunnerState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The pipeline's meters, in one Prometheus registry with the common tag {@code pipeline}: JVM and
 * process meters, and the counters capture, the view stage and each sink runner keep already,
 * bound as function counters and gauges (read at scrape time from whichever component runs now:
 * a view stage or sink restarted after a schema change starts its counters from zero, which
 * Prometheus's rate() takes as a reset). The one meter counted here is the end-to-end latency
 * timer per sink, fed by the sink runner when the store acknowledged a written record. Capture's
 * meters are per table, the view stage's per view, the sinks' per sink. The Kafka clients' own
 * meters (capture's producer, the view stage's Kafka Streams, each sink's consumer and dead-letter
 * producer) are bound while their component runs, without the per-broker, per-partition and
 * per-task detail ({@link KafkaMeterFilter}).
 *
 * <p>Function counters hold the runtime weakly; the runtime holds these meters. Other meters (e.g. the source slot's retention) are bound here too.
 */
public final class PipelineMeters implements AutoCloseable {
    /** The end-to-end latency's Prometheus name is {@code syncline_end_to_end_latency_seconds}. */
    static final String LATENCY = "syncline.end.to.end.latency";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PipelineRuntime runtime;
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** Refreshes the Kafka clients' meters (clients add metrics as they meet topics and brokers): one thread for all. */
    private final ScheduledExecutorService kafkaRefresh = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "syncline-kafka-meters");
        thread.setDaemon(true);
        return thread;
    });
    /** The Kafka client binders of the components running now, closed when their component stops. */
    private final Set<AutoCloseable> kafkaBinders = ConcurrentHashMap.newKeySet();
    private KafkaStreamsMetrics viewsBinder;
    private KafkaClientMetrics captureBinder;

    /** {@code tables}: the captured tables as the pipeline file names them ({@code schema.table}). */
    PipelineMeters(PipelineRuntime runtime, String pipeline, List<String> tables, List<String> views, List<String> sinks) {
        this.runtime = runtime;
        registry.config().commonTags("pipeline", pipeline);
        registry.config().meterFilter(KafkaMeterFilter.INSTANCE);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        bindCapture();
        tables.forEach(this::bindTable);
        bindSlot();
        bindViewStage();
        views.forEach(this::bindView);
        sinks.forEach(this::bindSink);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    private void bindCapture() {
        counter("syncline.capture.errors", "Records Kafka did not acknowledge, and errors that stopped capture",
                Tags.empty(), s -> s.errors());
        captureGauge("syncline.capture.snapshot.running", "1 while capture reads the tables' existing rows", null,
                Tags.empty(), s -> s.snapshotRunning() ? 1 : 0);
        for (CapturePhase phase : CapturePhase.values()) {
            captureGauge("syncline.capture.phase", "1 for capture's current phase", null, Tags.of("phase", phase.name()),
                    s -> s.phase() == phase ? 1 : 0);
        }
        captureGauge("syncline.capture.source.lag", "Time since the source committed the last change capture delivered"
                + " (heartbeats keep it low while tables are idle)", "seconds", Tags.empty(),
                s -> s.lastSourceTimeMs() <= 0 ? Double.NaN : Math.max(0, System.currentTimeMillis() - s.lastSourceTimeMs()) / 1000.0);
    }

    /** A table's change events per operation, and its snapshot's progress in this run. */
    private void bindTable(String table) {
        Tags tags = Tags.of("table", table);
        for (char op : CapturedTable.OPERATIONS.toCharArray()) {
            FunctionCounter.builder("syncline.capture.changes", runtime, r -> capturedTable(r, table)
                            .map(t -> (double) t.changes(op)).orElse(0.0))
                    .description("Change events of the table capture delivered to Kafka, by operation (c create, u update,"
                            + " d delete, r read by a snapshot or backfill, t truncate)")
                    .tags(tags.and("op", String.valueOf(op))).register(registry);
        }
        Gauge.builder("syncline.capture.snapshot.rows.read", runtime, r -> capturedTable(r, table)
                        .map(t -> (double) t.snapshotRowsRead()).orElse(Double.NaN))
                .description("Rows of the table this run's snapshot read so far").tags(tags).strongReference(true)
                .register(registry);
        Gauge.builder("syncline.capture.snapshot.rows.estimate", runtime, r -> capturedTable(r, table)
                        .filter(t -> t.snapshotRowsEstimate() >= 0).map(t -> (double) t.snapshotRowsEstimate()).orElse(Double.NaN))
                .description("PostgreSQL's estimate of the table's rows when capture started (pg_class.reltuples; NaN: none)")
                .tags(tags).strongReference(true).register(registry);
        for (CapturedTable.SnapshotState state : CapturedTable.SnapshotState.values()) {
            Gauge.builder("syncline.capture.snapshot.state", runtime, r -> capturedTable(r, table)
                            .map(t -> t.snapshotState() == state ? 1.0 : 0.0).orElse(Double.NaN))
                    .description("1 for where this run's snapshot is with the table (NONE: streaming without a snapshot)")
                    .tags(tags.and("state", state.name())).strongReference(true).register(registry);
        }
    }

    private static Optional<CapturedTable> capturedTable(PipelineRuntime runtime, String table) {
        CaptureEngine capture = runtime.capture();
        return capture == null ? Optional.empty()
                : capture.tables().stream().filter(t -> t.table().toString().equals(table)).findFirst();
    }

    /** The replication slot's last reading ({@link SlotStatus}); NaN where it is unknown. */
    private void bindSlot() {
        slotGauge("syncline.slot.retained", "WAL PostgreSQL keeps for the pipeline's slot", "bytes", s -> s.retainedBytes());
        slotGauge("syncline.slot.confirmed.flush.lag", "WAL the capture has not confirmed to PostgreSQL yet", "bytes",
                s -> s.confirmedFlushLagBytes());
        slotGauge("syncline.slot.retention.budget", "source.walRetention.budget (0: none)", "bytes", s -> s.budgetBytes());
        Gauge.builder("syncline.slot.active", runtime, r -> r.slot().active() ? 1 : 0)
                .description("1 while a process streams from the slot").strongReference(true).register(registry);
        for (SlotStatus.State state : SlotStatus.State.values()) {
            Gauge.builder("syncline.slot.state", runtime, r -> r.slot().state() == state ? 1 : 0)
                    .description("1 for the slot's state against the WAL-retention budget").tags("state", state.name())
                    .strongReference(true).register(registry);
        }
    }

    private void slotGauge(String name, String description, String unit, ToDoubleFunction<SlotStatus> value) {
        Gauge.builder(name, runtime, r -> {
                    double v = value.applyAsDouble(r.slot());
                    return v < 0 ? Double.NaN : v;
                })
                .description(description).baseUnit(unit).strongReference(true).register(registry);
    }

    private void bindViewStage() {
        Gauge.builder("syncline.view.running", runtime, r -> r.views() != null && r.views().failure() == null
                        && r.views().state().isRunningOrRebalancing() ? 1 : 0)
                .description("1 while the view stage runs").strongReference(true).register(registry);
    }

    private void bindView(String view) {
        viewCounter(view, "syncline.view.records.in", "Change events of the view's tables the view stage read for it",
                ViewCounters::recordsIn);
        viewCounter(view, "syncline.view.documents.out", "Documents written to the view's topic", ViewCounters::documents);
        viewCounter(view, "syncline.view.deletes", "Deletes (tombstones) written to the view's topic", ViewCounters::deletes);
        viewCounter(view, "syncline.view.unchanged", "Documents not sent again because a change left them as they were",
                ViewCounters::unchanged);
        viewCounter(view, "syncline.view.stale", "Change events dropped as already seen (replays)", ViewCounters::stale);
        viewCounter(view, "syncline.view.dead.lettered", "Records of the view sent to the view stage's dead-letter topic",
                ViewCounters::deadLettered);
    }

    private void bindSink(String sink) {
        Tags tags = Tags.of("sink", sink);
        sinkCounter(sink, "syncline.sink.records.written", "Records the store now holds", SinkRunnerMetrics::recordsWritten);
        sinkCounter(sink, "syncline.sink.records.stale", "Records not written: the store already held the same or a newer version, or the same batch held a newer one",
                SinkRunnerMetrics::recordsStale);
        sinkCounter(sink, "syncline.sink.records.dead.lettered", "Records sent to the sink's dead-letter topic",
                SinkRunnerMetrics::recordsDeadLettered);
        sinkCounter(sink, "syncline.sink.retries", "Retry rounds of writes (and of preparing) that failed transiently",
                SinkRunnerMetrics::retries);
        sinkCounter(sink, "syncline.sink.batches", "Batches handed to a writer", SinkRunnerMetrics::batches);
        Gauge.builder("syncline.sink.lag", runtime, r -> sinkValue(r, sink,
                        s -> s.metrics().lag().values().stream().mapToLong(Long::longValue).sum()))
                .description("Records of the sink's view topics not yet acknowledged by the store").baseUnit("records")
                .tags(tags).strongReference(true).register(registry);
        // Not "syncline.sink.lag" with another unit: Micrometer tells meters apart by name and tags only.
        Gauge.builder("syncline.sink.lag.seconds", runtime, r -> sinkValue(r, sink, s -> s.metrics().lagSeconds(System.currentTimeMillis())))
                .description("How far behind the source the sink is: 0 when caught up, else now minus the source commit time"
                        + " of the newest record the store acknowledged since records started waiting")
                .baseUnit("seconds").tags(tags).strongReference(true).register(registry);
        Gauge.builder("syncline.sink.unreachable", runtime, r -> sinkValue(r, sink, s -> s.metrics().unreachable().isPresent() ? 1 : 0))
                .description("1 while the idle sink's check finds its store not answering")
                .tags(tags).strongReference(true).register(registry);
        Gauge.builder("syncline.sink.retrying", runtime, r -> sinkValue(r, sink, s -> s.metrics().retryingOn().isPresent() ? 1 : 0))
                .description("1 while the sink retries writes that failed transiently (e.g. its store is unreachable)")
                .tags(tags).strongReference(true).register(registry);
        Gauge.builder("syncline.sink.running", runtime, r -> sinkValue(r, sink, s -> s.state() == SinkRunnerState.RUNNING
                        && s.failure().isEmpty() ? 1 : 0))
                .description("1 while the sink runner consumes and writes").tags(tags).strongReference(true).register(registry);
        latency.put(sink, Timer.builder(LATENCY)
                .description("From the source's commit of a change to the sink's store acknowledging it, per written record")
                .tags(tags).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1)).register(registry));
    }

    /**
     * Feeds {@code runner}'s acknowledged records into its sink's latency timer, and binds its Kafka
     * clients' meters while they are open; for every runner made, before it starts.
     */
    void attach(String sink, SinkRunner runner) {
        runner.observeClients(new KafkaClientObserver() {
            @Override
            public AutoCloseable consumerOpened(Consumer<?, ?> consumer) {
                return bind(new KafkaClientMetrics(consumer, Tags.empty(), kafkaRefresh));
            }

            @Override
            public AutoCloseable producerOpened(Producer<?, ?> producer) {
                return bind(new KafkaClientMetrics(producer, Tags.empty(), kafkaRefresh));
            }
        });
        Timer timer = latency.get(sink);
        if (timer == null) {
            return;
        }
        runner.metrics().onAcknowledged((view, sourceTimestampMs, acknowledgedAtMs) -> {
            if (sourceTimestampMs > 0) {
                timer.record(Math.max(0, acknowledgedAtMs - sourceTimestampMs), TimeUnit.MILLISECONDS);
            }
        });
    }

    /**
     * Binds capture's producer's meters in place of those of an earlier capture of this daemon (one that
     * lost the capture lock and took it again): the new producer's client id is the same, so are its meters.
     */
    synchronized void captureStarted(CaptureEngine capture) {
        if (captureBinder != null) {
            unbind(captureBinder);
        }
        KafkaClientMetrics binder = new KafkaClientMetrics(capture.producer(), Tags.empty(), kafkaRefresh);
        bind(binder);
        captureBinder = binder;
    }

    /**
     * Binds the view stage's Kafka Streams meters in place of those of the stage it replaces (after a
     * schema change). The old ones go first: the new stage's clients have the same ids, so the same meters.
     */
    synchronized void viewsStarted(ViewStreams views) {
        if (viewsBinder != null) {
            unbind(viewsBinder);
        }
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(views.kafkaStreams(), Tags.empty(), kafkaRefresh);
        bind(binder);
        viewsBinder = binder;
    }

    /** Binds a Kafka client's meters; closing the binder (or the handle returned) removes them. */
    private <B extends MeterBinder & AutoCloseable> AutoCloseable bind(B binder) {
        binder.bindTo(registry);
        kafkaBinders.add(binder);
        return () -> unbind(binder);
    }

    private void unbind(AutoCloseable binder) {
        if (kafkaBinders.remove(binder)) {
            try {
                binder.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not remove a Kafka client's meters", e);
            }
        }
    }

    private void counter(String name, String description, Tags tags, ToDoubleFunction<CaptureStatus> value) {
        FunctionCounter.builder(name, runtime, r -> {
                    CaptureEngine capture = r.capture();
                    return capture == null ? 0 : value.applyAsDouble(capture.status());
                })
                .description(description).tags(tags).register(registry);
    }

    private void captureGauge(String name, String description, String unit, Tags tags, ToDoubleFunction<CaptureStatus> value) {
        Gauge.builder(name, runtime, r -> {
                    CaptureEngine capture = r.capture();
                    return capture == null ? Double.NaN : value.applyAsDouble(capture.status());
                })
                .description(description).baseUnit(unit).tags(tags).strongReference(true).register(registry);
    }

    private void viewCounter(String view, String name, String description, ToDoubleFunction<ViewCounters> value) {
        FunctionCounter.builder(name, runtime, r -> {
                    ViewStreams views = r.views();
                    return views == null ? 0 : value.applyAsDouble(views.metrics().view(view));
                })
                .description(description).tags("view", view).register(registry);
    }

    private void sinkCounter(String sink, String name, String description, ToDoubleFunction<SinkRunnerMetrics> value) {
        FunctionCounter.builder(name, runtime, r -> {
                    double counted = sinkValue(r, sink, s -> value.applyAsDouble(s.metrics()));
                    return Double.isNaN(counted) ? 0 : counted;
                })
                .description(description).tags("sink", sink).register(registry);
    }

    private static double sinkValue(PipelineRuntime runtime, String sink, Function<SinkRunner, Number> value) {
        SinkRunner runner = runtime.sinks().get(sink);
        return runner == null ? Double.NaN : value.apply(runner).doubleValue();
    }

    @Override
    public void close() {
        kafkaBinders.forEach(this::unbind);
        kafkaRefresh.shutdownNow();
        gc.close();
        registry.close();
    }
}
