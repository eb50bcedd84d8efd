package io.syncline.daemon;

import io.syncline.cdc.CaptureEngine;
import io.syncline.cdc.CaptureOptions;
import io.syncline.cdc.SourceRowReader;
import io.syncline.config.PipelineSpec;
import io.syncline.config.SinkSpec;
import io.syncline.processors.ViewStreams;
import io.syncline.processors.plan.ViewPlan;
import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkFactory;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.runner.ErrorPolicy;
import io.syncline.sink.runner.RetryPolicy;
import io.syncline.sink.runner.SinkRunner;
import io.syncline.sink.runner.SinkRunnerOptions;
import io.syncline.view.Topics;
import io.syncline.view.ViewSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private final PipelineSpec spec;
    private final List<AutoCloseable> started = new ArrayList<>();
    private EmbeddedKafkaBroker broker;
    private CaptureEngine capture;
    private ViewStreams views;
    private final Map<String, SinkRunner> sinks = new LinkedHashMap<>();
    private List<ViewPlan> plans;
    private Map<String, ViewSchema> schemas;

    private PipelineRuntime(PipelineSpec spec) {
        this.spec = spec;
    }

    public static PipelineRuntime start(PipelineSpec spec) throws Exception {
        PipelineRuntime runtime = new PipelineRuntime(spec);
        try {
            runtime.startAll();
            return runtime;
        } catch (Exception | Error e) {
            runtime.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        Path stateDir = Files.createDirectories(Path.of(spec.stateDir()));
        String bootstrap;
        if (spec.kafka().embedded()) {
            broker = track(EmbeddedKafkaBroker.start(stateDir.resolve("kafka")));
            bootstrap = broker.bootstrapServers();
        } else {
            bootstrap = spec.kafka().bootstrapServers().orElseThrow();
        }
        plans = ViewSchemas.plan(spec);
        schemas = ViewSchemas.schemas(plans);

        capture = track(CaptureEngine.start(CaptureOptions.from(spec, bootstrap)));

        String viewDeadLetters = Topics.viewDeadLetterTopic(spec.kafka().topicPrefix());
        List<String> deadLetterTopics = new ArrayList<>();
        deadLetterTopics.add(viewDeadLetters);
        spec.sinks().forEach(s -> deadLetterTopics.add(Topics.deadLetterTopic(spec.kafka().topicPrefix(), s.name())));
        try (Admin admin = Admin.create(adminProperties(bootstrap))) {
            ViewTopics.create(admin, spec.views().stream().map(v -> viewTopic(v.name())).toList(), deadLetterTopics,
                    spec.kafka().partitions(), spec.kafka().replicationFactor(), spec.kafka().tombstoneRetention());
        }

        // Its own connection (opened when first needed), for TOASTed values a change left out and the
        // view stage has no copy of; closed after the views that use it.
        SourceRowReader sourceRows = new SourceRowReader(spec.source().postgres());
        views = track(new ViewStreams(new ViewStreams.Options("syncline." + spec.name() + ".views", bootstrap,
                stateDir.resolve("streams"), spec.kafka().replicationFactor(), viewDeadLetters,
                spec.kafka().properties()), plans, sourceRows::read));
        track(sourceRows);
        views.start();

        SinkFactories factories = SinkFactories.discover();
        for (SinkSpec sink : spec.sinks()) {
            SinkRunner runner = track(sinkRunner(sink, factories.forType(sink.type()), bootstrap));
            runner.start();
            sinks.put(sink.name(), runner);
        }
        LOG.info("pipeline {} running: {} views, sinks {}", spec.name(), spec.views().size(), sinks.keySet());
    }

    private SinkRunner sinkRunner(SinkSpec sink, SinkFactory factory, String bootstrap) {
        Map<String, String> targets = new LinkedHashMap<>();
        Map<String, ViewSchema> routed = new LinkedHashMap<>();
        Map<String, SinkRunnerOptions.ViewTopic> topics = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, String>>> routeOptions = new LinkedHashMap<>();
        for (SinkSpec.RouteSpec route : sink.views()) {
            targets.put(route.view(), route.target());
            routeOptions.put(route.view(), route.options());
            routed.put(route.view(), schemas.get(route.view()));
            topics.put(route.view(), new SinkRunnerOptions.ViewTopic(viewTopic(route.view()), schemas.get(route.view())));
        }
        SinkOptions sinkOptions = new SinkOptions(sink.name(), sink.connection(), targets, routed, routeOptions);
        SinkRunnerOptions options = new SinkRunnerOptions(sink.name(), spec.name(), bootstrap,
                spec.kafka().properties(), topics, Topics.deadLetterTopic(spec.kafka().topicPrefix(), sink.name()),
                new SinkRunnerOptions.Batching(sink.batch().maxRecords(), sink.batch().maxBytes(), sink.batch().linger(),
                        sink.batch().maxInFlight()),
                retryPolicy(sink.retry()), errorPolicy(sink.onError()), SinkRunnerOptions.DEFAULT_SHUTDOWN_TIMEOUT);
        return new SinkRunner(options, () -> factory.create(sinkOptions));
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
        if (capture != null && capture.failure().isPresent()) {
            return Optional.of(new Failure("capture", capture.failure().get()));
        }
        if (views != null && views.failure() != null) {
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

    public ViewStreams views() {
        return views;
    }

    public Map<String, SinkRunner> sinks() {
        return sinks;
    }

    /**
     * Stops capture first (its offsets flush), then the views, then the sinks (they commit what
     * they wrote), and the embedded broker last, since all of them talk to it.
     */
    @Override
    public void close() {
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
    }
}
