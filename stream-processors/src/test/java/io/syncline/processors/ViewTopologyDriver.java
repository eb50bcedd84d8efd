package io.syncline.processors;

import io.syncline.config.TableName;
import io.syncline.processors.errors.ViewDeadLetters;
import io.syncline.processors.plan.ViewPlan;
import io.syncline.view.Topics;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewRecordCodec;
import io.syncline.view.ViewSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * One view plan of pipeline "shop" through the real view topology in a TopologyTestDriver, with
 * its own state directory: change topics in (JSON text), the view topic and the view stage's
 * dead-letter topic out.
 */
final class ViewTopologyDriver implements AutoCloseable {
    private static final String PIPELINE = "shop";
    private static final String DEAD_LETTER_TOPIC = Topics.viewDeadLetterTopic(PIPELINE);

    private final ViewPlan plan;
    private final TopologyTestDriver driver;
    private final ViewRecordCodec codec;
    private final Map<TableName, TestInputTopic<String, String>> changes = new HashMap<>();
    private final TestOutputTopic<String, byte[]> view;
    private final TestOutputTopic<byte[], byte[]> deadLetters;

    private ViewTopologyDriver(Builder setup) {
        plan = setup.plan;
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "view-topology-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, TestStateDirs.fresh());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        ProcessorViews processorViews = new ProcessorViews();
        if (setup.deadLetters) {
            // Before the topology is built: its config takes the exception handlers from these properties.
            new ViewDeadLetters(DEAD_LETTER_TOPIC, setup.metrics, processorViews).configure(props);
        }
        StreamsBuilder builder = ViewTopology.build(new StreamsBuilder(new TopologyConfig(new StreamsConfig(props))),
                List.of(plan), setup.metrics, processorViews, setup.sourceRows, setup.schemaWatch,
                setup.schemaVersion == null ? Map.of() : Map.of(plan.view(), setup.schemaVersion));
        if (setup.cacheBytes != null) {
            props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, setup.cacheBytes);
        }
        driver = new TopologyTestDriver(builder.build(), props);
        codec = new ViewRecordCodec(plan.schema());
        view = driver.createOutputTopic(plan.viewTopic(), new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(DEAD_LETTER_TOPIC, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static Builder of(ViewPlan plan) {
        return new Builder(plan);
    }

    /** The change topic of {@code table}, as the capture stage writes it. */
    TestInputTopic<String, String> changes(TableName table) {
        return changes.computeIfAbsent(table, t -> driver.createInputTopic(
                Topics.changeTopic(PIPELINE, t.schema(), t.table()), new StringSerializer(), new StringSerializer()));
    }

    /** The view topic's records as written: key, value (null for a tombstone), headers. */
    TestOutputTopic<String, byte[]> view() {
        return view;
    }

    /** Reads every record the view topic holds now, decoded. */
    List<ViewRecord> drain() {
        return view.readRecordsToList().stream().map(this::decode).toList();
    }

    ViewRecord decode(TestRecord<String, byte[]> record) {
        return codec.decode(record.key().getBytes(StandardCharsets.UTF_8), record.value(), name -> {
            Header header = record.headers().lastHeader(name);
            return header == null ? null : header.value();
        });
    }

    /** The schema of the view's documents. */
    ViewSchema schema() {
        return plan.schema();
    }

    /** The view stage's dead-letter topic (written only with {@link Builder#deadLetters()}). */
    TestOutputTopic<byte[], byte[]> deadLetters() {
        return deadLetters;
    }

    /** The topics the topology has written so far: view topic, changelogs, internal topics (application id first). */
    Set<String> producedTopics() {
        return driver.producedTopicNames();
    }

    /** Commits, as the stream thread does every commit interval: the stores' caches flush. */
    void commit() {
        driver.advanceWallClockTime(Duration.ofMillis(1));
    }

    /** Every state store of the topology by name. */
    Map<String, StateStore> stores() {
        return driver.getAllStateStores();
    }

    /** A key-value store of the topology by name, to set what an earlier run left. */
    KeyValueStore<String, byte[]> store(String name) {
        return driver.getKeyValueStore(name);
    }

    /** The view's store of latest rows, to set what an earlier run left. */
    KeyValueStore<String, byte[]> rowStore() {
        return driver.getKeyValueStore(ViewTopology.rowStoreName(plan));
    }

    @Override
    public void close() {
        driver.close();
    }

    static final class Builder {
        private final ViewPlan plan;
        private ViewMetrics metrics = new ViewMetrics();
        private SourceRows sourceRows = new FakeSourceRows();
        private SourceSchemaWatch schemaWatch = SourceSchemaWatch.NONE;
        private boolean deadLetters;
        private Long cacheBytes;
        private Long schemaVersion;

        private Builder(ViewPlan plan) {
            this.plan = plan;
        }

        Builder metrics(ViewMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        Builder sourceRows(SourceRows sourceRows) {
            this.sourceRows = sourceRows;
            return this;
        }

        Builder schemaWatch(SourceSchemaWatch schemaWatch) {
            this.schemaWatch = schemaWatch;
            return this;
        }

        /** Records a processor cannot handle go to the view stage's dead-letter topic, as the daemon runs it. */
        Builder deadLetters() {
            this.deadLetters = true;
            return this;
        }

        /** No record caches: every update of a store goes downstream, not just the last per key of each input record. */
        Builder uncached() {
            return cacheBytes(0);
        }

        /** Record caches of this many bytes per stream thread (as {@code statestore.cache.max.bytes}). */
        Builder cacheBytes(long bytes) {
            this.cacheBytes = bytes;
            return this;
        }

        /** The version of the view's schema, put on its records as the daemon does. */
        Builder schemaVersion(long version) {
            this.schemaVersion = version;
            return this;
        }

        ViewTopologyDriver start() {
            return new ViewTopologyDriver(this);
        }
    }
}
