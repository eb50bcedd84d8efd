package io.syncline.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * A Kafka Connect standalone worker in this JVM, wired as {@code ConnectStandalone} wires it
 * (plugins, a file offset store, {@link Worker}, {@link StandaloneHerder}) but without its REST
 * server and without its {@code Exit} on a failed start, which would end the whole run. In this
 * JVM rather than a child one so that the CPU sampler sees its threads by name, as it sees
 * Syncline's; the connectors are on the classpath (no plugin.path isolation), and the MongoDB sink
 * connector runs on the driver version Syncline pins (5.x; it declares 4.7, and every driver class it
 * references exists in 5.x, as does a method or field of every name it calls).
 */
final class KafkaConnectWorker implements AutoCloseable {
    private static final long CONNECTOR_TIMEOUT_S = 60;

    private final StandaloneHerder herder;
    private final double startSeconds;

    /**
     * @param offsetsFile where source offsets go (what {@code offset.storage.file.filename} names)
     */
    KafkaConnectWorker(String bootstrapServers, Path offsetsFile) {
        long start = System.nanoTime();
        Map<String, String> props = Map.of(
                "bootstrap.servers", bootstrapServers,
                // Debezium's events as Syncline's capture writes them: JSON without schemas.
                WorkerConfig.KEY_CONVERTER_CLASS_CONFIG, JsonConverter.class.getName(),
                WorkerConfig.VALUE_CONVERTER_CLASS_CONFIG, JsonConverter.class.getName(),
                "key.converter." + JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false",
                "value.converter." + JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false",
                StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG, offsetsFile.toString(),
                // The connectors are on the classpath; the mongo-kafka jar has no ServiceLoader manifest to find it by.
                WorkerConfig.PLUGIN_DISCOVERY_CONFIG, "only_scan");
        Plugins plugins = new Plugins(props);
        // Connect swaps in its plugin class loader as the thread's context loader; the harness's main thread gets its own back.
        ClassLoader previous = plugins.compareAndSwapWithDelegatingLoader();
        try {
            StandaloneConfig config = new StandaloneConfig(props);
            ConnectorClientConfigOverridePolicy policy = plugins.newPlugin(
                    config.getString(WorkerConfig.CONNECTOR_CLIENT_POLICY_CLASS_CONFIG), config,
                    ConnectorClientConfigOverridePolicy.class);
            FileOffsetBackingStore offsets = new FileOffsetBackingStore(plugins.newInternalConverter(true,
                    JsonConverter.class.getName(), Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false")));
            offsets.configure(config);
            Worker worker = new Worker("bench-connect", Time.SYSTEM, plugins, config, offsets, policy);
            this.herder = new StandaloneHerder(worker, config.kafkaClusterId(), policy);
            herder.start();
        } finally {
            Plugins.compareAndSwapLoaders(previous);
        }
        this.startSeconds = (System.nanoTime() - start) / 1e9;
    }

    /** Seconds from the constructor's start until the herder ran: plugin scanning, cluster id lookup, offsets. */
    double startSeconds() {
        return startSeconds;
    }

    /** Creates a connector, as {@code POST /connectors} would; its tasks start after this returns. */
    void create(String name, Map<String, String> config) throws Exception {
        Map<String, String> named = new HashMap<>(config);
        named.put("name", name); // what the REST layer adds from the request's name
        FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
        herder.putConnectorConfig(name, named, false, created);
        created.get(CONNECTOR_TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** Why a connector or one of its tasks failed, if one did: waiting for it is then pointless. */
    Optional<String> failure(String... connectors) {
        for (String name : connectors) {
            ConnectorStateInfo status;
            try {
                status = herder.connectorStatus(name);
            } catch (RuntimeException e) {
                continue; // not created yet
            }
            if ("FAILED".equals(status.connector().state())) {
                return Optional.of(name + " failed: " + status.connector().trace());
            }
            for (ConnectorStateInfo.TaskState task : status.tasks()) {
                if ("FAILED".equals(task.state())) {
                    return Optional.of(name + " task " + task.id() + " failed: " + task.trace());
                }
            }
        }
        return Optional.empty();
    }

    /** Stops the connectors and the worker; the offsets file stays for the caller to delete. */
    @Override
    public void close() {
        herder.stop();
    }
}
