package io.syncline.cli.init;

import io.syncline.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.List;

/**
 * Why {@code syncline init} stops without writing a file: its exit code and the lines it prints on
 * standard error. Thrown by the steps, printed once by the command.
 */
final class InitFailure extends Exception {
    private final int exitCode;
    private final List<String> lines;

    InitFailure(int exitCode, List<String> lines) {
        super(String.join("\n", lines), null, false, false); // an answer to the user, not a bug: no stack trace
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
    }

    /** A bad command line, or tables that cannot be captured. */
    static InitFailure usage(String message) {
        return new InitFailure(ExitCodes.USAGE, List.of(prefixed(message)));
    }

    /** PostgreSQL cannot be reached, or refuses the login. */
    static InitFailure unavailable(String message) {
        return new InitFailure(ExitCodes.UNAVAILABLE, List.of(prefixed(message)));
    }

    /** The output file exists or cannot be written. */
    static InitFailure cantCreate(String message) {
        return new InitFailure(ExitCodes.CANT_CREATE, List.of(prefixed(message)));
    }

    static String prefixed(String message) {
        return "syncline init: " + message;
    }

    int exitCode() {
        return exitCode;
    }

    void print(PrintWriter err) {
        lines.forEach(err::println);
    }
}
