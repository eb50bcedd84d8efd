package io.syncline.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The three sink types as the real factories describe them: target keys and required connection keys. */
final class FakeSinkCatalog implements SinkCatalog {

    private record Type(String targetKey, List<String> requiredConnection) {
    }

    private static final Map<String, Type> TYPES = Map.of(
            "elasticsearch", new Type("index", List.of("url")),
            "mongodb", new Type("collection", List.of("uri", "database")),
            "clickhouse", new Type("table", List.of("url", "database")));

    @Override
    public Set<String> types() {
        return TYPES.keySet();
    }

    @Override
    public Optional<String> targetKey(String type) {
        return Optional.ofNullable(TYPES.get(type)).map(Type::targetKey);
    }

    @Override
    public List<SinkConnectionProblem> validate(String type, Map<String, String> connection) {
        List<SinkConnectionProblem> problems = new ArrayList<>();
        for (String key : TYPES.get(type).requiredConnection()) {
            String value = connection.get(key);
            if (value == null || value.isBlank()) {
                problems.add(new SinkConnectionProblem("connection." + key, "is required"));
            } else if (key.equals("url") && !value.matches("https?://.+")) {
                problems.add(new SinkConnectionProblem("connection.url", "'" + value + "' is not an http:// or https:// URL"));
            }
        }
        return problems;
    }
}
