package io.syncline.cli;

/**
 * The exit codes of every {@code syncline} command: 0 and 1 as {@code diff} uses them (same /
 * different; for {@code status}: ready / not ready), the rest from BSD's {@code sysexits.h}, so scripts and supervisors can tell a bad
 * command line from a bad pipeline file from a server that is down.
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** {@code verify}: the source and a sink differ. */
    public static final int DIFFERENT = 1;
    /** {@code status}: the daemon runs but the pipeline is not ready (a component down, a sink retrying). */
    public static final int NOT_READY = 1;
    /** EX_USAGE: the command line is wrong (unknown option, missing argument). */
    public static final int USAGE = 64;
    /** EX_NOINPUT: the pipeline file does not exist or cannot be read. */
    public static final int NO_INPUT = 66;
    /**
     * EX_UNAVAILABLE: PostgreSQL, Kafka or a sink could not be reached, refused the login, or (for
     * {@code run}) PostgreSQL is not ready for capture. A rejected login is not given EX_NOPERM (77):
     * for the command the service cannot be used, and the message says why.
     */
    public static final int UNAVAILABLE = 69;
    /** EX_SOFTWARE: an internal error; {@code --verbose} shows its stack trace. */
    public static final int SOFTWARE = 70;
    /** EX_CANTCREAT: an output file cannot be written ({@code run}: the pipeline's state directory). */
    public static final int CANT_CREATE = 73;
    /**
     * EX_TEMPFAIL: {@code verify --deep} could not check a sink yet (it had not written the view
     * topic up to the check's bound in time); trying again later may succeed.
     */
    public static final int TEMP_FAIL = 75;
    /** EX_CONFIG: the pipeline file has problems (each listed with file, line and key path). */
    public static final int CONFIG = 78;

    /** The heading of the exit-code list in every command's {@code --help}. */
    public static final String HEADING = "%nExit codes:%n";
    // One line of that list per code, "code:meaning"; each command lists only the codes it can return.
    public static final String HELP_OK = "  0:success";
    public static final String HELP_DIFFERENT = "  1:the source and a sink differ";
    public static final String HELP_USAGE = " 64:usage error (unknown option, missing argument)";
    public static final String HELP_NO_INPUT = " 66:the pipeline file does not exist or cannot be read";
    public static final String HELP_UNAVAILABLE = " 69:PostgreSQL, Kafka or a sink cannot be reached or refused the login";
    public static final String HELP_SOFTWARE = " 70:internal error (--verbose prints the stack trace)";
    public static final String HELP_CANT_CREATE = " 73:the state directory cannot be created or written";
    public static final String HELP_CONFIG = " 78:the pipeline file has problems (each listed with file and line)";

    private ExitCodes() {
    }
}
