package io.syncline.daemon;

import io.syncline.view.RecordSizes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-node Kafka broker Syncline runs in its own process when a pipeline names no
 * bootstrap servers: KRaft (combined broker and controller), loopback only, data in the state
 * directory so topics, offsets and Streams state survive restarts. Kafka's server classes are
 * internal API: they stay behind this one class.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats the storage on first use, then starts the broker; returns once it accepts connections. */
    public static EmbeddedKafkaBroker start(Path directory) {
        try {
            Files.createDirectories(directory);
            int port = freePort();
            int controllerPort = freePort();
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", directory.resolve("data").toString());
            // One node: every internal topic has one replica.
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "5");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("auto.create.topics.enable", "false");
            // The pipeline's maximum record size (the broker default is 1 MiB); topics set it too.
            props.put("message.max.bytes", Integer.toString(RecordSizes.MAX_RECORD_BYTES));
            props.put("replica.fetch.max.bytes", Integer.toString(RecordSizes.MAX_RECORD_BYTES));
            Path config = directory.resolve("server.properties");
            try (var out = Files.newOutputStream(config)) {
                props.store(out, "Syncline embedded broker (rewritten at every start: ports are chosen anew)");
            }
            format(directory, config);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            String bootstrap = "127.0.0.1:" + port;
            LOG.info("embedded Kafka broker ready at {} (data in {})", bootstrap, directory.resolve("data"));
            return new EmbeddedKafkaBroker(server, bootstrap);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded Kafka broker in " + directory, e);
        }
    }

    private static void format(Path directory, Path config) {
        Path clusterIdFile = directory.resolve("cluster.id");
        try {
            if (!Files.exists(clusterIdFile)) {
                Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
            }
            String clusterId = Files.readString(clusterIdFile).trim();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString(),
                    "--ignore-formatted"}, new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exit != 0) {
                throw new IllegalStateException("formatting the embedded broker's storage failed: "
                        + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Where the broker last started in {@code directory} listens (its {@code server.properties} is
     * rewritten at every start), for tools that talk to a running daemon's broker; empty if it never ran.
     */
    public static java.util.Optional<String> lastBootstrapServers(Path directory) {
        Path config = directory.resolve("server.properties");
        if (!Files.isReadable(config)) {
            return java.util.Optional.empty();
        }
        Properties props = new Properties();
        try (var in = Files.newInputStream(config)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + config, e);
        }
        return java.util.Optional.ofNullable(props.getProperty("advertised.listeners"))
                .map(listener -> listener.replaceFirst("^PLAINTEXT://", ""));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        LOG.info("embedded Kafka broker stopped");
    }
}
