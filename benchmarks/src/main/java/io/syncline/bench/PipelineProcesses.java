package io.syncline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One pipeline run as several {@code syncline run --role ...} processes, each a {@link ChildDaemon}
 * with a pipeline file of its own: its own state directory (Kafka Streams locks it) and its own
 * HTTP port (each process serves its own {@code /status}). A process's state directory is named by
 * the process, so a process started again under the same name finds its state, as a restarted
 * process on the same machine would.
 */
final class PipelineProcesses implements AutoCloseable {
    static final List<String> CAPTURE = List.of("--role", "capture");
    static final List<String> WORKER = List.of("--role", "views", "--role", "sink");

    /** A process of the group: its name (capture, worker-1, ...), its roles and the child JVM. */
    record Member(String name, List<String> roles, ChildDaemon daemon) {
    }

    private final BenchPipeline pipeline;
    private final List<String> javaOpts;
    private final Path dir;
    private final String files;
    /** Read by the probes' threads while a process is added or removed. */
    private final List<Member> members = new CopyOnWriteArrayList<>();

    /**
     * @param files the prefix of each process's files in {@code dir} ({@code <files>-<process>.yaml}, {@code .out}, ...)
     */
    PipelineProcesses(BenchPipeline pipeline, List<String> javaOpts, Path dir, String files) {
        this.pipeline = pipeline;
        this.javaOpts = List.copyOf(javaOpts);
        this.dir = dir;
        this.files = files;
    }

    /** A capture and {@code workers} workers of {@code pipeline}, all started at once. */
    static PipelineProcesses start(BenchPipeline pipeline, int workers, List<String> javaOpts, Path dir, String files)
            throws IOException {
        PipelineProcesses processes = new PipelineProcesses(pipeline, javaOpts, dir, files);
        processes.add("capture", CAPTURE);
        for (int w = 1; w <= workers; w++) {
            processes.add("worker-" + w, WORKER);
        }
        return processes;
    }

    /** Starts one more process of the pipeline with these roles. */
    ChildDaemon add(String name, List<String> roles) throws IOException {
        BenchPipeline own = pipeline.withStateDir(dir.resolve(name + "-state")).withHttpPort(ChildDaemon.freePort());
        Files.createDirectories(dir);
        Path file = dir.resolve(files + "-" + name + ".yaml");
        Files.writeString(file, own.yaml());
        ChildDaemon daemon = ChildDaemon.start(javaOpts, dir, files + "-" + name, file, own.passwords(), own.httpPort(), roles);
        members.add(new Member(name, roles, daemon));
        return daemon;
    }

    ChildDaemon get(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst().map(Member::daemon)
                .orElseThrow(() -> new IllegalArgumentException("no process " + name));
    }

    /** Whether every process said it runs. */
    boolean started() throws IOException {
        for (Member member : members) {
            if (!member.daemon().started()) {
                return false;
            }
        }
        return true;
    }

    /** Why waiting is pointless: a process of the group exited or ran out of memory. */
    Optional<String> failure() {
        return members.stream().flatMap(m -> m.daemon().failure().map(f -> m.name() + ": " + f).stream()).findFirst();
    }

    /** SIGKILL, and the process is no longer one of the group. */
    void kill(String name) throws InterruptedException {
        ChildDaemon daemon = get(name);
        daemon.kill();
        members.removeIf(m -> m.daemon() == daemon);
    }

    /** Stops a process (one that exited of its own: only takes note) and it is no longer one of the group. */
    void remove(String name) throws InterruptedException {
        ChildDaemon daemon = get(name);
        daemon.stop();
        members.removeIf(m -> m.daemon() == daemon);
    }

    /** Each process's name and roles ("capture `--role capture`, ..."): their command lines differ in nothing else. */
    String describe() {
        return String.join(", ", members.stream().map(m -> m.name() + " `" + String.join(" ", m.roles()) + "`").toList());
    }

    /**
     * SIGTERM to each in the order started (the capture first: it flushes its offsets while the workers
     * still run), each stopped before the next; the exit codes.
     */
    String stop() throws InterruptedException {
        StringBuilder codes = new StringBuilder();
        for (Member member : members) {
            codes.append(codes.isEmpty() ? "" : ", ").append(member.name()).append(' ').append(member.daemon().stop());
        }
        members.clear();
        return codes.toString();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
