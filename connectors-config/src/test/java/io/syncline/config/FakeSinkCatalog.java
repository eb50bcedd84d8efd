package io.syncline.config;

import static io.syncline.config.schema.ConfigKey.optional;
import static io.syncline.config.schema.ConfigKey.required;

import io.syncline.config.schema.ConfigKey;
import io.syncline.config.schema.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The three sink types as the real factories describe them: target keys and connection options
 * (syncline-cli's PipelineSchemaFileTest checks the real ones against the shipped schema). One
 * difference, kept for the tests that rely on it: here clickhouse's {@code database} is required.
 * Unknown connection options are not reported (the real factories do), so tests may pass any.
 */
final class FakeSinkCatalog implements SinkCatalog {

    private record Type(String targetKey, List<ConfigKey> options) {
    }

    private static final Map<String, Type> TYPES = Map.of(
            "elasticsearch", new Type("index", List.of(
                    required("url", ValueType.TEXT, "The node to talk to: http or https."),
                    optional("username", ValueType.TEXT, null, "Basic-auth user."),
                    optional("password", ValueType.TEXT, null, "Basic-auth password.").asSecret(),
                    optional("numberOfShards", ValueType.between(1, 1024), "1", "For indices this sink creates."),
                    optional("numberOfReplicas", ValueType.between(0, 1024), "1", "For indices this sink creates."),
                    optional("versionType", ValueType.oneOf(List.of("external", "external_gte")), "external", "Version check."))),
            "mongodb", new Type("collection", List.of(
                    required("uri", ValueType.TEXT, "A mongodb:// connection string."),
                    required("database", ValueType.TEXT, "The database holding the collections."))),
            "clickhouse", new Type("table", List.of(
                    required("url", ValueType.TEXT, "ClickHouse's HTTP interface."),
                    required("database", ValueType.TEXT, "Where the tables live."),
                    optional("user", ValueType.TEXT, "default", "The user."),
                    optional("password", ValueType.TEXT, null, "The password.").asSecret(),
                    optional("schemaEvolution", ValueType.oneOf(List.of("add_columns", "fail")), "add_columns", "New fields."),
                    optional("compress", ValueType.BOOL, "true", "Compressed responses."))));

    @Override
    public Set<String> types() {
        return TYPES.keySet();
    }

    @Override
    public Optional<String> targetKey(String type) {
        return Optional.ofNullable(TYPES.get(type)).map(Type::targetKey);
    }

    @Override
    public List<ConfigKey> connectionOptions(String type) {
        return Optional.ofNullable(TYPES.get(type)).map(Type::options).orElse(List.of());
    }

    /** elasticsearch's route option, as its factory describes it. */
    @Override
    public List<ConfigKey> routeOptions(String type) {
        return type.equals("elasticsearch") ? List.of(optional("mappings", new ValueType.ChoiceMap(
                List.of("flattened", "object", "disabled", "text")), null, "How json fields are mapped.")) : List.of();
    }

    @Override
    public List<SinkConnectionProblem> validate(String type, Map<String, String> connection) {
        List<SinkConnectionProblem> problems = new ArrayList<>();
        for (ConfigKey option : TYPES.get(type).options()) {
            String value = connection.get(option.name());
            if (!option.required()) {
                continue;
            }
            if (value == null || value.isBlank()) {
                problems.add(new SinkConnectionProblem("connection." + option.name(), "is required"));
            } else if (option.name().equals("url") && !value.matches("https?://.+")) {
                problems.add(new SinkConnectionProblem("connection.url", "'" + value + "' is not an http:// or https:// URL"));
            }
        }
        return problems;
    }
}
