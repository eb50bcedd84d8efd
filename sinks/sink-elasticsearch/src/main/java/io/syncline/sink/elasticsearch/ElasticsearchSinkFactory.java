package io.syncline.sink.elasticsearch;

import io.syncline.sink.ConnectionOption;
import io.syncline.sink.SinkFactory;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.SinkProblem;
import io.syncline.sink.SinkWriter;
import java.nio.charset.StandardCharsets;
import io.syncline.view.ViewSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code elasticsearch} sink: views routed to indices ({@code index:} in the pipeline file).
 * Connection options: {@code url} (required, http or https), {@code username} and
 * {@code password} (together or not at all), {@code numberOfShards} (default 1),
 * {@code numberOfReplicas} (default 1; 0 on a single node), {@code versionType}
 * ({@code external}, the default, or {@code external_gte}), {@code refreshInterval} (the indices'
 * {@code refresh_interval}; left to Elasticsearch by default).
 */
public final class ElasticsearchSinkFactory implements SinkFactory {
    // Elasticsearch's own rules for index names, so a bad name is reported before anything starts.
    private static final Pattern FORBIDDEN_INDEX_CHARS = Pattern.compile("[\\\\/*?\"<>| ,#:]");
    private static final int MAX_INDEX_NAME_BYTES = 255;

    @Override
    public String type() {
        return "elasticsearch";
    }

    @Override
    public String targetKey() {
        return "index";
    }

    @Override
    public List<ConnectionOption> connectionOptions() {
        return ElasticsearchSinkOptions.OPTIONS;
    }

    @Override
    public List<ConnectionOption> routeOptions() {
        return ElasticsearchRouteOptions.OPTIONS;
    }

    @Override
    public List<SinkProblem> validateRoute(Map<String, Map<String, String>> options, ViewSchema schema) {
        return ElasticsearchRouteOptions.problems(options, schema);
    }

    @Override
    public List<SinkProblem> validate(SinkOptions options) {
        List<SinkProblem> problems = new ArrayList<>(ElasticsearchSinkOptions.problems(options.connection()));
        options.targets().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(route -> indexNameProblem(route.getValue()).ifPresent(message ->
                        problems.add(new SinkProblem("views." + route.getKey() + ".index", message))));
        return problems;
    }

    @Override
    public SinkWriter create(SinkOptions options) {
        Map<String, Map<String, JsonFieldMapping>> jsonMappings = new LinkedHashMap<>();
        options.targets().keySet().forEach(view -> jsonMappings.put(view,
                ElasticsearchRouteOptions.mappings(options.routeOption(view, ElasticsearchRouteOptions.MAPPINGS))));
        return new ElasticsearchSinkWriter(options.name(), ElasticsearchSinkOptions.from(options.name(), options.connection()),
                options.targets(), options.schemas(), jsonMappings);
    }

    static Optional<String> indexNameProblem(String index) {
        String message = null;
        if (index == null || index.isEmpty()) {
            message = "an index name is required";
        } else if (!index.equals(index.toLowerCase(Locale.ROOT))) {
            message = "index names are lowercase: '" + index + "'";
        } else if (FORBIDDEN_INDEX_CHARS.matcher(index).find()) {
            message = "index names cannot contain \\ / * ? \" < > | space , # or : ('" + index + "')";
        } else if (index.startsWith("-") || index.startsWith("_") || index.startsWith("+")) {
            message = "index names cannot start with -, _ or + ('" + index + "')";
        } else if (index.equals(".") || index.equals("..")) {
            message = "'" + index + "' is not an index name";
        } else if (index.getBytes(StandardCharsets.UTF_8).length > MAX_INDEX_NAME_BYTES) {
            message = "index names are at most " + MAX_INDEX_NAME_BYTES + " bytes";
        }
        return Optional.ofNullable(message);
    }
}
