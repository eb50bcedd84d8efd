package io.syncline.testkit.local;

import io.syncline.testkit.ClickHouseEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real ClickHouse SQL engine (chDB, from the npm package {@code chdb}) behind a small Node HTTP
 * front that speaks the part of ClickHouse's HTTP interface clickhouse-jdbc uses. The package is
 * installed once into the cache with npm; each instance keeps its tables in its own directory.
 */
public final class LocalClickHouse {
    private static final String RESOURCES = "/io/syncline/testkit/clickhouse/";
    private static final String FRONT = "chdb-http-front.mjs";
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalClickHouse() {
    }

    public static RunningService<ClickHouseEndpoint> start(LocalOptions options) {
        Path front = installed();
        Path data = Directories.create(options.directory().resolve("data"));
        String node = System.getenv().getOrDefault("SYNCLINE_NODE", "node");
        LocalProcess process = LocalProcess.start("chdb-http-front",
                List.of(node, front.resolve(FRONT).toString(), "--host", "127.0.0.1",
                        "--port", String.valueOf(options.port()), "--data", data.toString()),
                front, options.directory().resolve("clickhouse.log"), Map.of(),
                Optional.empty(), "TERM", options.ephemeral() ? options.directory() : null);
        options.record(process);
        ClickHouseEndpoint endpoint = new ClickHouseEndpoint(URI.create("http://127.0.0.1:" + options.port()), "default", "");
        Readiness.await(process, Duration.ofSeconds(60), () -> pings(endpoint));
        return new RunningService<>(endpoint,
                "ClickHouse engine " + serverVersion(endpoint) + " (chDB in Node, HTTP front) at " + endpoint
                        + " (data " + data + ")",
                () -> {
                    process.close();
                    if (options.ephemeral()) {
                        Directories.deleteTree(options.directory());
                    }
                });
    }

    /**
     * The cache directory holding the front and its node_modules, keyed by a hash of both files so
     * that a changed front or chdb version gets a fresh install.
     */
    private static Path installed() {
        byte[] packageJson = resource("package.json");
        byte[] script = resource(FRONT);
        Path dir = Directories.cache().resolve("chdb-front-" + shortHash(packageJson, script));
        Path marker = dir.resolve(".installed");
        if (Files.exists(marker)) {
            return dir;
        }
        Path cache = Directories.cache();
        try (FileChannel lockFile = FileChannel.open(cache.resolve(".chdb.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (Files.exists(marker)) {
                return dir;
            }
            Path staging = Files.createTempDirectory(cache, "chdb-installing-");
            Files.write(staging.resolve("package.json"), packageJson);
            Files.write(staging.resolve(FRONT), script);
            npmInstall(staging);
            Directories.deleteTree(dir);
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(marker, "ok\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void npmInstall(Path dir) throws IOException {
        Path log = dir.resolve("npm-install.log");
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--omit=dev", "--loglevel=error")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!npm.waitFor(NPM_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm install of chdb took over " + NPM_TIMEOUT.toMinutes() + " min");
            }
        } catch (InterruptedException e) {
            npm.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during npm install", e);
        }
        if (npm.exitValue() != 0) {
            throw new IllegalStateException("npm install of chdb failed (exit " + npm.exitValue() + "):\n"
                    + LocalProcess.logTail(log, 30));
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = LocalClickHouse.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shortHash(byte[]... parts) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean pings(ClickHouseEndpoint endpoint) {
        return get(endpoint, "/ping") != null;
    }

    private static String serverVersion(ClickHouseEndpoint endpoint) {
        String version = get(endpoint, "/?query=SELECT%20version()");
        return version == null ? "(unknown version)" : version.trim();
    }

    private static String get(ClickHouseEndpoint endpoint, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint.httpUrl().resolve(path))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
