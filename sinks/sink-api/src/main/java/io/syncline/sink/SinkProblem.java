package io.syncline.sink;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A problem with a sink's options: the key path under the sink (e.g. {@code connection.url}) and what is wrong. */
public record SinkProblem(String keyPath, String message) {
    /** One problem per key of {@code connection} that none of {@code options} names, in key order. */
    public static List<SinkProblem> unknownConnectionKeys(Map<String, String> connection, List<ConnectionOption> options) {
        Set<String> known = options.stream().map(ConnectionOption::name).collect(Collectors.toUnmodifiableSet());
        String listing = String.join(", ", known.stream().sorted().toList());
        return connection.keySet().stream().filter(key -> !known.contains(key)).sorted()
                .map(key -> new SinkProblem("connection." + key, "unknown option; known: " + listing)).toList();
    }

    /** For a sink's options parser: an {@link IllegalArgumentException} listing every one of {@code problems}, if any. */
    public static void requireNone(String sinkName, List<SinkProblem> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("sink " + sinkName + ": " + String.join("; ",
                    problems.stream().map(p -> p.keyPath() + ": " + p.message()).toList()));
        }
    }
}
