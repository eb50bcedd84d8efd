package io.syncline.sink;

/** A problem with a sink's options: the key path under the sink (e.g. {@code connection.url}) and what is wrong. */
public record SinkProblem(String keyPath, String message) {
}
