package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.PublishedSchema;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** What the views process writes to the schemas topic: each changed schema, keyed by view, with a version that only grows. */
class SchemaPublisherTest {
    private static final String TOPIC = "shop.syncline.schemas";
    private static final ViewSchema ORDERS = schema("orders", FieldKind.INT32);
    private static final ViewSchema ORDERS_WIDENED = schema("orders", FieldKind.INT64);
    private static final ViewSchema ITEMS = schema("items", FieldKind.STRING);

    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    private final SchemaPublisher publisher = new SchemaPublisher(producer, TOPIC, () -> 5_000);

    @Test
    void publishesEverySchemaTheTopicLacksOrHasOtherwise() throws Exception {
        PublishedSchema onTopic = PublishedSchema.next(null, ORDERS, 1_000);

        Map<String, PublishedSchema> published = publisher.publish(schemas(ORDERS_WIDENED, ITEMS), Map.of("orders", onTopic));

        assertThat(published).containsOnlyKeys("orders", "items");
        assertThat(published.get("orders")).isEqualTo(PublishedSchema.next(onTopic, ORDERS_WIDENED, 5_000));
        assertThat(published.get("orders").version()).isEqualTo(5_000);
        assertThat(published.get("items")).isEqualTo(PublishedSchema.next(null, ITEMS, 5_000));
        assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple(TOPIC, "orders"), org.assertj.core.groups.Tuple.tuple(TOPIC, "items"));
        assertThat(PublishedSchema.decode(producer.history().get(0).value())).isEqualTo(published.get("orders"));
    }

    @Test
    void anUnchangedSchemaIsNotWrittenAgainAndKeepsItsVersion() throws Exception {
        PublishedSchema onTopic = PublishedSchema.next(null, ORDERS, 1_000);

        Map<String, PublishedSchema> published = publisher.publish(schemas(ORDERS), Map.of("orders", onTopic));

        assertThat(published).isEqualTo(Map.of("orders", onTopic));
        assertThat(producer.history()).isEmpty();
    }

    private static Map<String, ViewSchema> schemas(ViewSchema... schemas) {
        Map<String, ViewSchema> byView = new LinkedHashMap<>();
        for (ViewSchema schema : schemas) {
            byView.put(schema.view(), schema);
        }
        return byView;
    }

    private static ViewSchema schema(String view, FieldKind idKind) {
        return new ViewSchema(view, List.of(new ViewField("id", FieldType.of(idKind, false, "x"))), List.of("id"));
    }
}
