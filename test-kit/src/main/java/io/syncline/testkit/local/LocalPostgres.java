package io.syncline.testkit.local;

import io.syncline.testkit.PostgresEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** PostgreSQL from this machine's server binaries, in its own data directory, with logical WAL. */
public final class LocalPostgres {
    private static final String OS_USER = "postgres";

    private LocalPostgres() {
    }

    public static RunningService<PostgresEndpoint> start(LocalOptions options) {
        Path bin = binaries();
        Path data = options.directory().resolve("data");
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            initialize(bin, options.directory(), data, options.ephemeral());
        }
        LocalProcess process = LocalProcess.start("postgresql",
                List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", String.valueOf(options.port())),
                options.directory(), options.directory().resolve("postgresql.log"), Map.of(),
                Optional.of(OS_USER), "INT", options.ephemeral() ? options.directory() : null);
        options.record(process);
        PostgresEndpoint endpoint = new PostgresEndpoint("127.0.0.1", options.port(), "postgres", "postgres", "");
        Readiness.await(process, Duration.ofSeconds(60), () -> answers(endpoint));
        String version = serverVersion(endpoint);
        return new RunningService<>(endpoint,
                "PostgreSQL " + version + " at " + endpoint + " (" + bin + ", data " + data + ")",
                () -> {
                    process.close();
                    if (options.ephemeral()) {
                        Directories.deleteTree(options.directory());
                    }
                });
    }

    private static void initialize(Path bin, Path dir, Path data, boolean ephemeral) {
        Directories.create(data);
        Unprivileged.chownTree(dir, OS_USER);
        LocalProcess initdb = LocalProcess.start("initdb",
                List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                        "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"),
                dir, dir.resolve("initdb.log"), Map.of(), Optional.of(OS_USER), "TERM", null);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (initdb.isAlive() && System.nanoTime() < deadline) {
            LocalProcess.sleep(100);
        }
        if (!Files.exists(data.resolve("PG_VERSION")) || initdb.isAlive()) {
            initdb.close();
            throw new IllegalStateException("initdb failed:\n" + LocalProcess.logTail(dir.resolve("initdb.log"), 30));
        }
        String conf = "\n# Syncline test kit\n"
                + "listen_addresses = '127.0.0.1'\n"
                + "unix_socket_directories = '" + data + "'\n"
                + "wal_level = logical\n"
                + "max_replication_slots = 16\n"
                + "max_wal_senders = 16\n"
                + "max_connections = 200\n"
                // Throw-away test data does not need to survive a power cut.
                + (ephemeral ? "fsync = off\nfull_page_writes = off\n" : "");
        try {
            Files.writeString(data.resolve("postgresql.conf"), conf, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SYNCLINE_PG_BINDIR, else the newest /usr/lib/postgresql/N/bin, else pg_config's bindir. */
    static Path binaries() {
        String configured = System.getenv("SYNCLINE_PG_BINDIR");
        if (configured != null && !configured.isBlank()) {
            return requireServer(Path.of(configured));
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("postgres")))
                        .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() == 0) {
                return requireServer(Path.of(out));
            }
        } catch (IOException e) {
            // no pg_config on PATH: fall through to the error below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("no PostgreSQL server binaries found (looked at $SYNCLINE_PG_BINDIR, "
                + "/usr/lib/postgresql/*/bin and pg_config --bindir)");
    }

    private static Path requireServer(Path bin) {
        if (!Files.isExecutable(bin.resolve("postgres")) || !Files.isExecutable(bin.resolve("initdb"))) {
            throw new IllegalStateException(bin + " has no postgres and initdb executables");
        }
        return bin;
    }

    private static boolean answers(PostgresEndpoint endpoint) {
        try (Connection ignored = endpoint.connect()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String serverVersion(PostgresEndpoint endpoint) {
        try (Connection c = endpoint.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL answered, then failed: " + e.getMessage(), e);
        }
    }
}
