package io.syncline.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one file; hands them out in file order. */
final class Problems {

    private final String file;
    private final Locations locations = new Locations();
    private final List<ConfigProblem> problems = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    Locations locations() {
        return locations;
    }

    /** A problem about the value at {@code keyPath}, located through {@link Locations}. */
    void at(String keyPath, String message) {
        add(locations.of(keyPath), keyPath, message);
    }

    /** A problem about the key at {@code keyPath} itself. */
    void atKey(String keyPath, String message) {
        add(locations.keyOf(keyPath), keyPath, message);
    }

    void add(Locations.Location location, String keyPath, String message) {
        problems.add(new ConfigProblem(file, location.line(), location.column(), keyPath, message));
    }

    /** Where {@code keyPath} is declared, for checks made after loading (see {@link SourceRef}). */
    SourceRef sourceRef(String keyPath) {
        Locations.Location location = locations.of(keyPath);
        return new SourceRef(file, location.line(), location.column(), keyPath);
    }

    /** Whether a problem names {@code keyPath} or a key below it. */
    boolean reportedUnder(String keyPath) {
        return problems.stream().map(ConfigProblem::keyPath)
                .anyMatch(path -> path.equals(keyPath) || path.startsWith(keyPath + ".") || path.startsWith(keyPath + "["));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<ConfigProblem> inFileOrder() {
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
        return sorted;
    }
}
