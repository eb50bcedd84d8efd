package io.syncline.config;

import java.util.List;
import java.util.stream.Collectors;

/** A pipeline file that cannot be used; carries every problem found, in file order. */
public final class InvalidPipelineException extends Exception {

    private final List<ConfigProblem> problems;

    public InvalidPipelineException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return problems.stream().map(ConfigProblem::toString)
                .collect(Collectors.joining("\n", "invalid pipeline (" + count + "):\n", ""));
    }
}
