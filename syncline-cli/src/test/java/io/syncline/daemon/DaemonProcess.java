package io.syncline.daemon;

import io.syncline.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code syncline run} as a separate JVM, so a test can kill it with SIGKILL like a crash would. */
final class DaemonProcess implements AutoCloseable {
    private static final Pattern HTTP_ENDPOINT = Pattern.compile("HTTP endpoint on http://[^:/]+:(\\d+)");
    private final Process process;
    private final Path log;
    /** Where this run's output starts in the log, which earlier runs of the same pipeline share. */
    private final long logStart;

    private DaemonProcess(Process process, Path log, long logStart) {
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    static DaemonProcess start(Path pipelineFile, Map<String, String> environment, Path log) throws IOException {
        return start(pipelineFile, environment, log, List.of());
    }

    /** {@code syncline run} with {@code runArgs} after the pipeline file (e.g. {@code --role capture}). */
    static DaemonProcess start(Path pipelineFile, Map<String, String> environment, Path log, List<String> runArgs)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "-c", pipelineFile.toString()));
        command.addAll(runArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        return new DaemonProcess(builder.start(), log, logStart);
    }

    /** Waits until the daemon says it runs; fails with its log if it exits first. */
    DaemonProcess awaitRunning(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains("running; stop with SIGTERM")) {
                return this;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the daemon exited with " + process.exitValue() + ":\n" + tail());
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the daemon did not start in " + timeout + ":\n" + tail());
    }

    /** This run's part of the log (a restart must not take the previous run's "running" line for its own). */
    String output() throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        int from = (int) Math.min(logStart, bytes.length);
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }

    /** The port of its HTTP endpoint, from the line it logs when it listens. */
    int httpPort() throws IOException {
        Matcher listening = HTTP_ENDPOINT.matcher(output());
        if (!listening.find()) {
            throw new IllegalStateException("the daemon logged no HTTP endpoint:\n" + tail());
        }
        return Integer.parseInt(listening.group(1));
    }

    /** The operating system's id of the daemon's JVM. */
    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush, no commit. */
    void crash() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** SIGTERM, then the clean stop the daemon promises. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
