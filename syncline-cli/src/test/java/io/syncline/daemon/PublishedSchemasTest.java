package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.PublishedSchema;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reading the schemas topic against a mock consumer: to its end, waiting for missing views, and tailing it. */
class PublishedSchemasTest {
    private static final String TOPIC = "shop.syncline.schemas";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final PublishedSchemas schemas = new PublishedSchemas(consumer, TOPIC);
    private long offset;

    PublishedSchemasTest() {
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, new Node[] {node}, new Node[] {node})));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, 0L));
    }

    @AfterEach
    void close() {
        schemas.close();
    }

    @Test
    void readsEachViewsLatestSchemaToTheTopicsEnd() {
        PublishedSchema first = published("orders", 100, FieldKind.INT32);
        PublishedSchema widened = published("orders", 200, FieldKind.INT64);
        PublishedSchema items = published("items", 150, FieldKind.STRING);
        appendOnFirstPoll(first, items, widened);

        assertThat(schemas.readToEnd()).isEqualTo(Map.of("orders", widened, "items", items));
    }

    @Test
    void waitsUntilEveryViewAsked() {
        appendOnFirstPoll(published("items", 150, FieldKind.STRING));
        PublishedSchema orders = published("orders", 100, FieldKind.INT32);
        AtomicInteger polls = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            consumer.schedulePollTask(() -> {
                if (polls.incrementAndGet() == 10) {
                    append(orders);
                }
            });
        }

        Map<String, PublishedSchema> all = schemas.await(List.of("orders", "items"));

        assertThat(all).containsEntry("orders", orders).containsKey("items");
        assertThat(polls.get()).as("read on until orders was published").isGreaterThanOrEqualTo(10);
    }

    @Test
    void tailingTellsTheListenerAtStartAndAfterEachNewVersion() {
        PublishedSchema first = published("orders", 100, FieldKind.INT32);
        appendOnFirstPoll(first);
        schemas.readToEnd();
        List<Map<String, PublishedSchema>> told = new CopyOnWriteArrayList<>();

        schemas.tail(told::add);
        await().atMost(Duration.ofSeconds(5)).until(() -> told.size() == 1);
        PublishedSchema widened = published("orders", 200, FieldKind.INT64);
        consumer.schedulePollTask(() -> {
            append(first); // the same version again (e.g. published by a second views process) is no change
            append(widened);
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> told.size() == 2);
        assertThat(told).containsExactly(Map.of("orders", first), Map.of("orders", widened));
        assertThat(schemas.failure()).isEmpty();
    }

    @Test
    void aRecordItCannotReadStopsTailingWithAFailure() {
        schemas.readToEnd();
        schemas.tail(latest -> { });
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset++, "orders",
                "{\"version\":1}".getBytes(StandardCharsets.UTF_8))));

        await().atMost(Duration.ofSeconds(5)).until(() -> schemas.failure().isPresent());
        assertThat(schemas.failure().get()).hasMessage("topic shop.syncline.schemas holds a view schema this Syncline"
                + " cannot read (view orders, offset 0): a published schema needs version, digest and schema");
    }

    private static PublishedSchema published(String view, long version, FieldKind idKind) {
        ViewSchema schema = new ViewSchema(view, List.of(new ViewField("id", FieldType.of(idKind, false, "x"))), List.of("id"));
        return new PublishedSchema(version, io.syncline.view.ViewSchemaJson.digest(schema), schema);
    }

    /** Appends to the topic: a record, and the end offset past it (on a poll: the partition is assigned then). */
    private void append(PublishedSchema schema) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset++, schema.view(), schema.encode()));
        consumer.updateEndOffsets(Map.of(PARTITION, offset));
    }

    /** What the topic holds before it is read: the end offset now, the records on the first poll. */
    private void appendOnFirstPoll(PublishedSchema... published) {
        consumer.updateEndOffsets(Map.of(PARTITION, offset + published.length));
        consumer.schedulePollTask(() -> List.of(published).forEach(this::append));
    }
}
