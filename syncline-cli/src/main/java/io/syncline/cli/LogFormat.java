package io.syncline.cli;

import java.util.Locale;
import java.util.Map;

/**
 * The log format, {@code text} (the default) or {@code json} (one ECS JSON document per line): from
 * {@code --log-format} on the command line, else the environment variable {@value #ENV}. Chosen
 * before anything logs, as the system property {@value #PROPERTY} that log4j2.xml reads to pick its
 * appender.
 */
final class LogFormat {
    static final String ENV = "SYNCLINE_LOG_FORMAT";
    static final String PROPERTY = "syncline.log.format";
    static final String OPTION = "--log-format";
    static final String TEXT = "text";
    static final String JSON = "json";

    private LogFormat() {
    }

    /** {@code text} or {@code json}; anything else is text (and {@link #problem} says so). */
    static String choose(String[] args, Map<String, String> environment) {
        String requested = requested(args, environment);
        return JSON.equals(normalized(requested)) ? JSON : TEXT;
    }

    /** Why a requested format is not used, or null. */
    static String problem(String[] args, Map<String, String> environment) {
        String requested = requested(args, environment);
        String format = normalized(requested);
        return format == null || format.equals(JSON) || format.equals(TEXT) ? null
                : "unknown log format '" + requested + "' (" + OPTION + " or " + ENV + "): use text or json; logging as text";
    }

    /** Sets {@value #PROPERTY} unless it is set already (e.g. by -Dsyncline.log.format=json). */
    static void apply(String[] args, Map<String, String> environment) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, choose(args, environment));
        }
        String problem = problem(args, environment);
        if (problem != null) {
            System.err.println("syncline: " + problem);
        }
    }

    private static String requested(String[] args, Map<String, String> environment) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith(OPTION + "=")) {
                return args[i].substring(OPTION.length() + 1);
            }
            if (args[i].equals(OPTION) && i + 1 < args.length) {
                return args[i + 1];
            }
        }
        return environment.get(ENV);
    }

    private static String normalized(String format) {
        return format == null || format.isBlank() ? null : format.trim().toLowerCase(Locale.ROOT);
    }
}
