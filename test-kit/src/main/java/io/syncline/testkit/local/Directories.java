package io.syncline.testkit.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

final class Directories {
    private Directories() {
    }

    static Path create(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Shared cache for unpacked distributions; outside any home directory so unprivileged servers can read it. */
    static Path cache() {
        String configured = System.getenv("SYNCLINE_CACHE_DIR");
        return create(Path.of(configured != null && !configured.isBlank() ? configured : "/var/tmp/syncline-cache"));
    }
}
