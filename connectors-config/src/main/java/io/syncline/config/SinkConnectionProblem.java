package io.syncline.config;

/** A problem with a sink's connection options: the key path relative to the sink (e.g. {@code connection.url}) and what is wrong. */
public record SinkConnectionProblem(String keyPath, String message) {
}
