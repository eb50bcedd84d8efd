package io.syncline.cli;

import io.syncline.cdc.PreflightException;
import io.syncline.config.ConfigProblem;
import io.syncline.config.InvalidPipelineException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one place that turns an exception from a command into an exit code and a message. Exit codes
 * are chosen by exception type (and SQLState), walking the cause chain, never by message text:
 * <ul>
 *   <li>{@link InvalidPipelineException}: {@link ExitCodes#CONFIG}, every problem on its own line;</li>
 *   <li>{@link NoInputException}: {@link ExitCodes#NO_INPUT};</li>
 *   <li>{@link CantCreateException}: {@link ExitCodes#CANT_CREATE};</li>
 *   <li>{@link PipelineFailedException} (the running pipeline failed): {@link ExitCodes#SOFTWARE};</li>
 *   <li>{@link UnavailableException}, {@link PreflightException} (PostgreSQL is not ready for capture),
 *       {@link ConnectException}, {@link UnknownHostException}, {@link NoRouteToHostException},
 *       {@link SocketTimeoutException}, Kafka's {@code TimeoutException}, and an {@link SQLException}
 *       whose SQLState is a connection exception ({@code 08…}), a rejected login ({@code 28000},
 *       {@code 28P01}), a server starting or stopping ({@code 57P03}) or out of connections
 *       ({@code 53300}): {@link ExitCodes#UNAVAILABLE};</li>
 *   <li>anything else: {@link ExitCodes#SOFTWARE}.</li>
 * </ul>
 * A rejected login counts as unavailable rather than as a separate "no permission" code: for the
 * command the service cannot be used, and the message says why.
 */
final class Failures {
    static final String VERBOSE_HINT = "(run with --verbose for the stack trace)";

    private Failures() {
    }

    static int exitCode(Throwable error) {
        if (error instanceof PipelineFailedException) {
            return ExitCodes.SOFTWARE;
        }
        if (find(error, InvalidPipelineException.class::isInstance) != null) {
            return ExitCodes.CONFIG;
        }
        if (find(error, NoInputException.class::isInstance) != null) {
            return ExitCodes.NO_INPUT;
        }
        if (find(error, CantCreateException.class::isInstance) != null) {
            return ExitCodes.CANT_CREATE;
        }
        if (find(error, Failures::unavailable) != null) {
            return ExitCodes.UNAVAILABLE;
        }
        return ExitCodes.SOFTWARE;
    }

    /** Prints what went wrong to {@code err} and returns the exit code for it. */
    static int report(Throwable error, PrintWriter err, boolean verbose) {
        int code = exitCode(error);
        InvalidPipelineException invalid = (InvalidPipelineException) find(error, InvalidPipelineException.class::isInstance);
        if (code == ExitCodes.CONFIG && invalid != null) {
            // One problem a line, file:line:column: key.path: message, like a compiler.
            for (ConfigProblem problem : invalid.problems()) {
                err.println(problem);
            }
        } else {
            err.println("syncline: " + describe(error));
        }
        if (verbose) {
            error.printStackTrace(err);
        } else if (code == ExitCodes.SOFTWARE || code == ExitCodes.UNAVAILABLE) {
            err.println(VERBOSE_HINT);
        }
        err.flush();
        return code;
    }

    /**
     * The exception's message; when it has none (or a blank one), its simple class name and the
     * first cause that has a message, so that nothing ever prints as {@code null}.
     */
    static String describe(Throwable error) {
        if (hasMessage(error)) {
            return error.getMessage().strip();
        }
        String name = error.getClass().getSimpleName().isEmpty() ? error.getClass().getName() : error.getClass().getSimpleName();
        Throwable cause = find(error.getCause(), Failures::hasMessage);
        return cause == null ? name : name + " (caused by " + cause.getClass().getSimpleName() + ": " + cause.getMessage().strip() + ")";
    }

    private static boolean hasMessage(Throwable t) {
        return t.getMessage() != null && !t.getMessage().isBlank();
    }

    private static boolean unavailable(Throwable t) {
        if (t instanceof UnavailableException || t instanceof PreflightException
                || t instanceof ConnectException || t instanceof UnknownHostException
                || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException
                || t instanceof org.apache.kafka.common.errors.TimeoutException) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08") || state.equals("28000") || state.equals("28P01")
                    || state.equals("57P03") || state.equals("53300");
        }
        return false;
    }

    /** The first throwable in the cause chain (from {@code error} itself) that matches, or null. */
    private static Throwable find(Throwable error, Predicate<Throwable> matches) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (matches.test(t)) {
                return t;
            }
        }
        return null;
    }
}
