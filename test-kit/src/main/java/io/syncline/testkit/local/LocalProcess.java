package io.syncline.testkit.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An external server process in its own process group (started through {@code setsid}), so that
 * stopping it also stops every child it forked (PostgreSQL backends, the Elasticsearch server JVM).
 *
 * <p>Ephemeral processes get a watchdog: a detached shell that waits for this JVM to end and then
 * stops the group and deletes the state directory, so a JVM killed without running its shutdown
 * hooks leaves no server behind.
 */
public final class LocalProcess implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(15);

    private final String name;
    private final long groupId;
    private final Process process;
    private final Path logFile;
    private final String stopSignal;
    private final Process watchdog;

    private LocalProcess(String name, Process process, Path logFile, String stopSignal, Process watchdog) {
        this.name = name;
        this.process = process;
        this.groupId = process.pid();
        this.logFile = logFile;
        this.stopSignal = stopSignal;
        this.watchdog = watchdog;
    }

    /**
     * Starts {@code command} detached in its own session.
     *
     * @param user       run as this unprivileged user when this JVM runs as root (servers such as
     *                   PostgreSQL and Elasticsearch refuse root); ignored otherwise
     * @param stopSignal the signal that asks this server for a fast, clean shutdown (e.g. INT for PostgreSQL)
     * @param cleanupDir deleted by the watchdog after the process stops; null for persistent processes,
     *                   which get no watchdog
     */
    public static LocalProcess start(String name, List<String> command, Path workDir, Path logFile,
                                     Map<String, String> environment, Optional<String> user,
                                     String stopSignal, Path cleanupDir) {
        List<String> full = new ArrayList<>(List.of("setsid"));
        user.filter(u -> Unprivileged.runningAsRoot()).ifPresent(u -> full.addAll(Unprivileged.setprivPrefix(u)));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            Process watchdog = cleanupDir == null ? null : startWatchdog(process.pid(), stopSignal, cleanupDir);
            return new LocalProcess(name, process, logFile, stopSignal, watchdog);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + " (" + String.join(" ", full) + "): " + e.getMessage(), e);
        }
    }

    private static Process startWatchdog(long groupId, String stopSignal, Path cleanupDir) throws IOException {
        long jvm = ProcessHandle.current().pid();
        // Plain sh (dash) has no "kill --": the explicit signal lets "-PGID" name the group.
        String script = "while kill -0 " + jvm + " 2>/dev/null; do sleep 1; done; "
                + "kill -" + stopSignal + " -" + groupId + " 2>/dev/null; "
                + "for i in $(seq 1 " + GRACE.toSeconds() + "); do kill -0 -" + groupId + " 2>/dev/null || break; sleep 1; done; "
                + "kill -KILL -" + groupId + " 2>/dev/null; rm -rf '" + cleanupDir + "'";
        return new ProcessBuilder("setsid", "sh", "-c", script)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** The process group id (= pid of the group leader), what the local-services script keeps in its pid files. */
    public long groupId() {
        return groupId;
    }

    public String stopSignal() {
        return stopSignal;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines the server wrote, for error messages. */
    public String logTail(int lines) {
        return logTail(logFile, lines);
    }

    public static String logTail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log at " + file + ")";
        }
    }

    /** Fails with the server's log when it exited during start-up. */
    public void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue()
                    + " during start-up; last lines of " + logFile + ":\n" + logTail(40));
        }
    }

    @Override
    public void close() {
        if (watchdog != null) {
            signalGroup(watchdog.pid(), "KILL");
        }
        stopGroup(groupId, stopSignal);
    }

    /** Asks a process group to stop, waits up to the grace period, then kills what is left. */
    public static void stopGroup(long groupId, String stopSignal) {
        signalGroup(groupId, stopSignal);
        long deadline = System.nanoTime() + GRACE.toNanos();
        while (groupAlive(groupId) && System.nanoTime() < deadline) {
            sleep(100);
        }
        if (groupAlive(groupId)) {
            signalGroup(groupId, "KILL");
            while (groupAlive(groupId) && System.nanoTime() < deadline + Duration.ofSeconds(5).toNanos()) {
                sleep(100);
            }
        }
    }

    public static boolean groupAlive(long groupId) {
        return run("kill", "-0", "--", "-" + groupId) == 0;
    }

    private static void signalGroup(long groupId, String signal) {
        run("kill", "-" + signal, "--", "-" + groupId);
    }

    private static int run(String... command) {
        try {
            return new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return name + " (process group " + groupId + ")";
    }
}
