package io.syncline.testkit.local;

import io.syncline.testkit.ElasticsearchEndpoint;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Elasticsearch from the integ-test distribution on Maven Central (the build fetches it into the
 * local Maven repository). Unpacked once into the cache; each instance has its own config, data,
 * logs and tmp directories and runs as {@code nobody} when the JVM is root (Elasticsearch refuses root).
 */
public final class LocalElasticsearch {
    private static final String OS_USER = "nobody";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalElasticsearch() {
    }

    public static RunningService<ElasticsearchEndpoint> start(LocalOptions options) {
        Properties kit = TestKitProperties.load();
        String version = kit.getProperty("elasticsearch.version");
        Path home = unpacked(version, Path.of(System.getenv().getOrDefault("SYNCLINE_ES_ZIP", kit.getProperty("elasticsearch.zip"))));
        Path dir = options.directory();
        int transportPort = options.ephemeral() ? Ports.free() : options.port() + 100;
        Path config = dir.resolve("config");
        if (!Files.exists(config.resolve("elasticsearch.yml.syncline"))) {
            writeConfig(home, dir, config, options.port(), transportPort);
        }
        Unprivileged.chownTree(dir, OS_USER);
        String javaHome = System.getenv().getOrDefault("ES_JAVA_HOME", System.getProperty("java.home"));
        LocalProcess process = LocalProcess.start("elasticsearch",
                List.of(home.resolve("bin/elasticsearch").toString(), "-p", dir.resolve("elasticsearch.pid").toString()),
                dir, dir.resolve("elasticsearch.out"),
                Map.of("ES_JAVA_HOME", javaHome, "ES_PATH_CONF", config.toString(),
                        "ES_TMPDIR", dir.resolve("tmp").toString(), "HOME", dir.toString()),
                Optional.of(OS_USER), "TERM", options.ephemeral() ? dir : null);
        options.record(process);
        ElasticsearchEndpoint endpoint = new ElasticsearchEndpoint(URI.create("http://127.0.0.1:" + options.port()));
        Readiness.await(process, Duration.ofSeconds(180), () -> healthy(endpoint));
        return new RunningService<>(endpoint,
                "Elasticsearch " + version + " at " + endpoint + " (" + home + ", state " + dir + ")",
                () -> {
                    process.close();
                    if (options.ephemeral()) {
                        Directories.deleteTree(dir);
                    }
                });
    }

    private static void writeConfig(Path home, Path dir, Path config, int httpPort, int transportPort) {
        try {
            for (String sub : List.of("data", "logs", "tmp")) {
                Directories.create(dir.resolve(sub));
            }
            copyTree(home.resolve("config"), config);
            // Security must be off before the first start, or the node switches itself to HTTPS.
            String yml = String.join("\n",
                    "cluster.name: syncline-local",
                    "node.name: syncline-local-node",
                    "discovery.type: single-node",
                    "network.host: 127.0.0.1",
                    "http.port: " + httpPort,
                    "transport.port: " + transportPort,
                    "path.data: " + dir.resolve("data"),
                    "path.logs: " + dir.resolve("logs"),
                    "xpack.security.enabled: false",
                    "cluster.routing.allocation.disk.threshold_enabled: false",
                    "action.destructive_requires_name: false",
                    "");
            Files.writeString(config.resolve("elasticsearch.yml"), yml);
            Files.writeString(config.resolve("elasticsearch.yml.syncline"), "written by the Syncline test kit\n");
            Directories.create(config.resolve("jvm.options.d"));
            Files.writeString(config.resolve("jvm.options.d/syncline-heap.options"), "-Xms512m\n-Xmx512m\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distribution unpacked in the cache, unpacking it first if needed (once, across JVMs). */
    private static Path unpacked(String version, Path zip) {
        Path cache = Directories.cache();
        Path home = cache.resolve("elasticsearch-" + version);
        if (Files.isExecutable(home.resolve("bin/elasticsearch"))) {
            return home;
        }
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("the Elasticsearch distribution is not at " + zip);
        }
        try (FileChannel lockFile = FileChannel.open(cache.resolve(".elasticsearch.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (Files.isExecutable(home.resolve("bin/elasticsearch"))) {
                return home;
            }
            Path staging = Files.createTempDirectory(cache, "elasticsearch-unpacking-");
            unzip(zip, staging);
            Path root;
            try (Stream<Path> top = Files.list(staging)) {
                root = top.filter(Files::isDirectory).findFirst().orElseThrow(() -> new IllegalStateException(zip + " is empty"));
            }
            try (Stream<Path> bin = Files.list(root.resolve("bin"))) {
                for (Path script : (Iterable<Path>) bin::iterator) {
                    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            Files.move(root, home, StandardCopyOption.ATOMIC_MOVE);
            Directories.deleteTree(staging);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + zip + ": " + e.getMessage(), e);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(entries, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static boolean healthy(ElasticsearchEndpoint endpoint) {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            endpoint.url().resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
