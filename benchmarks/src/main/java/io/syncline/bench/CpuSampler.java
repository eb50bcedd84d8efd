package io.syncline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CPU time every thread of this JVM and every child process (the test kit's servers) spent,
 * summed per {@link CpuStage}. Java threads are read from the thread bean
 * ({@code getThreadCpuTime}, with their full names); the JVM's native threads (GC, JIT, RocksDB)
 * and the child processes from {@code /proc}. Every {@value #INTERVAL_MS} ms a sample keeps each
 * thread's latest time, so a thread that ends during a phase still counts up to its last sample;
 * what ended threads spent after it is what the process spent beyond all its threads
 * ({@link CpuStage#UNATTRIBUTED}). Threads of unnamed pools (Debezium's engine runs its tasks and
 * record processing in {@code pool-N-thread-M}) are known by the code their stacks show. A child process's time includes the children it reaped
 * (PostgreSQL's backends), so a backend that came and went between samples still counts.
 */
final class CpuSampler implements AutoCloseable {
    private static final long INTERVAL_MS = 200;
    /** /proc's clock ticks: USER_HZ, 100 on every Linux architecture the JDK runs on. */
    private static final long NANOS_PER_TICK = 10_000_000;
    private static final Path TASKS = Path.of("/proc/self/task");
    /** Deep enough to pass a pool's own frames into the task it runs. */
    private static final int STACK_DEPTH = 64;

    /** One thread's stage and latest CPU time. */
    private static final class ThreadCpu {
        CpuStage stage;
        final String name;
        long nanos;

        ThreadCpu(CpuStage stage, String name) {
            this.stage = stage;
            this.name = name;
        }
    }

    /**
     * CPU per stage so far, at one moment ({@link System#nanoTime}), and the CPU of each
     * {@link CpuStage#OTHER_THREADS} thread name (digits as N), to name what the stages miss.
     */
    record Totals(Map<CpuStage, Long> nanos, long atNanos, Map<String, Long> otherThreads) {
    }

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadStages stages;
    private final Set<Long> beforeRun;
    private final Map<Long, ThreadCpu> javaThreads = new HashMap<>();
    /** Unnamed pool threads whose stacks have not shown whose they are yet. */
    private final Set<Long> unresolved = new HashSet<>();
    /** Native threads by "tid start-time" (tids are reused): stage and latest time. */
    private final Map<String, ThreadCpu> nativeThreads = new HashMap<>();
    private final Thread sampler;

    /** Created once the test services and the harness's store clients run: their threads are not a stage's. */
    CpuSampler(ThreadStages stages) {
        this.stages = stages;
        this.beforeRun = new HashSet<>();
        for (long id : threads.getAllThreadIds()) {
            beforeRun.add(id);
        }
        sample();
        sampler = new Thread(this::run, "bench-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    /** CPU per stage so far (from each thread's and process's start), now: a phase's CPU is the difference of two. */
    synchronized Totals totals() {
        sample();
        Map<CpuStage, Long> nanos = new EnumMap<>(CpuStage.class);
        long inThreads = 0;
        for (ThreadCpu thread : javaThreads.values()) {
            nanos.merge(thread.stage, thread.nanos, Long::sum);
            inThreads += thread.nanos;
        }
        for (ThreadCpu thread : nativeThreads.values()) {
            nanos.merge(thread.stage, thread.nanos, Long::sum);
            inThreads += thread.nanos;
        }
        nanos.put(CpuStage.UNATTRIBUTED, os.getProcessCpuTime() - inThreads);
        childProcesses().forEach((stage, value) -> nanos.merge(stage, value, Long::sum));
        Map<String, Long> other = javaThreads.values().stream().filter(t -> t.stage == CpuStage.OTHER_THREADS)
                .collect(Collectors.toMap(t -> t.name.replaceAll("\\d+", "N"), t -> t.nanos, Long::sum));
        return new Totals(nanos, System.nanoTime(), other);
    }

    /** Each thread's latest CPU time; a thread is classified when first seen, by the name it had then. */
    private synchronized void sample() {
        long[] ids = threads.getAllThreadIds();
        long[] cpu = threads.getThreadCpuTime(ids);
        Set<String> javaNames = new HashSet<>();
        for (int i = 0; i < ids.length; i++) {
            ThreadCpu thread = javaThreads.get(ids[i]);
            if (thread == null) {
                ThreadInfo info = threads.getThreadInfo(ids[i]);
                if (info == null) {
                    continue; // ended since getAllThreadIds
                }
                boolean existing = beforeRun.contains(ids[i]);
                thread = new ThreadCpu(stages.javaThread(info.getThreadName(), existing), info.getThreadName());
                javaThreads.put(ids[i], thread);
                if (!existing && ThreadStages.unnamed(thread.name)) {
                    unresolved.add(ids[i]);
                }
            }
            if (cpu[i] >= 0) {
                thread.nanos = cpu[i];
            }
            // Linux keeps a thread's name's first 15 characters as its native name.
            javaNames.add(thread.name.length() > 15 ? thread.name.substring(0, 15) : thread.name);
        }
        resolveUnnamed();
        sampleNativeThreads(javaNames);
    }

    /**
     * Looks at the stacks (or new names) of unnamed pool threads until they show whose they are. A thread's CPU so
     * far moves with it: classified within a sample or two of its start, that is the same phase.
     */
    private void resolveUnnamed() {
        if (unresolved.isEmpty()) {
            return;
        }
        long[] ids = unresolved.stream().mapToLong(Long::longValue).toArray();
        ThreadInfo[] infos = threads.getThreadInfo(ids, STACK_DEPTH);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null) {
                unresolved.remove(ids[i]); // ended
                continue;
            }
            long id = ids[i];
            // Kafka Connect names a pool thread after the task it runs once it runs it.
            String name = infos[i].getThreadName();
            Optional<CpuStage> stage = ThreadStages.unnamed(name) ? ThreadStages.fromStack(infos[i].getStackTrace())
                    : Optional.of(stages.javaThread(name, false));
            stage.ifPresent(known -> {
                javaThreads.get(id).stage = known;
                unresolved.remove(id);
            });
        }
    }

    private void sampleNativeThreads(Set<String> javaNames) {
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : tasks.toList()) {
                ProcStat stat = ProcStat.read(task.resolve("stat"));
                if (stat == null || javaNames.contains(stat.comm())) {
                    continue;
                }
                String key = task.getFileName() + " " + stat.startTime();
                ThreadCpu thread = nativeThreads.get(key);
                if (thread == null) {
                    var stage = ThreadStages.nativeThread(stat.comm());
                    if (stage.isEmpty()) {
                        continue;
                    }
                    thread = new ThreadCpu(stage.get(), stat.comm());
                    nativeThreads.put(key, thread);
                }
                thread.nanos = stat.ownTicks() * NANOS_PER_TICK;
            }
        } catch (IOException e) {
            // No /proc (not Linux): the JVM's native threads stay in UNATTRIBUTED.
        }
    }

    /** Each child process's tree (the server and what it forked), with the children they reaped, per stage. */
    private static Map<CpuStage, Long> childProcesses() {
        Map<CpuStage, Long> nanos = new EnumMap<>(CpuStage.class);
        ProcessHandle.current().children().forEach(child -> {
            CpuStage stage = ThreadStages.childProcess(child.info().commandLine().orElse(""));
            long ticks = Stream.concat(Stream.of(child), child.descendants())
                    .map(p -> ProcStat.read(Path.of("/proc", Long.toString(p.pid()), "stat")))
                    .filter(s -> s != null).mapToLong(ProcStat::ticksWithReapedChildren).sum();
            nanos.merge(stage, ticks * NANOS_PER_TICK, Long::sum);
        });
        return nanos;
    }

    @Override
    public void close() {
        sampler.interrupt();
    }

    /** The fields of a /proc stat line this sampler reads. */
    record ProcStat(String comm, long utime, long stime, long cutime, long cstime, long startTime) {
        /** A stat line is well under 1 KiB; one buffer per reading thread, not the 8 KiB and more Files.readString allocates per file. */
        private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[4096]);

        static ProcStat read(Path file) {
            String line;
            byte[] buffer = BUFFER.get();
            try (InputStream in = Files.newInputStream(file)) {
                int length = in.readNBytes(buffer, 0, buffer.length);
                line = new String(buffer, 0, length, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return null; // the thread or process ended
            }
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            String[] fields = line.substring(close + 2).split(" ");
            // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17, starttime 22.
            return new ProcStat(line.substring(open + 1, close), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]), Long.parseLong(fields[14]), Long.parseLong(fields[19]));
        }

        long ownTicks() {
            return utime + stime;
        }

        long ticksWithReapedChildren() {
            return utime + stime + cutime + cstime;
        }
    }
}
