package io.syncline.cli;

import io.syncline.cdc.PostgresConnections;
import io.syncline.config.PipelineSpec;
import io.syncline.config.JoinSpec;
import io.syncline.config.SinkSpec;
import io.syncline.config.TransformSpec;
import io.syncline.config.ViewSpec;
import io.syncline.daemon.ViewSchemas;
import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.SinkWriter;
import io.syncline.view.ViewSchema;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code syncline verify -c FILE}: per view, the row count of its table in the source next to the
 * document count in every sink that takes it (one document per row of the view's table; views with
 * a filter or a required join are listed but not compared). Exit 0 when all agree, 1 on a
 * difference, 69 when the source or a sink cannot be reached (a sink error its writer
 * {@linkplain SinkWriter#classify classifies} as {@link io.syncline.sink.Disposition#RETRY RETRY}: unreachable, timed
 * out, overloaded).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Compares per-view counts in the source and in every sink; exit 1 on a difference.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"  0:every compared count is equal", ExitCodes.HELP_DIFFERENT, ExitCodes.HELP_USAGE,
                ExitCodes.HELP_NO_INPUT, " 69:PostgreSQL or a sink cannot be reached or refused the login",
                ExitCodes.HELP_SOFTWARE, ExitCodes.HELP_CONFIG})
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    PipelineFileOption pipeline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PipelineSpec loaded = pipeline.load();
        Map<String, ViewSchema> schemas = ViewSchemas.read(loaded);
        Map<String, Long> source = sourceCounts(loaded);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-16s %-14s %-20s %12s %12s  %s%n", "view", "sink", "target", "source", "sink", "");
        boolean allEqual = true;
        SinkFactories factories = SinkFactories.discover();
        for (SinkSpec sink : loaded.sinks()) {
            Map<String, String> targets = new LinkedHashMap<>();
            Map<String, ViewSchema> routed = new LinkedHashMap<>();
            Map<String, Map<String, Map<String, String>>> routeOptions = new LinkedHashMap<>();
            sink.views().forEach(r -> {
                targets.put(r.view(), r.target());
                routeOptions.put(r.view(), r.options());
                routed.put(r.view(), schemas.get(r.view()));
            });
            try (SinkWriter writer = factories.forType(sink.type())
                    .create(new SinkOptions(sink.name(), sink.connection(), targets, routed, routeOptions))) {
                SinkCalls.reaching(sink, writer, () -> {
                    writer.prepare();
                    return null;
                });
                for (SinkSpec.RouteSpec route : sink.views()) {
                    long inSink = SinkCalls.reaching(sink, writer, () -> writer.count(route.view()));
                    Long inSource = source.get(route.view());
                    if (inSource == null) {
                        out.printf("%-16s %-14s %-20s %12s %12d  %s%n", route.view(), sink.name(), route.target(),
                                "-", inSink, "not compared (filtered view)");
                        continue;
                    }
                    boolean equal = inSink == inSource;
                    allEqual &= equal;
                    out.printf("%-16s %-14s %-20s %12d %12d  %s%n", route.view(), sink.name(), route.target(),
                            inSource, inSink, equal ? "ok" : "DIFFERENT");
                }
            }
        }
        out.flush();
        return allEqual ? ExitCodes.OK : ExitCodes.DIFFERENT;
    }

    private static boolean filtered(ViewSpec view) {
        return view.transforms().stream().anyMatch(t -> t instanceof TransformSpec.Filter)
                || view.joins().stream().anyMatch(JoinSpec::required);
    }

    private static Map<String, Long> sourceCounts(PipelineSpec spec) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = PostgresConnections.open(spec.source().postgres());
             Statement statement = connection.createStatement()) {
            for (ViewSpec view : spec.views()) {
                if (filtered(view)) {
                    continue; // its documents are a subset of the rows that only the transforms can tell
                }
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM \"" + view.table().schema()
                        + "\".\"" + view.table().table() + "\"")) {
                    rs.next();
                    counts.put(view.name(), rs.getLong(1));
                }
            }
        }
        return counts;
    }
}
