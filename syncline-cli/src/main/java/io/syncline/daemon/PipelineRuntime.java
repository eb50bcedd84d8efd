package io.syncline.daemon;

import io.syncline.cdc.CaptureEngine;
import io.syncline.cdc.CaptureLeadership;
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
import io.syncline.view.PublishedSchema;
import io.syncline.view.SchemaDiff;
import io.syncline.view.Topics;
import io.syncline.view.ViewSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All roles of a pipeline in one process, or those {@link PipelineRoles} names: the embedded broker
 * (when no Kafka is configured), capture, the view processors and one runner per sink. Started in
 * data-flow order, stopped in the same order so every stage can flush what the one before it handed over.
 *
 * <p>The views role plans the views from the source's catalog and publishes their schemas on the
 * schemas topic ({@link SchemaPublisher}); the sinks, in whichever process, take them from there
 * ({@link PublishedSchemas}) and are restarted when a routed view's schema version changes. So a
 * process without the views role needs no PostgreSQL, and one with every role works the same way.
 */
public final class PipelineRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRuntime.class);
    private static final Duration SINK_DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final PipelineSpec spec;
    private final List<AutoCloseable> started = new ArrayList<>();
    private EmbeddedKafkaBroker broker;
    private volatile CaptureLeadership captureLeadership;
    /** The capture and slot monitor while this process leads ({@link LeadingCapture}); null otherwise. */
    private volatile CaptureEngine capture;
    private volatile SlotMonitor slotMonitor;
    private volatile ViewStreams views;
    private final Map<String, SinkRunner> sinks = Collections.synchronizedMap(new LinkedHashMap<>());
    /** The schemas each sink runner writes with, by sink and view. */
    private final Map<String, Map<String, PublishedSchema>> sinkSchemas = new ConcurrentHashMap<>();
    private List<ViewPlan> plans;
    private volatile Map<String, ViewSchema> schemas = Map.of();
    /** The views' schemas as this process last published them (views role). */
    private Map<String, PublishedSchema> published;
    private SchemaPublisher publisher;
    private PublishedSchemas schemaFeed;
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
        if (roles.views()) {
            ViewSchemas.Planned planned = ViewSchemas.planned(spec);
            plans = planned.plans();
            tables = planned.tables();
            schemas = ViewSchemas.schemas(plans);
        }

        // Captures now when this process gets the capture lock, else stands by in the background while
        // the other roles start.
        if (roles.capture()) {
            captureLeadership = track(CaptureLeadership.start(spec.source().postgres(), spec.source().slot(),
                    new LeadingCapture()));
        }

        String viewDeadLetters = Topics.viewDeadLetterTopic(spec.kafka().topicPrefix());
        List<String> deadLetterTopics = new ArrayList<>();
        deadLetterTopics.add(viewDeadLetters);
        spec.sinks().forEach(s -> deadLetterTopics.add(Topics.deadLetterTopic(spec.kafka().topicPrefix(), s.name())));
        try (Admin admin = Admin.create(adminProperties(bootstrap))) {
            ViewTopics.create(admin, spec.views().stream().map(v -> viewTopic(v.name())).toList(),
                    List.of(schemaTopic(), Topics.processesTopic(spec.kafka().topicPrefix())),
                    deadLetterTopics, spec.kafka().partitions(), spec.kafka().replicationFactor(),
                    spec.kafka().tombstoneRetention());
        }

        if (roles.views()) {
            publisher = track(SchemaPublisher.open(bootstrap, spec.kafka().properties(), schemaTopic(),
                    "syncline." + spec.name() + ".schemas.publisher"));
            published = publisher.publish(schemas, schemasOnTopic());
            // Its own connection (opened when first needed), for TOASTed values a change left out and the
            // view stage has no copy of; kept across view restarts, closed after the views that use it.
            sourceRows = new SourceRowReader(spec.source().postgres());
            views = track(newViews());
            track(sourceRows);
            startViews();
        }

        if (!sinkNames().isEmpty()) {
            startSinks();
        }
        if (roles.views()) {
            schemaChanges = SchemaChangeWatcher.start(() -> views, this::replan);
        }
        startProcessRegistry();
        LOG.info("pipeline {} running ({}): {} views, sinks {}", spec.name(), roles.describe(), spec.views().size(),
                sinkNames());
    }

    /**
     * Starts every sink this process runs with the schemas on the schemas topic, once each routed view
     * has one (waiting for the views process to publish them), then follows the topic: a routed view's
     * new schema version restarts the sink with it ({@link #restartForSchemaChange}).
     */
    private void startSinks() throws InvalidPipelineException {
        schemaFeed = PublishedSchemas.open(bootstrap, spec.kafka().properties(), schemaTopic(),
                "syncline." + spec.name() + ".schemas");
        List<SinkSpec> here = spec.sinks().stream().filter(s -> roles.runsSink(s.name())).toList();
        Map<String, PublishedSchema> latest = schemaFeed.await(here.stream()
                .flatMap(s -> s.views().stream().map(SinkSpec.RouteSpec::view)).toList());
        SinkFactories factories = SinkFactories.discover();
        if (!roles.views()) {
            // The views process checked every route when it planned; here they are checked against what it published.
            schemas = schemasOf(routed(here, latest));
            RouteChecks.check(spec, schemas, factories);
        }
        for (SinkSpec sink : here) {
            Map<String, PublishedSchema> routed = routed(List.of(sink), latest);
            SinkRunner runner = track(sinkRunner(sink, factories.forType(sink.type()), routed));
            sinkSchemas.put(sink.name(), routed);
            sinks.put(sink.name(), runner);
            runner.start();
        }
        schemaFeed.tail(this::schemasPublished);
    }

    /** The schemas of the views {@code sinks} route, from {@code latest}. */
    private static Map<String, PublishedSchema> routed(List<SinkSpec> sinks, Map<String, PublishedSchema> latest) {
        Map<String, PublishedSchema> routed = new LinkedHashMap<>();
        sinks.forEach(sink -> sink.views().forEach(route -> routed.put(route.view(), latest.get(route.view()))));
        return routed;
    }

    private static Map<String, ViewSchema> schemasOf(Map<String, PublishedSchema> published) {
        Map<String, ViewSchema> schemas = new LinkedHashMap<>();
        published.forEach((view, schema) -> schemas.put(view, schema.schema()));
        return schemas;
    }

    /** The views' schemas on the schemas topic now. */
    private Map<String, PublishedSchema> schemasOnTopic() {
        try (PublishedSchemas onTopic = PublishedSchemas.open(bootstrap, spec.kafka().properties(), schemaTopic(),
                "syncline." + spec.name() + ".schemas.publisher")) {
            return onTopic.readToEnd();
        }
    }

    /** This process on the processes topic, so {@code syncline status --processes} finds every process of the pipeline. */
    private void startProcessRegistry() {
        String host = ProcessRegistry.host();
        long pid = ProcessHandle.current().pid();
        String started = Instant.now().toString();
        String id = host + "/" + pid + "/" + started;
        track(ProcessRegistry.start(Topics.processesTopic(spec.kafka().topicPrefix()), id, adminProperties(bootstrap), () -> new ProcessReport(id, host, pid, roles.describe(), started,
                        Instant.now().toString(), httpAddress().map(a -> "http://" + a.getHostString() + ":" + a.getPort())
                        .orElse(null), capturePhase(), viewTasks(), sinkPartitions())));
    }

    private String capturePhase() {
        if (!roles.capture()) {
            return null;
        }
        CaptureEngine running = capture;
        if (running != null) {
            return running.status().phase().name();
        }
        // Not capturing: standing by for another process, taking over, or still starting.
        return captureLeadership == null ? "STARTING" : captureLeadership.state().name();
    }

    private List<String> viewTasks() {
        ViewStreams running = views;
        if (running == null) {
            return List.of();
        }
        try {
            return running.kafkaStreams().metadataForLocalThreads().stream().flatMap(t -> t.activeTasks().stream())
                    .map(task -> task.taskId().toString()).sorted().toList();
        } catch (IllegalStateException e) { // not running (yet, or any more): it holds no tasks
            return List.of();
        }
    }

    private Map<String, List<String>> sinkPartitions() {
        Map<String, List<String>> held = new LinkedHashMap<>();
        List.copyOf(sinks.entrySet()).forEach(sink -> held.put(sink.getKey(),
                sink.getValue().metrics().lag().keySet().stream().map(Object::toString).toList()));
        return held;
    }

    /** What this process runs while it holds the capture lock: capture, and the slot monitor (its drop_slot stops it). */
    private final class LeadingCapture implements CaptureLeadership.Capture {
        @Override
        public void start() throws SQLException {
            CaptureEngine started = CaptureEngine.start(CaptureOptions.from(spec, bootstrap));
            if (meters != null) {
                meters.captureStarted(started);
            }
            slotMonitor = SlotMonitor.start(spec.source().postgres(), spec.source().slot(), spec.source().walRetention(),
                    started::close);
            capture = started;
        }

        @Override
        public void stop() {
            try {
                capture.close();
            } finally {
                slotMonitor.close();
                capture = null;
                slotMonitor = null;
            }
        }
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
                tables), versions(published));
    }

    private static Map<String, Long> versions(Map<String, PublishedSchema> published) {
        Map<String, Long> versions = new LinkedHashMap<>();
        published.forEach((view, schema) -> versions.put(view, schema.version()));
        return versions;
    }

    /**
     * After the view stage stopped for a source schema change (the event that showed it not
     * committed): plans the views again from the catalog, logs each table's change, publishes the
     * changed schemas, then restarts the view stage, which processes the event again with typed values
     * and puts the new versions on its records. The sinks, here or in other processes, learn the new
     * schemas from the schemas topic and restart with them ({@link #schemasPublished}). Capture runs on.
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
            plans = next.plans();
            tables = next.tables();
            schemas = ViewSchemas.schemas(plans);
            try {
                published = publisher.publish(schemas, schemasOnTopic());
            } catch (ExecutionException | TimeoutException e) {
                schemaChangeFailures.put("view processing", new IllegalStateException("the source's schema changed ("
                        + change.getMessage() + ") and the views' new schemas could not be published on topic "
                        + schemaTopic() + ": " + e.getMessage(), e));
                return;
            }
            views = replace(stopped, newViews());
            startViews();
            LOG.info("views planned again and restarted after the schema change of {}", change.table());
        } catch (RuntimeException e) {
            schemaChangeFailures.put("view processing", new IllegalStateException(
                    "restarting after a source schema change failed: " + e.getMessage(), e));
        }
    }

    /**
     * The schemas topic changed: restarts every sink of this process that routes a view whose schema
     * version is not the one it writes with. On the schemas topic's thread.
     */
    private void schemasPublished(Map<String, PublishedSchema> latest) throws InterruptedException {
        SinkFactories factories = SinkFactories.discover();
        for (SinkSpec sink : spec.sinks()) {
            Map<String, PublishedSchema> running = sinkSchemas.get(sink.name());
            if (running == null || schemaChangeFailures.containsKey("sink " + sink.name())) {
                continue; // not run here, or stopped by a refused change
            }
            Map<String, PublishedSchema> next = new LinkedHashMap<>(running);
            sink.views().forEach(route -> next.computeIfPresent(route.view(), (view, current) -> latest.getOrDefault(view, current)));
            if (!versions(next).equals(versions(running))) {
                try {
                    restartForSchemaChange(sink, factories.forType(sink.type()), running, next);
                } catch (RuntimeException e) {
                    schemaChangeFailures.put("sink " + sink.name(), new IllegalStateException(
                            "restarting after a schema change failed: " + e.getMessage(), e));
                }
            }
        }
        if (!roles.views()) {
            Map<String, ViewSchema> routed = new LinkedHashMap<>(schemas);
            sinkSchemas.values().forEach(sink -> routed.putAll(schemasOf(sink)));
            schemas = routed;
        }
    }

    /**
     * Restarts a sink with its views' new schemas once it wrote every record made with the old ones
     * (it consumes no record made with a newer schema than its own: {@link io.syncline.sink.runner.SchemaHold}),
     * applying its policy to each view whose fields changed ({@link SchemaChangePolicy}: a refused change
     * stops that sink, and with it the pipeline); the new runner's writers add and widen columns and fields.
     */
    private void restartForSchemaChange(SinkSpec sink, SinkFactory factory, Map<String, PublishedSchema> before,
                                        Map<String, PublishedSchema> after) throws InterruptedException {
        List<SchemaDiff> diffs = new ArrayList<>();
        Map<String, String> targets = new LinkedHashMap<>();
        Set<String> changedTopics = new LinkedHashSet<>();
        for (SinkSpec.RouteSpec route : sink.views()) {
            PublishedSchema was = before.get(route.view());
            PublishedSchema now = after.get(route.view());
            if (was.version() != now.version()) {
                changedTopics.add(viewTopic(route.view()));
                LOG.info("sink {}: view {} has a new schema, version {} (was {}); restarting the sink with it once it"
                        + " wrote what was made with the old one", sink.name(), route.view(), now.version(), was.version());
            }
            SchemaDiff diff = SchemaDiff.of(was.schema(), now.schema());
            if (!diff.isEmpty()) {
                diffs.add(diff);
                targets.put(diff.view(), route.target());
            }
        }
        SinkRunner running = sinks.get(sink.name());
        // Views whose schema is the same go on as they are: their records need not wait for the restart.
        SinkDrain.await(sink.name(), running, changedTopics, SINK_DRAIN_TIMEOUT);
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
        SinkRunner restarted = replace(running, sinkRunner(sink, factory, after));
        sinkSchemas.put(sink.name(), after);
        sinks.put(sink.name(), restarted);
        restarted.start();
    }

    /** Synchronized, as {@link #track}: the view stage and the sinks are replaced on threads of their own. */
    private synchronized <T extends AutoCloseable> T replace(AutoCloseable old, T component) {
        started.set(started.indexOf(old), component);
        return component;
    }

    /** A runner of {@code sink} that writes with {@code routed}, the schemas of the views it routes. */
    private SinkRunner sinkRunner(SinkSpec sink, SinkFactory factory, Map<String, PublishedSchema> routed) {
        Map<String, SinkRunnerOptions.ViewTopic> topics = new LinkedHashMap<>();
        for (SinkSpec.RouteSpec route : sink.views()) {
            PublishedSchema schema = routed.get(route.view());
            topics.put(route.view(), new SinkRunnerOptions.ViewTopic(viewTopic(route.view()), schema.schema(), schema.version()));
        }
        SinkOptions sinkOptions = SinkOptionsOf.of(sink, schemasOf(routed));
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

    private String schemaTopic() {
        return Topics.schemaTopic(spec.kafka().topicPrefix());
    }

    private String viewTopic(String view) {
        return Topics.viewTopic(spec.kafka().topicPrefix(), view);
    }

    private Map<String, Object> adminProperties(String bootstrap) {
        Map<String, Object> properties = new LinkedHashMap<>(spec.kafka().properties());
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return properties;
    }

    private synchronized <T extends AutoCloseable> T track(T component) {
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
        if (captureLeadership != null && captureLeadership.failure().isPresent()) {
            return Optional.of(new Failure("capture", captureLeadership.failure().get()));
        }
        if (schemaFeed != null && schemaFeed.failure().isPresent()) {
            return Optional.of(new Failure("schemas", schemaFeed.failure().get()));
        }
        SlotMonitor monitor = slotMonitor;
        if (monitor != null && monitor.dropped().isPresent()) {
            return Optional.of(new Failure("capture", monitor.dropped().get()));
        }
        CaptureEngine engine = capture;
        if (engine != null && engine.failure().isPresent()) {
            return Optional.of(new Failure("capture", engine.failure().get()));
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

    /** The views' schemas: as planned here (views role), else as published for the views this process's sinks route. */
    public Map<String, ViewSchema> schemas() {
        return schemas;
    }

    /** The capture this process runs: null before it starts, and while it stands by for another process's. */
    public CaptureEngine capture() {
        return capture;
    }

    /** Whether this process leads capture or stands by; empty without the capture role (or before it started). */
    public Optional<CaptureLeadership> captureLeadership() {
        return Optional.ofNullable(captureLeadership);
    }

    /** The last reading of the pipeline's replication slot (retained WAL against source.walRetention). */
    public SlotStatus slot() {
        SlotMonitor monitor = slotMonitor;
        return monitor != null ? monitor.status()
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
        // Before the sinks: it restarts them on a schema change.
        if (schemaFeed != null) {
            schemaFeed.close();
            schemaFeed = null;
        }
        List<AutoCloseable> order;
        synchronized (this) {
            order = new ArrayList<>(started);
        }
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
