package io.syncline.daemon;

import io.syncline.config.SinkCatalog;
import io.syncline.config.SinkConnectionProblem;
import io.syncline.config.schema.ConfigKey;
import io.syncline.config.schema.ValueType;
import io.syncline.sink.ConnectionOption;
import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkFactory;
import io.syncline.sink.SinkOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The sink factories on the classpath, as the config loader's catalog of sink types. */
public final class SinkFactoryCatalog implements SinkCatalog {
    private final SinkFactories factories;

    private SinkFactoryCatalog(SinkFactories factories) {
        this.factories = factories;
    }

    public static SinkFactoryCatalog discover() {
        return new SinkFactoryCatalog(SinkFactories.discover());
    }

    @Override
    public Set<String> types() {
        return factories.types();
    }

    @Override
    public Optional<String> targetKey(String type) {
        return factories.types().contains(type) ? Optional.of(factories.forType(type).targetKey()) : Optional.empty();
    }

    @Override
    public List<ConfigKey> connectionOptions(String type) {
        return factories.types().contains(type)
                ? factories.forType(type).connectionOptions().stream().map(SinkFactoryCatalog::configKey).toList()
                : List.of();
    }

    private static ConfigKey configKey(ConnectionOption option) {
        ValueType type = switch (option.kind()) {
            case TEXT -> ValueType.TEXT;
            case INT -> ValueType.between(option.min(), option.max());
            case BOOLEAN -> ValueType.BOOL;
            case CHOICE -> ValueType.oneOf(option.choices());
            case CHOICE_MAP -> new ValueType.ChoiceMap(option.choices());
        };
        // A choice map's default is per entry (the mode of names not listed), not a value of the key: the description says it.
        String defaultValue = option.kind() == ConnectionOption.Kind.CHOICE_MAP ? null : option.defaultValue();
        return new ConfigKey(option.name(), type, option.required(), defaultValue, option.description(), option.secret());
    }

    @Override
    public List<ConfigKey> routeOptions(String type) {
        return factories.types().contains(type)
                ? factories.forType(type).routeOptions().stream().map(SinkFactoryCatalog::configKey).toList()
                : List.of();
    }

    @Override
    public List<SinkConnectionProblem> validateRoute(String type, Map<String, Map<String, String>> options) {
        return factories.forType(type).validateRoute(options, null).stream()
                .map(p -> new SinkConnectionProblem(p.keyPath(), p.message()))
                .toList();
    }

    @Override
    public List<SinkConnectionProblem> validate(String type, Map<String, String> connection) {
        SinkFactory factory = factories.forType(type);
        return factory.validate(new SinkOptions("(validation)", connection, Map.of(), Map.of())).stream()
                .map(p -> new SinkConnectionProblem(p.keyPath(), p.message()))
                .toList();
    }
}
