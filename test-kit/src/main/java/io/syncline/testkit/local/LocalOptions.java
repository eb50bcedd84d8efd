package io.syncline.testkit.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where a local server keeps its state and which port it listens on.
 *
 * <p>Ephemeral (tests): a fresh temporary directory and a free port; the directory is deleted
 * and the process stopped at JVM exit, with a watchdog in case the JVM dies. Persistent (the
 * local-services script): a fixed directory and port; the process outlives the JVM that started it.
 */
public record LocalOptions(Path directory, int port, boolean ephemeral) {

    public static LocalOptions ephemeral(String name) {
        try {
            Path dir = Files.createTempDirectory("syncline-" + name + "-");
            // Servers run as unprivileged users (postgres, nobody) and must be able to enter it.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new LocalOptions(dir, Ports.free(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LocalOptions persistent(Path directory, int port) {
        return new LocalOptions(directory, port, false);
    }

    /** The file where a persistent server's process group id and stop signal are kept. */
    public Path pidFile() {
        return directory.resolve("server.pid");
    }

    /** Persistent servers outlive this JVM: note how to find and stop them later. */
    void record(LocalProcess process) {
        if (ephemeral) {
            return;
        }
        try {
            Files.writeString(pidFile(), process.groupId() + " " + process.stopSignal() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
