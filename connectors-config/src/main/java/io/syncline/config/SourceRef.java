package io.syncline.config;

/**
 * Where a part of the pipeline is declared (file, 1-based line and column, key path), so that a
 * problem found after loading (e.g. a column the source table does not have) still names its place.
 */
public record SourceRef(String file, int line, int column, String keyPath) {

    public static final SourceRef UNKNOWN = new SourceRef("<pipeline>", 0, 0, "");

    public ConfigProblem problem(String message) {
        return new ConfigProblem(file, line, column, keyPath, message);
    }

    /** The same place with a key below it, e.g. {@code views[0].joins[1]} → {@code views[0].joins[1].on}. */
    public SourceRef child(String key) {
        return new SourceRef(file, line, column, keyPath.isEmpty() ? key : keyPath + "." + key);
    }
}
