package io.syncline.testkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessTest {

    @Test
    void closeStopsTheWholeProcessGroup(@TempDir Path dir) {
        // The shell forks a child, as PostgreSQL and Elasticsearch do: stopping must reach it too.
        LocalProcess process = LocalProcess.start("forking", List.of("sh", "-c", "sleep 600 & sleep 600"),
                dir, dir.resolve("log"), Map.of(), Optional.empty(), "TERM", null);
        await().atMost(Duration.ofSeconds(5)).until(() -> childCount(process.groupId()) >= 2);

        process.close();

        assertThat(LocalProcess.groupAlive(process.groupId())).isFalse();
    }

    @Test
    void watchdogStopsTheServerAndDeletesItsStateWhenTheJvmIsKilled(@TempDir Path dir) throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WatchdogProbe.class.getName(), state.toString())
                .redirectErrorStream(true).start();
        long group;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream()))) {
            String line = out.readLine();
            assertThat(line).as("probe output").startsWith("GROUP ");
            group = Long.parseLong(line.substring(6));
            assertThat(LocalProcess.groupAlive(group)).isTrue();

            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
            jvm.waitFor();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> !LocalProcess.groupAlive(group));
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(state));
    }

    private static long childCount(long groupId) throws Exception {
        Process ps = new ProcessBuilder("ps", "-o", "pid=", "-g", String.valueOf(groupId)).start();
        return new String(ps.getInputStream().readAllBytes()).lines().filter(l -> !l.isBlank()).count();
    }

    /** Runs in a child JVM: starts a guarded server stand-in, reports its group, then waits to be killed. */
    public static final class WatchdogProbe {
        public static void main(String[] args) throws Exception {
            Path state = Path.of(args[0]);
            LocalProcess server = LocalProcess.start("stand-in", List.of("sleep", "600"), state,
                    state.resolve("log"), Map.of(), Optional.empty(), "TERM", state);
            System.out.println("GROUP " + server.groupId());
            System.out.flush();
            Thread.sleep(600_000);
        }
    }
}
