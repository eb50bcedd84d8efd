package io.syncline.testkit.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Whether Testcontainers can be used: {@code SYNCLINE_TEST_DOCKER} = {@code never}, {@code auto}
 * (default: only when a Docker socket or configuration exists and the engine answers) or
 * {@code always}. Machines with only the docker client and no engine fall through quietly.
 */
public final class DockerDetection {
    private static volatile Boolean available;

    private DockerDetection() {
    }

    public static boolean available() {
        if (available == null) {
            synchronized (DockerDetection.class) {
                if (available == null) {
                    available = detect();
                }
            }
        }
        return available;
    }

    private static boolean detect() {
        String mode = System.getProperty("syncline.test.docker",
                System.getenv().getOrDefault("SYNCLINE_TEST_DOCKER", "auto")).toLowerCase(Locale.ROOT);
        switch (mode) {
            case "never":
                return false;
            case "always":
                return engineAnswers();
            case "auto":
                return engineConfigured() && engineAnswers();
            default:
                throw new IllegalArgumentException("SYNCLINE_TEST_DOCKER must be never, auto or always, not " + mode);
        }
    }

    private static boolean engineConfigured() {
        if (System.getenv("DOCKER_HOST") != null) {
            return true;
        }
        String home = System.getProperty("user.home");
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        List<Path> candidates = List.of(
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".docker/run/docker.sock"),
                Path.of(home, ".testcontainers.properties"),
                Path.of(runtime == null ? "/nonexistent" : runtime, "docker.sock"));
        return candidates.stream().anyMatch(Files::exists);
    }

    /** Asks Testcontainers, bounded in time: a wedged engine must not hang the test run. */
    private static boolean engineAnswers() {
        CompletableFuture<Boolean> probe = CompletableFuture.supplyAsync(() -> {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        });
        try {
            return probe.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            probe.cancel(true);
            return false;
        }
    }
}
