package io.syncline.cli.verify;

import io.syncline.cdc.PostgresConnections;
import io.syncline.cdc.Sql;
import io.syncline.cli.ExitCodes;
import io.syncline.cli.PipelineFileOption;
import io.syncline.cli.SinkCalls;
import io.syncline.config.JoinSpec;
import io.syncline.config.PipelineSpec;
import io.syncline.config.SinkSpec;
import io.syncline.config.TransformSpec;
import io.syncline.config.ViewSpec;
import io.syncline.daemon.SinkOptionsOf;
import io.syncline.daemon.ViewSchemas;
import io.syncline.processors.plan.ViewPlan;
import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkWriter;
import io.syncline.view.ViewSchema;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code syncline verify -c FILE [--deep [--repair]] [--view V]... [--sink S]...}. Without
 * {@code --deep}: per view, the row count of its table in the source next to the document count in
 * every sink (views with a filter or a required join are listed, not compared). With
 * {@code --deep}: every document's content in every sink against the view topic ({@link
 * DeepVerify}), listing missing, extra and different documents; {@code --repair} then puts exactly
 * those right ({@link KeyRepair}) and checks the repaired views again.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Compares the sinks with the source: per-view counts, or with --deep every document's content.",
                "--deep reads each view's topic up to its end when the check starts, waits until each sink has written"
                        + " that far, then reads every document of the sink; documents changed meanwhile are not reported."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"  0:equal: every compared count (--deep: document) is the same",
                "  1:different: a count or a document differs (--repair: still differs after the repair)",
                ExitCodes.HELP_USAGE, ExitCodes.HELP_NO_INPUT,
                " 69:could not check: PostgreSQL, Kafka or a sink cannot be reached or refused the login",
                ExitCodes.HELP_SOFTWARE,
                " 75:could not check: a sink did not write the view topic up to the bound within --wait",
                ExitCodes.HELP_CONFIG})
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    PipelineFileOption pipeline;

    @Option(names = "--deep", description = "Compare every document's content, not counts.")
    boolean deep;

    @Option(names = "--repair", description = "With --deep: backfill the missing and different documents, delete the"
            + " extra ones, then check again. Needs the daemon running.")
    boolean repair;

    @Option(names = "--view", paramLabel = "VIEW", description = "Only this view; repeatable (default: every view).")
    List<String> views = List.of();

    @Option(names = "--sink", paramLabel = "SINK", description = "Only this sink; repeatable (default: every sink).")
    List<String> sinks = List.of();

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long --deep waits for a sink (and --repair for the view stage) to catch up (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Option(names = "--show", paramLabel = "N", defaultValue = "20",
            description = "--deep lists at most N documents of each kind of difference per view and sink (default: ${DEFAULT-VALUE}).")
    int show;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (repair && !deep) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--repair repairs what --deep finds: add --deep");
        }
        PipelineSpec loaded = pipeline.load();
        List<String> unknown = new ArrayList<>();
        views.stream().filter(v -> loaded.views().stream().noneMatch(x -> x.name().equals(v))).forEach(v -> unknown.add("view " + v));
        sinks.stream().filter(s -> loaded.sinks().stream().noneMatch(x -> x.name().equals(s))).forEach(s -> unknown.add("sink " + s));
        if (!unknown.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the pipeline has no " + String.join(", no ", unknown));
        }
        List<ViewPlan> plans = ViewSchemas.plan(loaded);
        Map<String, ViewSchema> schemas = ViewSchemas.schemas(plans);
        PrintWriter out = spec.commandLine().getOut();
        int code = deep ? deep(loaded, plans, schemas, out) : counts(loaded, schemas, out);
        out.flush();
        return code;
    }

    /** Per view in scope, the sinks in scope that take it. */
    private Map<String, List<SinkSpec>> routes(PipelineSpec loaded) {
        Map<String, List<SinkSpec>> routes = new LinkedHashMap<>();
        for (ViewSpec view : loaded.views()) {
            if (!views.isEmpty() && !views.contains(view.name())) {
                continue;
            }
            List<SinkSpec> taking = loaded.sinks().stream().filter(s -> sinks.isEmpty() || sinks.contains(s.name()))
                    .filter(s -> s.views().stream().anyMatch(r -> r.view().equals(view.name()))).toList();
            if (!taking.isEmpty()) {
                routes.put(view.name(), taking);
            }
        }
        return routes;
    }

    private int deep(PipelineSpec loaded, List<ViewPlan> plans, Map<String, ViewSchema> schemas, PrintWriter out)
            throws Exception {
        try (ViewVerification verification = ViewVerification.open(loaded, plans, schemas, Duration.ofSeconds(waitSeconds),
                show, out)) {
            return verification.run(routes(loaded), repair);
        }
    }

    private int counts(PipelineSpec loaded, Map<String, ViewSchema> schemas, PrintWriter out) throws Exception {
        Map<String, List<SinkSpec>> routes = routes(loaded);
        Map<String, Long> source = sourceCounts(loaded, routes);
        out.printf("%-16s %-14s %-20s %12s %12s  %s%n", "view", "sink", "target", "source", "sink", "");
        boolean allEqual = true;
        SinkFactories factories = SinkFactories.discover();
        for (SinkSpec sink : loaded.sinks()) {
            if (routes.values().stream().noneMatch(l -> l.contains(sink))) {
                continue;
            }
            try (SinkWriter writer = factories.forType(sink.type()).create(SinkOptionsOf.of(sink, schemas))) {
                SinkCalls.reaching(sink, writer, () -> {
                    writer.prepare();
                    return null;
                });
                for (SinkSpec.RouteSpec route : sink.views()) {
                    if (!routes.getOrDefault(route.view(), List.of()).contains(sink)) {
                        continue;
                    }
                    long inSink = SinkCalls.reaching(sink, writer, () -> writer.count(route.view()));
                    Long inSource = source.get(route.view());
                    if (inSource == null) {
                        out.printf("%-16s %-14s %-20s %12s %12d  %s%n", route.view(), sink.name(), route.target(),
                                "-", inSink, "not compared (filtered view: verify --deep compares it)");
                        continue;
                    }
                    boolean equal = inSink == inSource;
                    allEqual &= equal;
                    out.printf("%-16s %-14s %-20s %12d %12d  %s%n", route.view(), sink.name(), route.target(),
                            inSource, inSink, equal ? "ok" : "DIFFERENT");
                }
            }
        }
        return allEqual ? ExitCodes.OK : ExitCodes.DIFFERENT;
    }

    private static boolean filtered(ViewSpec view) {
        return view.transforms().stream().anyMatch(t -> t instanceof TransformSpec.Filter)
                || view.joins().stream().anyMatch(JoinSpec::required);
    }

    private static Map<String, Long> sourceCounts(PipelineSpec spec, Map<String, List<SinkSpec>> routes) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = PostgresConnections.open(spec.source().postgres());
             Statement statement = connection.createStatement()) {
            for (ViewSpec view : spec.views()) {
                if (filtered(view) || !routes.containsKey(view.name())) {
                    continue; // a filtered view's documents are a subset of the rows that only the transforms can tell
                }
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + Sql.table(view.table()))) {
                    rs.next();
                    counts.put(view.name(), rs.getLong(1));
                }
            }
        }
        return counts;
    }
}
