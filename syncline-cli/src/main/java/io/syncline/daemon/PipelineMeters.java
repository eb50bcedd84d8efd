package io.syncline.daemon;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.syncline.cdc.CaptureEngine;
import io.syncline.cdc.CapturePhase;
import io.syncline.cdc.CaptureStatus;
import io.syncline.cdc.SlotStatus;
import io.syncline.processors.ViewMetrics;
import io.syncline.processors.ViewStreams;
import io.syncline.sink.runner.SinkRunner;
import io.syncline.sink.runner.SinkRunnerMetrics;
import io.syncline.sink.runner.SinkRunnerState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The pipeline's meters, in one Prometheus registry with the common tag {@code pipeline}: JVM and
 * process meters, and the counters capture, the view stage and each sink runner keep already,
 * bound as function counters and gauges (read at scrape time from whichever component runs now:
 * a view stage or sink restarted after a schema change starts its counters from zero, which
 * Prometheus's rate() takes as a reset). The one meter counted here is the end-to-end latency
 * timer per sink, fed by the sink runner when the store acknowledged a written record.
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

    PipelineMeters(PipelineRuntime runtime, String pipeline, List<String> sinks) {
        this.runtime = runtime;
        registry.config().commonTags("pipeline", pipeline);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        bindCapture();
        bindSlot();
        bindViews();
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
        counter("syncline.capture.changes", "Change events (and tombstones) capture delivered to Kafka", Tags.empty(),
                s -> s.recordsSent());
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

    private void bindViews() {
        viewCounter("syncline.view.records.in", "Change events the view stage read", ViewMetrics::changesIn);
        viewCounter("syncline.view.documents.out", "Documents written to view topics", ViewMetrics::documents);
        viewCounter("syncline.view.deletes", "Deletes (tombstones) written to view topics", ViewMetrics::deletes);
        viewCounter("syncline.view.unchanged", "Documents not sent again because a change left them as they were",
                ViewMetrics::unchanged);
        viewCounter("syncline.view.stale", "Change events dropped as already seen (replays)", ViewMetrics::stale);
        viewCounter("syncline.view.dead.lettered", "Records sent to the view stage's dead-letter topic",
                ViewMetrics::deadLettered);
        Gauge.builder("syncline.view.running", runtime, r -> r.views() != null && r.views().failure() == null
                        && r.views().state().isRunningOrRebalancing() ? 1 : 0)
                .description("1 while the view stage runs").strongReference(true).register(registry);
    }

    private void bindSink(String sink) {
        Tags tags = Tags.of("sink", sink);
        sinkCounter(sink, "syncline.sink.records.written", "Records the store now holds", SinkRunnerMetrics::recordsWritten);
        sinkCounter(sink, "syncline.sink.records.stale", "Records the store already held at the same or a newer version",
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

    /** Feeds {@code runner}'s acknowledged records into its sink's latency timer; for every runner started. */
    void attach(String sink, SinkRunner runner) {
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

    private void viewCounter(String name, String description, ToDoubleFunction<ViewMetrics> value) {
        FunctionCounter.builder(name, runtime, r -> {
                    ViewStreams views = r.views();
                    return views == null ? 0 : value.applyAsDouble(views.metrics());
                })
                .description(description).register(registry);
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
        gc.close();
        registry.close();
    }
}
