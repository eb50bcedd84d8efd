package io.syncline.config;

/**
 * One problem in a pipeline file: where it is (1-based line and column; 0 when the file could not
 * be read at all), the key path it concerns (e.g. {@code sinks[1].connection.url}; empty for the
 * file as a whole) and what is wrong. Messages never contain secret values.
 */
public record ConfigProblem(String file, int line, int column, String keyPath, String message) {

    /** {@code shop.yaml:12:5: sinks[1].connection.url: is required}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line).append(':').append(column);
        }
        text.append(": ");
        if (!keyPath.isEmpty()) {
            text.append(keyPath).append(": ");
        }
        return text.append(message).toString();
    }
}
