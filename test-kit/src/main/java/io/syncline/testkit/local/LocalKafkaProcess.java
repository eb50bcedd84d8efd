package io.syncline.testkit.local;

import io.syncline.testkit.KafkaEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka as its own JVM ({@code kafka.Kafka}), on a fixed port: what the
 * local-services script runs. The controller listens on the port above the broker's.
 */
public final class LocalKafkaProcess {
    private LocalKafkaProcess() {
    }

    public static RunningService<KafkaEndpoint> start(LocalOptions options) {
        Path dir = Directories.create(options.directory());
        Path properties = dir.resolve("server.properties");
        int port = options.port();
        int controllerPort = port + 1;
        try {
            if (!Files.exists(properties)) {
                String config = String.join("\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                        "controller.listener.names=CONTROLLER",
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "log.dirs=" + dir.resolve("data"),
                        LocalKafka.SINGLE_NODE.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                                .sorted().collect(Collectors.joining("\n")),
                        "");
                Files.writeString(properties, config);
                LocalProcess format = JavaProcess.start("kafka-storage-format", "256m", "kafka.tools.StorageTool",
                        List.of("format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString(), "--ignore-formatted"),
                        options, dir.resolve("format.log"));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (format.isAlive() && System.nanoTime() < deadline) {
                    LocalProcess.sleep(100);
                }
                if (format.isAlive() || !Files.exists(dir.resolve("data/meta.properties"))) {
                    format.close();
                    Files.deleteIfExists(properties);
                    throw new IllegalStateException("formatting Kafka storage failed:\n"
                            + LocalProcess.logTail(dir.resolve("format.log"), 30));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalProcess process = JavaProcess.start("kafka", "512m", "kafka.Kafka", List.of(properties.toString()),
                options, dir.resolve("kafka.log"));
        options.record(process);
        KafkaEndpoint endpoint = new KafkaEndpoint("127.0.0.1:" + port);
        Readiness.await(process, Duration.ofSeconds(120), () -> Ports.listening(port));
        return new RunningService<>(endpoint, "Kafka (KRaft, own JVM) at " + endpoint + " (state " + dir + ")",
                process::close);
    }
}
