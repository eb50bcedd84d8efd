package io.syncline.cli;

/**
 * The exit codes of every {@code syncline} command: 0 and 1 as {@code diff} uses them (same /
 * different), the rest from BSD's {@code sysexits.h}, so scripts and supervisors can tell a bad
 * command line from a bad pipeline file from a server that is down.
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** {@code verify}: the source and a sink differ. */
    public static final int DIFFERENT = 1;
    /** EX_USAGE: the command line is wrong (unknown option, missing argument). */
    public static final int USAGE = 64;
    /** EX_NOINPUT: the pipeline file does not exist or cannot be read. */
    public static final int NO_INPUT = 66;
    /** EX_UNAVAILABLE: PostgreSQL, Kafka or a sink could not be reached. */
    public static final int UNAVAILABLE = 69;
    /** EX_SOFTWARE: an internal error; {@code --verbose} shows its stack trace. */
    public static final int SOFTWARE = 70;
    /** EX_CANTCREAT: an output file cannot be written. */
    public static final int CANT_CREATE = 73;
    /** EX_CONFIG: the pipeline file has problems (each listed with file, line and key path). */
    public static final int CONFIG = 78;

    private ExitCodes() {
    }
}
