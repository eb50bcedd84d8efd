package io.syncline.daemon;

import io.syncline.cdc.CaptureEngine;
import io.syncline.cdc.CaptureOptions;
import io.syncline.cdc.SlotMonitor;
import io.syncline.cdc.SlotStatus;
import io.syncline.cdc.SourceRowReader;
import io.syncline.cdc.TableSchema;
import io.syncline.config.InvalidPipelineException;
import io.syncline.config.PipelineSpec;
import io.syncline.config.SinkSpec;
import io.syncline.config.TableName;
import io.syncline.config.ViewSpec;
import io.syncline.processors.SourceSchemaChangedException;
import io.syncline.processors.ViewStreams;
import io.syncline.processors.plan.ViewPlan;
import io.syncline.sink.SchemaChangePolicy;
import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkFactory;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.runner.ErrorPolicy;
import io.syncline.sink.runner.RetryPolicy;
import io.syncline.sink.runner.SinkRunner;
import io.syncline.sink.runner.SinkRunnerOptions;
import io.syncline.view.SchemaDiff;
import io.syncline.view.Topics;
import io.syncline.view.ViewSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All roles of a pipeline in one process: the embedded broker (when no Kafka is configured),
 * capture, the view processors and one runner per sink. Started in data-flow order, stopped in
 * the same order so every stage can flush what the one before it handed over.
 */
public final class PipelineRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRuntime.class);
    private static final Duration SINK_DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final PipelineSpec spec;
    private final List<AutoCloseable> started = new ArrayList<>();
    private EmbeddedKafkaBroker broker;
    private CaptureEngine capture;
    private SlotMonitor slotMonitor;
    private volatile ViewStreams views;
    private final Map<String, SinkRunner> sinks = new LinkedHashMap<>();
    private List<ViewPlan> plans;
    private volatile Map<String, ViewSchema> schemas;
    private Map<TableName, TableSchema> tables;
    private String bootstrap;
    private Path stateDir;
    private SchemaChangeWatcher schemaChanges;
    private SourceRowReader sourceRows;
    /** Why a source schema change stopped the pipeline or a sink (see {@link #replan}), by component. */
    private final Map<String, Throwable> schemaChangeFailures = new ConcurrentHashMap<>();
    private final PipelineRoles roles;
    private PipelineMeters meters;
    private HttpEndpoint http;

    private PipelineRuntime(PipelineSpec spec, PipelineRoles roles) {
        this.spec = spec;
        this.roles = roles;
    }

    /** The whole pipeline in this process. */
    public static PipelineRuntime start(PipelineSpec spec) throws Exception {
        return start(spec, PipelineRoles.all());
    }

    /** The parts {@code roles} names; the others run in other processes sharing the pipeline's Kafka. */
    public static PipelineRuntime start(PipelineSpec spec, PipelineRoles roles) throws Exception {
        PipelineRuntime runtime = new PipelineRuntime(spec, roles);
        try {
            runtime.startAll();
            return runtime;
        } catch (Exception | Error e) {
            runtime.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        startHttp();
        stateDir = Files.createDirectories(Path.of(spec.stateDir()));
        if (spec.kafka().embedded()) {
            broker = track(EmbeddedKafkaBroker.start(stateDir.resolve("kafka")));
            bootstrap = broker.bootstrapServers();
        } else {
            bootstrap = spec.kafka().bootstrapServers().orElseThrow();
        }
        ViewSchemas.Planned planned = ViewSchemas.planned(spec);
        plans = planned.plans();
        tables = planned.tables();
        schemas = ViewSchemas.schemas(plans);

        if (roles.capture()) {
            capture = track(CaptureEngine.start(CaptureOptions.from(spec, bootstrap)));
            if (meters != null) {
                meters.captureStarted(capture);
            }
            CaptureEngine started = capture;
            slotMonitor = track(SlotMonitor.start(spec.source().postgres(), spec.source().slot(),
                    spec.source().walRetention(), started::close));
        }

        String viewDeadLetters = Topics.viewDeadLetterTopic(spec.kafka().topicPrefix());
        List<String> deadLetterTopics = new ArrayList<>();
        deadLetterTopics.add(viewDeadLetters);
        spec.sinks().forEach(s -> deadLetterTopics.add(Topics.deadLetterTopic(spec.kafka().topicPrefix(), s.name())));
        try (Admin admin = Admin.create(adminProperties(bootstrap))) {
            ViewTopics.create(admin, spec.views().stream().map(v -> viewTopic(v.name())).toList(), deadLetterTopics,
                    spec.kafka().partitions(), spec.kafka().replicationFactor(), spec.kafka().tombstoneRetention());
        }

        // Its own connection (opened when first needed), for TOASTed values a change left out and the
        // view stage has no copy of; kept across view restarts, closed after the views that use it.
        if (roles.views()) {
            sourceRows = new SourceRowReader(spec.source().postgres());
            views = track(newViews());
            track(sourceRows);
            startViews();
        }

        SinkFactories factories = SinkFactories.discover();
        for (SinkSpec sink : spec.sinks()) {
            if (roles.runsSink(sink.name())) {
                SinkRunner runner = track(sinkRunner(sink, factories.forType(sink.type()), bootstrap));
                runner.start();
                sinks.put(sink.name(), runner);
            }
        }
        if (roles.views()) {
            schemaChanges = SchemaChangeWatcher.start(() -> views, this::replan);
        }
        LOG.info("pipeline {} running ({}): {} views, sinks {}", spec.name(), roles.describe(), spec.views().size(),
                sinks.keySet());
    }

    /**
     * The HTTP endpoint (health, metrics, status), first, so /health/live answers and /health/ready
     * says what is still starting while capture prepares the source.
     */
    private void startHttp() throws java.io.IOException {
        if (!spec.http().enabled()) {
            return;
        }
        meters = new PipelineMeters(this, spec.name(), spec.source().tables().stream().map(TableName::toString).toList(),
                spec.views().stream().map(ViewSpec::name).toList(), sinkNames());
        PipelineStatus status = new PipelineStatus();
        http = HttpEndpoint.start(spec.http(), new HttpEndpoint.Source() {
            @Override
            public PipelineHealth.Readiness readiness() {
                return PipelineHealth.of(PipelineRuntime.this);
            }

            @Override
            public Map<String, Object> status() {
                return status.of(PipelineRuntime.this, spec.name());
            }

            @Override
            public String metrics() {
                return meters.scrape();
            }
        });
    }

    private void startViews() {
        if (meters != null) {
            meters.viewsStarted(views);
        }
        views.start();
    }

    /** The view stage for the current plans, checking every change event's table schema against them. */
    private ViewStreams newViews() {
        Map<String, TableName> tablesByTopic = new LinkedHashMap<>();
        spec.source().tables().forEach(t -> tablesByTopic.put(
                Topics.changeTopic(spec.kafka().topicPrefix(), t.schema(), t.table()), t));
        return new ViewStreams(new ViewStreams.Options(viewStageGroup(spec), bootstrap,
                stateDir.resolve("streams"), spec.kafka().replicationFactor(),
                Topics.viewDeadLetterTopic(spec.kafka().topicPrefix()), spec.kafka().properties()), plans,
                sourceRows::read, new CatalogSchemaWatch(spec.source().postgres(), spec.source().excludedColumns(), tablesByTopic,
                tables), Map.of());
    }

    /**
     * After the view stage stopped for a source schema change (the event that showed it not
     * committed): plans the views again from the catalog, logs each table's change, lets every sink
     * whose views changed write what the views made before, applies its policy
     * ({@link SchemaChangePolicy}: a refused change stops that sink, and with it the pipeline) and
     * restarts it with the new schemas (its writer's prepare adds and widens columns and fields),
     * then restarts the view stage, which processes the event again with typed values. Capture runs on.
     */
    private void replan(SourceSchemaChangedException change) throws InterruptedException {
        try {
            ViewStreams stopped = views;
            stopped.close();
            ViewSchemas.Planned next;
            try {
                next = ViewSchemas.planned(spec);
            } catch (InvalidPipelineException | SQLException e) {
                schemaChangeFailures.put("view processing", new IllegalStateException("the source's schema changed ("
                        + change.getMessage() + ") and the views cannot be planned with it: " + e.getMessage()
                        + ". Change the pipeline file to fit the tables and restart", e));
                return;
            }
            next.tables().forEach((table, schema) -> {
                TableChange tableChange = TableChange.of(tables.get(table), schema);
                if (!tableChange.isEmpty()) {
                    LOG.info("source schema change: {}", tableChange.describe());
                }
            });
            Map<String, ViewSchema> before = schemas;
            plans = next.plans();
            tables = next.tables();
            schemas = ViewSchemas.schemas(plans);
            SinkFactories factories = SinkFactories.discover();
            for (SinkSpec sink : spec.sinks()) {
                restartForSchemaChange(sink, factories.forType(sink.type()), before);
            }
            views = replace(stopped, newViews());
            startViews();
            LOG.info("views planned again and restarted after the schema change of {}", change.table());
        } catch (RuntimeException e) {
            schemaChangeFailures.put("view processing", new IllegalStateException(
                    "restarting after a source schema change failed: " + e.getMessage(), e));
        }
    }

    /** Restarts a sink whose views' fields changed, once it wrote what it had; or stops it when its policy refuses. */
    private void restartForSchemaChange(SinkSpec sink, SinkFactory factory, Map<String, ViewSchema> before)
            throws InterruptedException {
        List<SchemaDiff> diffs = new ArrayList<>();
        Map<String, String> targets = new LinkedHashMap<>();
        for (SinkSpec.RouteSpec route : sink.views()) {
            SchemaDiff diff = SchemaDiff.of(before.get(route.view()), schemas.get(route.view()));
            if (!diff.isEmpty()) {
                diffs.add(diff);
                targets.put(diff.view(), route.target());
            }
        }
        if (diffs.isEmpty()) {
            return;
        }
        SinkRunner running = sinks.get(sink.name());
        SinkDrain.await(sink.name(), running, SINK_DRAIN_TIMEOUT);
        running.close();
        SchemaChangePolicy policy = SchemaChangePolicy.of(sink.connection());
        for (SchemaDiff diff : diffs) {
            LOG.info("sink {} ({}: {}): {}", sink.name(), SchemaChangePolicy.OPTION_NAME, policy.option(), diff.describe());
            Optional<String> refusal = policy.refusal(sink.name(), targets.get(diff.view()), diff);
            if (refusal.isPresent()) {
                schemaChangeFailures.put("sink " + sink.name(), new IllegalStateException(refusal.get()));
                return;
            }
        }
        SinkRunner restarted = replace(running, sinkRunner(sink, factory, bootstrap));
        sinks.put(sink.name(), restarted);
        restarted.start();
    }

    private <T extends AutoCloseable> T replace(AutoCloseable old, T component) {
        started.set(started.indexOf(old), component);
        return component;
    }

    private SinkRunner sinkRunner(SinkSpec sink, SinkFactory factory, String bootstrap) {
        Map<String, SinkRunnerOptions.ViewTopic> topics = new LinkedHashMap<>();
        for (SinkSpec.RouteSpec route : sink.views()) {
            topics.put(route.view(), new SinkRunnerOptions.ViewTopic(viewTopic(route.view()), schemas.get(route.view())));
        }
        SinkOptions sinkOptions = SinkOptionsOf.of(sink, schemas);
        SinkRunnerOptions options = new SinkRunnerOptions(sink.name(), spec.name(), bootstrap,
                spec.kafka().properties(), topics, Topics.deadLetterTopic(spec.kafka().topicPrefix(), sink.name()),
                new SinkRunnerOptions.Batching(sink.batch().maxRecords(), sink.batch().maxBytes(), sink.batch().linger(),
                        sink.batch().maxInFlight()),
                retryPolicy(sink.retry()), errorPolicy(sink.onError()), SinkRunnerOptions.DEFAULT_SHUTDOWN_TIMEOUT);
        SinkRunner runner = new SinkRunner(options, () -> factory.create(sinkOptions));
        if (meters != null) {
            meters.attach(sink.name(), runner);
        }
        return runner;
    }

    static RetryPolicy retryPolicy(SinkSpec.RetrySpec retry) {
        return new RetryPolicy(retry.initialBackoff(), retry.maxBackoff(), retry.maxAttempts(), retry.maxTime());
    }

    static ErrorPolicy errorPolicy(SinkSpec.ErrorSpec onError) {
        return new ErrorPolicy(action(onError.rejected()), action(onError.retriesExhausted()));
    }

    private static ErrorPolicy.Action action(SinkSpec.ErrorAction action) {
        return switch (action) {
            case DEADLETTER -> ErrorPolicy.Action.DEAD_LETTER;
            case STOP -> ErrorPolicy.Action.STOP;
        };
    }

    private String viewTopic(String view) {
        return Topics.viewTopic(spec.kafka().topicPrefix(), view);
    }

    private Map<String, Object> adminProperties(String bootstrap) {
        Map<String, Object> properties = new LinkedHashMap<>(spec.kafka().properties());
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return properties;
    }

    private <T extends AutoCloseable> T track(T component) {
        started.add(component);
        return component;
    }

    /** A component that stopped with an error: {@code capture}, {@code view processing} or {@code sink NAME}. */
    public record Failure(String component, Throwable error) {
    }

    /** The component that stopped with an error, if one did: the pipeline cannot go on. */
    public Optional<Failure> stoppedWith() {
        for (Map.Entry<String, Throwable> failed : schemaChangeFailures.entrySet()) {
            return Optional.of(new Failure(failed.getKey(), failed.getValue()));
        }
        if (slotMonitor != null && slotMonitor.dropped().isPresent()) {
            return Optional.of(new Failure("capture", slotMonitor.dropped().get()));
        }
        if (capture != null && capture.failure().isPresent()) {
            return Optional.of(new Failure("capture", capture.failure().get()));
        }
        // A stop for a schema change is not a failure: the views are being planned again.
        if (views != null && views.failure() != null && SourceSchemaChangedException.in(views.failure()).isEmpty()) {
            return Optional.of(new Failure("view processing", views.failure()));
        }
        for (Map.Entry<String, SinkRunner> sink : sinks.entrySet()) {
            if (sink.getValue().failure().isPresent()) {
                return Optional.of(new Failure("sink " + sink.getKey(), sink.getValue().failure().get()));
            }
        }
        return Optional.empty();
    }

    /** Why the pipeline cannot go on, if a component stopped with an error. */
    public Optional<String> failure() {
        return stoppedWith().map(f -> f.component() + " failed: " + f.error());
    }

    public Map<String, ViewSchema> schemas() {
        return schemas;
    }

    public CaptureEngine capture() {
        return capture;
    }

    /** The last reading of the pipeline's replication slot (retained WAL against source.walRetention). */
    public SlotStatus slot() {
        return slotMonitor != null ? slotMonitor.status()
                : new SlotStatus(SlotStatus.State.UNKNOWN, spec.source().slot(), false, null, -1, -1, -1,
                        spec.source().walRetention().budgetBytes(), 0, null);
    }

    public ViewStreams views() {
        return views;
    }

    public Map<String, SinkRunner> sinks() {
        return sinks;
    }

    /** The sinks of the pipeline file this process runs, in its order (started or not). */
    public List<String> sinkNames() {
        return spec.sinks().stream().map(SinkSpec::name).filter(roles::runsSink).toList();
    }

    /** The parts of the pipeline this process runs. */
    public PipelineRoles roles() {
        return roles;
    }

    /** Where the HTTP endpoint listens; empty when it is switched off ({@code http.enabled: false}). */
    public Optional<java.net.InetSocketAddress> httpAddress() {
        return Optional.ofNullable(http).map(HttpEndpoint::address);
    }

    /** The pipeline's meters; empty when the HTTP endpoint is switched off. */
    public Optional<PipelineMeters> meters() {
        return Optional.ofNullable(meters);
    }

    /**
     * Stops capture first (its offsets flush), then the views, then the sinks (they commit what
     * they wrote), and the embedded broker last, since all of them talk to it.
     */
    @Override
    public void close() {
        if (http != null) {
            http.close();
            http = null;
        }
        if (schemaChanges != null) {
            schemaChanges.close();
        }
        List<AutoCloseable> order = new ArrayList<>(started);
        if (broker != null && order.remove(broker)) {
            order.add(broker);
        }
        for (AutoCloseable component : order) {
            try {
                component.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", component.getClass().getSimpleName(), e.toString());
            }
        }
        started.clear();
        if (meters != null) {
            meters.close();
        }
    }

    /** The view stage's Kafka Streams application id, which is also its consumer group. */
    public static String viewStageGroup(PipelineSpec spec) {
        return "syncline." + spec.name() + ".views";
    }
}
