package io.syncline.cli.reset;

import io.syncline.cdc.BackfillSignal;
import io.syncline.cdc.CaptureOptions;
import io.syncline.cdc.PostgresConnections;
import io.syncline.cdc.SourceReset;
import io.syncline.cli.ExitCodes;
import io.syncline.cli.PipelineFileOption;
import io.syncline.cli.PipelineKafka;
import io.syncline.cli.SinkCalls;
import io.syncline.cli.UnavailableException;
import io.syncline.cli.ViewTopicReader;
import io.syncline.cli.backfill.Backfills;
import io.syncline.cli.verify.ViewVerification;
import io.syncline.config.PipelineSpec;
import io.syncline.config.SinkSpec;
import io.syncline.config.TableName;
import io.syncline.config.ViewSpec;
import io.syncline.daemon.SinkOptionsOf;
import io.syncline.daemon.ViewSchemas;
import io.syncline.processors.plan.ViewPlan;
import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkFactory;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.runner.SinkRunnerOptions;
import io.syncline.sink.runner.ViewDecoder;
import io.syncline.view.Topics;
import io.syncline.view.ViewSchema;
import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code syncline reset -c FILE --source [--yes] [--dry-run]}: the next start captures as a new
 * source generation ({@link SourceReset}); the pipeline must be stopped.
 *
 * <p>{@code syncline reset -c FILE --sink S [--view V] [--yes] [--dry-run]}: rebuilds a sink's targets
 * (every routed view, or one) from the compacted view topics while the daemon runs, for a sink
 * restored from an old backup or changed behind Syncline's back. Prints the plan, asks on the
 * terminal, then per view builds a fresh target, swaps it in atomically and catches up
 * ({@link TargetRebuild}). The daemon's consumer group is never touched.
 *
 * <p>{@code syncline reset -c FILE --view V [--yes] [--dry-run] [--wait S]}: builds a view's
 * documents again after its definition changed ({@link #resetView}).
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"--sink: rebuilds a sink's targets from the view topics while the daemon runs: builds each next to the"
                + " live one, swaps it in atomically (readers never see an empty or partial target), then writes again"
                + " what the daemon wrote to the old one meanwhile.",
                "--source (daemon stopped): the next start takes a new slot and a new snapshot as the next source"
                + " generation, then deletes the documents of rows the source no longer has.",
                "--view (daemon running): builds every document of the view again by its current definition (after a"
                + " join, transform or filter changed) through a backfill, then checks every sink that takes it deeply,"
                + " deleting documents no longer in the view. Each prints its plan and asks first."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"  0:every target rebuilt and swapped in; --view: every sink equals the view (--dry-run: the plan printed)",
                "  1:nothing changed: declined at the question, or the plan says 'refused:' (a target cannot be swapped"
                        + " without a gap; the daemon still runs); --view: the backfill was aborted, or a sink still differs",
                " 64:usage error (unknown option, sink or view; no terminal to ask on and no --yes)",
                " 66:the pipeline file does not exist or cannot be read",
                " 69:PostgreSQL, Kafka or the sink cannot be reached or refused the login",
                " 70:internal error (--verbose prints the stack trace)",
                " 75:--view: a sink could not be checked (it did not catch up within --wait)",
                " 78:the pipeline file has problems (each listed with file and line)"})
public final class ResetCommand implements Callable<Integer> {
    static final int DECLINED = ExitCodes.DIFFERENT;

    @Mixin
    PipelineFileOption pipeline;

    @Option(names = "--sink", paramLabel = "NAME", description = "The sink whose targets to rebuild.")
    String sinkName;

    @Option(names = "--source", description = "Start the source over as a new generation (new slot, new snapshot, sweep).")
    boolean source;

    @Option(names = "--view", paramLabel = "VIEW", description = {"With --sink: only this view's target (default: every view"
            + " the sink takes).", "Alone: build every document of the view again by its current definition (after it"
            + " changed), in every sink that takes it, deleting those no longer in the view."})
    String viewName;

    @Option(names = "--yes", description = "Do not ask; needed without a terminal.")
    boolean yes;

    @Option(names = "--dry-run", description = "Print the plan; change nothing.")
    boolean dryRun;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "120",
            description = "--view: how long to wait for the view stage and each sink to catch up (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Spec
    CommandSpec spec;

    Confirmation confirmation = Confirmation.terminal();

    @Override
    public Integer call() throws Exception {
        if (source ? sinkName != null || viewName != null : sinkName == null && viewName == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "reset one of: --source, --sink S [--view V], --view V");
        }
        PipelineSpec loaded = pipeline.load();
        if (!dryRun && !yes && !confirmation.available()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "reset asks before it changes anything, and there"
                    + " is no terminal to ask on: pass --yes to reset without asking (or --dry-run to see the plan)");
        }
        if (source) {
            return resetSource(loaded);
        }
        return sinkName != null ? resetSink(loaded) : resetView(loaded);
    }

    private int resetSource(PipelineSpec loaded) throws Exception {
        if (loaded.kafka().embedded()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "with the embedded Kafka broker the ledger"
                    + " is reachable only while the daemon runs: stop it, raise source.generation in the pipeline file"
                    + " above the generation it logs ('as source generation N'), and start it: the same reset");
        }
        PrintWriter out = spec.commandLine().getOut();
        CaptureOptions options = CaptureOptions.from(loaded, PipelineKafka.bootstrapServers(loaded));
        try (Connection connection = PostgresConnections.open(loaded.source().postgres())) {
            SourceReset.Plan plan = SourceReset.plan(options, connection);
            out.println("reset of the source of pipeline " + loaded.name() + ":");
            plan.lines().forEach(line -> out.println("  " + line));
            out.println();
            Integer stop = goAhead(out, plan.problem() != null ? "nothing changed" : null,
                    "Start the source over as generation " + plan.next() + "? [y/N] ");
            if (stop != null) {
                return stop;
            }
            SourceReset.apply(options, connection, plan);
            out.println("done: the next start of the daemon snapshots as generation " + plan.next() + " and then sweeps");
            out.flush();
            return ExitCodes.OK;
        }
    }

    /**
     * Builds the view's documents again: a backfill of every table it reads (joined tables first, so
     * their rows are current when the root rows are joined), which the view stage turns into every
     * document again, re-sent with newer versions; then a deep check of every sink that takes the
     * view, which deletes the documents no longer in it (e.g. a filter added) and re-sends any
     * still missing or different.
     */
    private int resetView(PipelineSpec loaded) throws Exception {
        ViewSpec view = loaded.views().stream().filter(v -> v.name().equals(viewName)).findFirst()
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "the pipeline has no view '"
                        + viewName + "'; its views: " + String.join(", ", loaded.views().stream().map(ViewSpec::name).toList())));
        List<TableName> tables = new ArrayList<>(view.tables());
        tables.remove(view.table());
        tables.add(view.table());
        List<SinkSpec> sinks = loaded.sinks().stream()
                .filter(s -> s.views().stream().anyMatch(r -> r.view().equals(view.name()))).toList();
        PrintWriter out = spec.commandLine().getOut();
        out.println("reset of view " + view.name() + " of pipeline " + loaded.name() + ":");
        out.println("  1. the running daemon reads every row of " + tables + " again, in that order, as a backfill"
                + " (chunked, no lock, streaming goes on)");
        out.println("  2. the view stage builds every document of " + view.name() + " again by the view's current"
                + " definition and sends each again, with a newer version, to sinks " + sinks.stream().map(SinkSpec::name).toList());
        out.println("  3. a deep check of each of those sinks against the view topic; documents no longer in the view are"
                + " deleted, any still missing or different are backfilled again");
        out.println();
        Integer stop = goAhead(out, sinks.isEmpty() ? "nothing changed: no sink takes view " + view.name() : null,
                "Build every document of view " + view.name() + " again? [y/N] ");
        if (stop != null) {
            return stop;
        }
        List<ViewPlan> plans = ViewSchemas.plan(loaded);
        try (ViewVerification verification = ViewVerification.open(loaded, plans, ViewSchemas.schemas(plans),
                Duration.ofSeconds(waitSeconds), 20, out)) {
            BackfillSignal backfill = new BackfillSignal("reset-view-" + UUID.randomUUID(), tables, Optional.empty());
            Backfills.Outcome outcome = Backfills.run(loaded, verification.kafka(), backfill, true, out);
            if (outcome != Backfills.Outcome.COMPLETED) {
                out.println("the backfill " + (outcome == Backfills.Outcome.ABORTED ? "was aborted"
                        : "starts when the daemon does") + ": run reset --view again once it has completed");
                out.flush();
                return outcome == Backfills.Outcome.ABORTED ? DECLINED : ExitCodes.OK;
            }
            verification.awaitViewStage();
            int code = verification.run(Map.of(view.name(), sinks), true);
            out.println(code == ExitCodes.OK ? "reset of view " + view.name() + " done: every sink equals the view"
                    : "reset of view " + view.name() + " done, but a sink still differs or could not be checked (above)");
            out.flush();
            return code;
        }
    }

    private int resetSink(PipelineSpec loaded) throws Exception {
        SinkSpec sink = sink(loaded);
        List<SinkSpec.RouteSpec> routes = routes(sink);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, ViewSchema> schemas = ViewSchemas.read(loaded);
        Map<String, Object> kafka = PipelineKafka.clientProperties(loaded, PipelineKafka.bootstrapServers(loaded));
        SinkFactory factory = SinkFactories.discover().forType(sink.type());
        SinkOptions liveOptions = SinkOptionsOf.of(sink, schemas);
        Map<String, ViewTopicReader> readers = new LinkedHashMap<>();
        try (SinkWriter live = factory.create(liveOptions)) {
            ResetPlan plan = plan(loaded, sink, routes, live, kafka, readers);
            out.print(plan.format());
            out.println();
            Integer stop = goAhead(out, plan.refused()
                    ? "nothing changed: a target cannot be swapped without a gap (see 'refused:' above)" : null,
                    "Rebuild " + plan.routes().size() + " target(s) of sink " + sink.name() + "? [y/N] ");
            if (stop != null) {
                return stop;
            }
            SinkCalls.reaching(sink, live, () -> {
                live.prepare();
                return null;
            });
            long started = System.nanoTime();
            List<TargetRebuild.Result> results = new ArrayList<>();
            for (ResetPlan.Route route : plan.routes()) {
                results.add(SinkCalls.reaching(sink, live, () -> rebuild(sink, route, schemas, liveOptions, readers.get(route.view()),
                        live, factory, out)));
            }
            out.printf("%nreset of sink %s done in %.1f s%n", sink.name(), (System.nanoTime() - started) / 1e9);
            for (TargetRebuild.Result result : results) {
                out.printf("  view %s: %s rebuilt from %d records (%d written, %d stale, %d skipped); %d caught up after the"
                                + " swap, %d deletes written again%n", result.view(), liveOptions.targets().get(result.view()),
                        result.rebuilt(), result.written(), result.stale(), result.skipped(), result.caughtUp(), result.redeleted());
            }
            out.flush();
            return ExitCodes.OK;
        } finally {
            readers.values().forEach(ViewTopicReader::close);
        }
    }

    /**
     * After the plan is printed: the exit code when nothing is to change (the plan is {@code refused}
     * with that message, a dry run, or the answer to {@code question} is no); null to go ahead.
     */
    private Integer goAhead(PrintWriter out, String refused, String question) {
        Integer stop = null;
        if (refused != null) {
            out.println(refused);
            stop = DECLINED;
        } else if (dryRun) {
            out.println("dry run: nothing changed");
            stop = ExitCodes.OK;
        } else {
            out.flush();
            if (!yes && !confirmation.confirm(question)) {
                out.println("nothing changed");
                stop = DECLINED;
            }
        }
        out.flush();
        return stop;
    }

    private SinkSpec sink(PipelineSpec loaded) {
        return loaded.sinks().stream().filter(s -> s.name().equals(sinkName)).findFirst()
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "the pipeline has no sink '" + sinkName
                        + "'; its sinks: " + String.join(", ", loaded.sinks().stream().map(SinkSpec::name).toList())));
    }

    private List<SinkSpec.RouteSpec> routes(SinkSpec sink) {
        if (viewName == null) {
            return sink.views();
        }
        return sink.views().stream().filter(r -> r.view().equals(viewName)).findFirst().map(List::of)
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "sink " + sink.name()
                        + " takes no view '" + viewName + "'; it takes: "
                        + String.join(", ", sink.views().stream().map(SinkSpec.RouteSpec::view).toList())));
    }

    private ResetPlan plan(PipelineSpec loaded, SinkSpec sink, List<SinkSpec.RouteSpec> routes, SinkWriter live,
                           Map<String, Object> kafka, Map<String, ViewTopicReader> readers) throws Exception {
        LocalDateTime now = LocalDateTime.now();
        List<ResetPlan.Route> planned = new ArrayList<>();
        for (SinkSpec.RouteSpec route : routes) {
            String topic = Topics.viewTopic(loaded.kafka().topicPrefix(), route.view());
            ViewTopicReader reader = new ViewTopicReader(kafka, topic);
            readers.put(route.view(), reader);
            Map<TopicPartition, Long> beginnings = reader.beginnings();
            Map<TopicPartition, Long> ends = reader.ends();
            if (ends.isEmpty()) {
                throw new UnavailableException("view topic " + topic + " does not exist: the daemon creates it when it"
                        + " first starts", null);
            }
            long records = ends.entrySet().stream().mapToLong(e -> e.getValue() - beginnings.get(e.getKey())).sum();
            String fresh = ResetPlan.freshTarget(route.target(), now);
            String swap = SinkCalls.reaching(sink, live, () -> live.swapPlan(route.view(), fresh));
            planned.add(new ResetPlan.Route(route.view(), topic, route.target(), fresh, swap, records));
        }
        return new ResetPlan(sink.name(), sink.type(), planned);
    }

    private static TargetRebuild.Result rebuild(SinkSpec sink, ResetPlan.Route route, Map<String, ViewSchema> schemas,
                                                SinkOptions liveOptions, ViewTopicReader reader, SinkWriter live,
                                                SinkFactory factory, PrintWriter out) throws Exception {
        String view = route.view();
        SinkOptions freshOptions = new SinkOptions(sink.name(), sink.connection(), Map.of(view, route.freshTarget()),
                Map.of(view, schemas.get(view)), Map.of(view, liveOptions.routeOptions().getOrDefault(view, Map.of())));
        ViewDecoder decoder = new ViewDecoder(Map.of(view, new SinkRunnerOptions.ViewTopic(route.topic(), schemas.get(view))));
        TargetRebuild rebuild = new TargetRebuild(sink.name(), view, route.freshTarget(), reader, decoder,
                sink.batch().maxRecords(), writer -> new ReplayWriter(sink.name(), writer, decoder,
                sink.retry().initialBackoff(), sink.retry().maxBackoff(), out), out);
        return rebuild.run(live, factory, freshOptions);
    }
}
