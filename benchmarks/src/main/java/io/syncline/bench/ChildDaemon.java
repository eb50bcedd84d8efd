package io.syncline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code syncline run -c FILE [ARGS]} in a child JVM on the harness's classpath, so that its heap is the
 * daemon's alone (the harness's JVM also holds the in-process Kafka broker and MongoDB endpoint).
 * It reaches the services through the same endpoints as an in-process pipeline. Its output goes to
 * files; its GC log is always written ({@code -Xlog:gc*}), whatever other flags it gets. A child
 * still running when the harness exits is killed.
 */
final class ChildDaemon implements AutoCloseable {
    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final String OUT_OF_MEMORY = "OutOfMemoryError";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final List<String> command;
    private final Path stdout;
    private final Path stderr;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread killOnExit;
    private volatile boolean outOfMemory;
    private long scannedBytes = -1;
    private Integer exitCode;

    private ChildDaemon(Process process, List<String> command, Path stdout, Path stderr, int httpPort) {
        this.process = process;
        this.command = command;
        this.stdout = stdout;
        this.stderr = stderr;
        this.httpPort = httpPort;
        this.killOnExit = new Thread(process::destroyForcibly, "bench-child-daemon-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * @param javaOpts  the JVM's flags (heap, collector)
     * @param files     the prefix of its files in {@code dir}: {@code <files>-gc.log}, {@code .out}, {@code .err}
     * @param passwords the variables the pipeline file reads the services' passwords from
     * @param httpPort  the port of the pipeline's HTTP endpoint (127.0.0.1), for {@link #status()}
     * @param runArgs   more arguments of {@code syncline run}, e.g. {@code --role capture}
     */
    static ChildDaemon start(List<String> javaOpts, Path dir, String files, Path pipelineFile, Map<String, String> passwords,
                             int httpPort, List<String> runArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOpts);
        command.add("-Xlog:gc*:file=" + dir.resolve(files + "-gc.log"));
        // syncline-cli's own logging (the classpath also holds the Kafka test kit's log4j2.yaml, which would win).
        command.add("-Dlog4j2.configurationFile=log4j2.xml");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.syncline.cli.Main", "run", "-c",
                pipelineFile.toString()));
        command.addAll(runArgs);
        Path stdout = dir.resolve(files + ".out");
        Path stderr = dir.resolve(files + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().putAll(passwords);
        return new ChildDaemon(builder.start(), command, stdout, stderr, httpPort);
    }

    /** A loopback port free now, for a daemon's HTTP endpoint. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The GC log of a daemon started with {@code files}. */
    static Path gcLog(Path dir, String files) {
        return dir.resolve(files + "-gc.log");
    }

    long pid() {
        return process.pid();
    }

    /** Why waiting for this daemon is pointless: it exited, or it ran out of memory (a thread may die of it, not the JVM). */
    synchronized Optional<String> failure() {
        scanForOutOfMemory();
        if (!process.isAlive()) {
            return Optional.of("the daemon exited with code " + process.exitValue()
                    + (outOfMemory ? " after an OutOfMemoryError" : "") + "; see " + stderr.getFileName());
        }
        return outOfMemory ? Optional.of("the daemon hit an OutOfMemoryError; see " + stderr.getFileName()) : Optional.empty();
    }

    boolean outOfMemory() {
        synchronized (this) {
            scanForOutOfMemory();
        }
        return outOfMemory;
    }

    /** Its output is small (Syncline logs WARN and up): read again whenever it grew. */
    private void scanForOutOfMemory() {
        if (outOfMemory) {
            return;
        }
        try {
            long size = Files.size(stdout) + Files.size(stderr);
            if (size != scannedBytes) {
                scannedBytes = size;
                outOfMemory = Files.readString(stdout, StandardCharsets.ISO_8859_1).contains(OUT_OF_MEMORY)
                        || Files.readString(stderr, StandardCharsets.ISO_8859_1).contains(OUT_OF_MEMORY);
            }
        } catch (IOException e) {
            // not there yet
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The first line of its output (stdout, then stderr) that contains {@code text}, if any. */
    Optional<String> outputLine(String text) throws IOException {
        for (Path file : List.of(stdout, stderr)) {
            Optional<String> line = Files.readString(file, StandardCharsets.ISO_8859_1).lines().filter(l -> l.contains(text))
                    .findFirst();
            if (line.isPresent()) {
                return line;
            }
        }
        return Optional.empty();
    }

    /** Whether it said it runs (RunCommand prints that once {@code PipelineRuntime.start} returned). */
    boolean started() throws IOException {
        return Files.readString(stdout, StandardCharsets.ISO_8859_1).contains("running; stop with SIGTERM");
    }

    /** {@code GET /status} of its HTTP endpoint. */
    JsonNode status() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/status"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The capture's phase, from {@link #status()}. */
    String capturePhase() throws IOException, InterruptedException {
        return status().path("capture").path("phase").asText();
    }

    /** The capture's records sent to Kafka since this daemon started, from {@link #status()}. */
    long captureRecords() throws IOException, InterruptedException {
        return status().path("capture").path("records").asLong();
    }

    /** The most memory the process held resident (VmHWM); -1 when /proc does not say. */
    long peakResidentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // exited, or not Linux
        }
        return -1;
    }

    /** The command line, without the classpath (long, and the harness's own). */
    String commandLine() {
        List<String> shown = new ArrayList<>(command);
        int cp = shown.indexOf("-cp");
        shown.set(cp + 1, "<the harness's classpath>");
        shown.set(0, "java");
        return String.join(" ", shown);
    }

    /** SIGTERM (a clean stop: capture flushes its offsets, sinks commit), then a kill after {@link #STOP_GRACE}; the exit code. */
    int stop() throws InterruptedException {
        if (exitCode == null) {
            process.destroy();
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                System.err.println("[bench] the daemon (pid " + process.pid() + ") did not stop within " + STOP_GRACE
                        + " of SIGTERM: killed");
                process.destroyForcibly();
                process.waitFor();
            }
            exitCode = process.exitValue();
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException e) {
                // the harness is exiting: the hook has run or is running
            }
        }
        return exitCode;
    }

    /** SIGKILL, as a crash or a lost machine ends a process: no clean stop, no offsets flushed, groups not left. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        stop();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
