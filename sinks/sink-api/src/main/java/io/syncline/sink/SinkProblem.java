package io.syncline.sink;

import java.util.List;

/** A problem with a sink's options: the key path under the sink (e.g. {@code connection.url}) and what is wrong. */
public record SinkProblem(String keyPath, String message) {
    /** For a sink's options parser: an {@link IllegalArgumentException} listing every one of {@code problems}, if any. */
    public static void requireNone(String sinkName, List<SinkProblem> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("sink " + sinkName + ": " + String.join("; ",
                    problems.stream().map(p -> p.keyPath() + ": " + p.message()).toList()));
        }
    }
}
