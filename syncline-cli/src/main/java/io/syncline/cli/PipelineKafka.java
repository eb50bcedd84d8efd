package io.syncline.cli;

import io.syncline.config.PipelineSpec;
import io.syncline.daemon.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The Kafka a command talks to besides the daemon: the pipeline's {@code bootstrapServers}, or
 * the broker a running daemon embeds (found in its state directory), with the pipeline's client
 * properties and a timeout fit for a command line.
 */
public final class PipelineKafka {
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    private PipelineKafka() {
    }

    /** The bootstrap servers, or why there are none to reach. */
    public static String bootstrapServers(PipelineSpec spec) throws UnavailableException {
        if (spec.kafka().embedded()) {
            Path dir = Path.of(spec.stateDir()).resolve("kafka");
            return EmbeddedKafkaBroker.lastBootstrapServers(dir).orElseThrow(() -> new UnavailableException(
                    "the pipeline uses the embedded Kafka broker, which has never run in " + dir, null));
        }
        return spec.kafka().bootstrapServers().orElseThrow();
    }

    /** Client properties for {@code bootstrap}: the pipeline's own, then the bootstrap servers and timeouts. */
    public static Map<String, Object> clientProperties(PipelineSpec spec, String bootstrap) {
        Map<String, Object> properties = new HashMap<>(spec.kafka().properties());
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        properties.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return properties;
    }
}
