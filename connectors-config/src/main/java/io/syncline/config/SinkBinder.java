package io.syncline.config;

import io.syncline.config.schema.ConfigKey;
import io.syncline.config.schema.PipelineModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Binds {@code sinks:} to {@link SinkSpec}s. The sink type decides which route key names a
 * view's target ({@code index}, {@code collection}, {@code table}), so the catalog is asked here.
 */
final class SinkBinder {

    private final Problems problems;
    private final SinkCatalog catalog;
    /** Every type's target key: one of them under the wrong type gets a precise message. */
    private final List<String> allTargetKeys;

    SinkBinder(Problems problems, SinkCatalog catalog) {
        this.problems = problems;
        this.catalog = catalog;
        TreeSet<String> keys = new TreeSet<>();
        catalog.types().forEach(type -> catalog.targetKey(type).ifPresent(keys::add));
        this.allTargetKeys = List.copyOf(keys);
    }

    /** One spec per item, in file order, so that index {@code i} is {@code sinks[i]}. */
    List<SinkSpec> bind(MappingReader pipeline) {
        return pipeline.mappings("sinks", PipelineModel.SINK, this::sink);
    }

    private SinkSpec sink(MappingReader sink) {
        String name = sink.requiredString("name");
        Names.checkName(name, sink.pathOf("name"), problems);
        String type = sink.requiredString("type");
        if (type != null && !catalog.types().contains(type)) {
            problems.at(sink.pathOf("type"), "unknown sink type '" + type + "'" + Suggestions.didYouMean(type, catalog.types())
                    + Suggestions.listing("available types", catalog.types()));
            type = null;
        }
        Optional<String> targetKey = type == null ? Optional.empty() : catalog.targetKey(type);
        List<SinkSpec.RouteSpec> routes = new ArrayList<>();
        List<YamlNode> items = sink.requiredList("views");
        for (int i = 0; i < items.size(); i++) {
            routes.add(route(items.get(i), KeyPaths.item(sink.pathOf("views"), i), type, targetKey));
        }
        return new SinkSpec(name, type, sink.stringMap("connection"), List.copyOf(routes),
                batch(sink.mapping("batch", PipelineModel.BATCH)), retry(sink.mapping("retry", PipelineModel.RETRY)),
                onError(sink.mapping("onError", PipelineModel.ON_ERROR)));
    }

    /** Without a known type (reported elsewhere) any type's target key is taken, unchecked. */
    private SinkSpec.RouteSpec route(YamlNode node, String path, String type, Optional<String> targetKey) {
        List<String> keys = node instanceof YamlNode.Mapping mapping
                ? mapping.entries().stream().map(YamlNode.Entry::key).toList() : List.of();
        List<String> wrongTargetKeys = targetKey.isEmpty() ? List.of()
                : keys.stream().filter(allTargetKeys::contains).filter(key -> !key.equals(targetKey.get())).toList();
        List<String> targetKeys = new ArrayList<>(targetKey.map(List::of).orElse(allTargetKeys));
        targetKeys.addAll(wrongTargetKeys);
        boolean targetRequired = targetKey.isPresent() && wrongTargetKeys.isEmpty();
        List<ConfigKey> options = type == null ? allRouteOptions() : catalog.routeOptions(type);
        MappingReader route = MappingReader.of(node, path, problems, PipelineModel.route("route", targetKeys, targetRequired, options));
        List<String> allowed = new ArrayList<>(List.of(PipelineModel.ROUTE_VIEW));
        allowed.addAll(targetKeys);
        for (String wrong : wrongTargetKeys) {
            problems.atKey(route.pathOf(wrong), "sinks of type " + type + " name their target with '" + targetKey.get()
                    + "', not '" + wrong + "'");
        }
        String view = route.requiredString(PipelineModel.ROUTE_VIEW);
        String target;
        if (targetRequired) {
            target = route.requiredString(targetKey.get());
        } else {
            target = allowed.stream().skip(1).map(key -> route.string(key, null)).filter(Objects::nonNull).findFirst().orElse(null);
        }
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        for (ConfigKey option : options) {
            Map<String, String> value = route.choiceMap(option.name());
            if (!value.isEmpty()) {
                values.put(option.name(), value);
            }
        }
        if (type != null && !problems.reportedUnder(path)) {
            for (SinkConnectionProblem problem : catalog.validateRoute(type, values)) {
                problems.at(KeyPaths.child(path, problem.keyPath()), problem.message());
            }
        }
        return new SinkSpec.RouteSpec(view, target, values, problems.sourceRef(path));
    }

    /** Without a known type, every type's route options are accepted (by name, first one wins). */
    private List<ConfigKey> allRouteOptions() {
        Map<String, ConfigKey> byName = new LinkedHashMap<>();
        new TreeSet<>(catalog.types()).forEach(t -> catalog.routeOptions(t).forEach(key -> byName.putIfAbsent(key.name(), key)));
        return List.copyOf(byName.values());
    }

    private SinkSpec.BatchSpec batch(MappingReader batch) {
        return new SinkSpec.BatchSpec(batch.integer("maxRecords"), batch.integer("maxBytes"), batch.duration("linger"),
                batch.integer("maxInFlight"));
    }

    private SinkSpec.RetrySpec retry(MappingReader retry) {
        SinkSpec.RetrySpec spec = new SinkSpec.RetrySpec(retry.integer("maxAttempts"), retry.duration("maxTime"),
                retry.duration("initialBackoff"), retry.duration("maxBackoff"));
        if (spec.initialBackoff().isZero()) {
            problems.at(retry.pathOf("initialBackoff"), "must be more than 0");
        } else if (spec.maxBackoff().compareTo(spec.initialBackoff()) < 0) {
            problems.at(retry.pathOf("maxBackoff"), "must not be below initialBackoff (" + spec.initialBackoff().toMillis() + "ms)");
        }
        return spec;
    }

    private SinkSpec.ErrorSpec onError(MappingReader onError) {
        return new SinkSpec.ErrorSpec(errorAction(onError, "rejected", SinkSpec.ErrorSpec.DEFAULT.rejected()),
                errorAction(onError, "retriesExhausted", SinkSpec.ErrorSpec.DEFAULT.retriesExhausted()));
    }

    /** The action under {@code key}; {@code fallback} when it is missing (the model's default) or wrong (reported). */
    private SinkSpec.ErrorAction errorAction(MappingReader onError, String key, SinkSpec.ErrorAction fallback) {
        String text = onError.string(key, fallback.yamlName());
        for (SinkSpec.ErrorAction action : SinkSpec.ErrorAction.values()) {
            if (action.yamlName().equals(text)) {
                return action;
            }
        }
        problems.at(onError.pathOf(key), "'" + text + "' is not an action" + Suggestions.didYouMean(text, PipelineModel.ERROR_ACTIONS)
                + Suggestions.listing("allowed", PipelineModel.ERROR_ACTIONS));
        return fallback;
    }
}
