package io.syncline.testkit.local;

import io.syncline.testkit.KafkaEndpoint;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A single-node KRaft Kafka (combined broker + controller) inside this JVM, via Kafka's KafkaClusterTestKit. */
public final class LocalKafka {
    /** Replication factor 1 everywhere, so acks=all, transactions and Streams work on one node. */
    static final Map<String, String> SINGLE_NODE = Map.of(
            "offsets.topic.replication.factor", "1",
            "offsets.topic.num.partitions", "5",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "share.coordinator.state.topic.replication.factor", "1",
            "share.coordinator.state.topic.min.isr", "1",
            "group.initial.rebalance.delay.ms", "0",
            "auto.create.topics.enable", "true");

    private LocalKafka() {
    }

    public static RunningService<KafkaEndpoint> start(LocalOptions options) {
        if (!options.ephemeral()) {
            throw new IllegalArgumentException("the in-process broker is for tests; the local-services script runs KafkaBrokerProcess");
        }
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(options.directory())
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
            SINGLE_NODE.forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            try {
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
            } catch (Exception | Error e) {
                cluster.close();
                throw e;
            }
            KafkaEndpoint endpoint = new KafkaEndpoint(cluster.bootstrapServers());
            return new RunningService<>(endpoint,
                    "Kafka (KRaft, in-process KafkaClusterTestKit) at " + endpoint,
                    () -> {
                        cluster.close();
                        Directories.deleteTree(options.directory());
                    });
        } catch (Exception e) {
            throw new IllegalStateException("the in-process Kafka broker did not start: " + e, e);
        }
    }
}
