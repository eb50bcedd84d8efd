package io.syncline.cdc;

import java.util.List;

/** The source is not ready for capture; every problem found, each saying what to do. */
public final class PreflightException extends RuntimeException {
    private final List<String> problems;

    public PreflightException(List<String> problems) {
        super("PostgreSQL source is not ready for capture:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
