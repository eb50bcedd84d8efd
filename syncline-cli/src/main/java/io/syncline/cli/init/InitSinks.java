package io.syncline.cli.init;

import io.syncline.daemon.SinkFactoryCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sinks of the file {@code syncline init} writes: one per {@code --sink}, named after its type
 * ({@code mongodb}, then {@code mongodb-2}, ...), with every view routed to a target named after it.
 *
 * @param sinks    as the template writes them
 * @param secrets  variable → value of the passwords moved out of the file, for the self-check
 * @param warnings what to set before {@code run}
 */
record InitSinks(List<PipelineTemplate.Sink> sinks, Map<String, String> secrets, List<String> warnings) {

    static InitSinks build(List<SinkArgument> arguments, List<PipelineTemplate.View> views, String pipelineName,
            SinkFactoryCatalog catalog) {
        List<PipelineTemplate.Sink> sinks = new ArrayList<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Integer> perType = new HashMap<>();
        for (SinkArgument argument : arguments) {
            int n = perType.merge(argument.type(), 1, Integer::sum);
            String sinkName = n == 1 ? argument.type() : argument.type() + "-" + n;
            String variable = "SYNCLINE_" + argument.type().toUpperCase(Locale.ROOT) + (n == 1 ? "" : "_" + n);
            SinkConnection connection = SinkConnection.of(argument, sinkName, variable, pipelineName, catalog);
            connection.secrets().forEach(secrets::putIfAbsent);
            warnings.addAll(connection.warnings());
            String targetKey = catalog.targetKey(argument.type()).orElseThrow();
            sinks.add(new PipelineTemplate.Sink(sinkName, argument.type(), targetKey, connection.options(),
                    targets(targetKey, views)));
        }
        return new InitSinks(sinks, secrets, warnings);
    }

    /** View → target: the view's name as the store allows it, numbered when two come out the same. */
    private static Map<String, String> targets(String targetKey, List<PipelineTemplate.View> views) {
        Map<String, String> targets = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (PipelineTemplate.View view : views) {
            String targetName = InitNames.target(targetKey, view.name());
            String unique = targetName;
            for (int i = 2; !used.add(unique); i++) {
                unique = targetName + "_" + i;
            }
            targets.put(view.name(), unique);
        }
        return targets;
    }
}
