package io.syncline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A raw baseline for the view stage, as B is for the sinks: the shop's two joined views built by a
 * hand-written Kafka Streams topology with the Kafka hops a join processor of our own would make, so
 * that J5 measures how fast such a design could go on this machine before anyone builds it.
 *
 * <p>Every table's rows go to the partition of the order they belong to: an order by its id, an item by
 * its {@code order_id} (one repartition record each). The small tables, customers and products, are
 * copied to every partition (one record per partition). One processor per partition then holds the
 * rows, a copy of customers and products and two look-up indexes (customer → orders, product → items)
 * in stores with changelogs, and writes the documents of the orders and facts a row touched, once per
 * 100 ms however often they were touched, with one changelog record per document (as the documents
 * stage keeps each document's version). Exactly-once, 100 ms commits, two stream threads, as the view
 * stage runs.
 *
 * <p>It is a floor, not a product: it knows only the shop, keeps values as Debezium wrote them (no
 * type conversions, transforms, TOAST, truncates, dead letters or schema checks), ignores replays
 * beyond the last one per row, and keeps the touched documents in memory until they are written,
 * so a crash could lose their rewrite. Its records per source row and its pace are what such a design
 * starts from.
 */
final class JoinProcessorFloor implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EMIT_EVERY = Duration.ofMillis(100);
    private static final String ORDER = "o";
    private static final String ITEM = "i";
    private static final String CUSTOMER = "c";
    private static final String PRODUCT = "p";

    private final KafkaStreams streams;
    private final LongAdder changesRead = new LongAdder();
    private final LongAdder documents = new LongAdder();

    /** The application id ends in ".views-floor", so the CPU sampler counts its threads as the views'. */
    JoinProcessorFloor(String bootstrapServers, String applicationId, Path stateDir, String topicPrefix,
                       String ordersTopic, String factsTopic) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 20L * 1024 * 1024);
        p.put(StreamsConfig.POLL_MS_CONFIG, 10);
        p.put(StreamsConfig.consumerPrefix("fetch.max.wait.ms"), 50);
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 25);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 128 * 1024);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "none");
        this.streams = new KafkaStreams(topology(topicPrefix, ordersTopic, factsTopic).build(), p);
    }

    void start() {
        streams.start();
    }

    long changesRead() {
        return changesRead.sum();
    }

    long documents() {
        return documents.sum();
    }

    Map<MetricName, ? extends Metric> metrics() {
        return streams.metrics();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }

    private StreamsBuilder topology(String prefix, String ordersTopic, String factsTopic) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> rows = byOrder(builder, prefix, "orders", ORDER, row -> text(row, "id"))
                .merge(byOrder(builder, prefix, "order_items", ITEM, row -> text(row, "order_id")))
                .merge(everywhere(builder, prefix, "customers", CUSTOMER))
                .merge(everywhere(builder, prefix, "products", PRODUCT));
        for (String store : List.of(ORDER, ITEM, CUSTOMER, PRODUCT, "by-customer", "by-product", "documents")) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("floor-" + store),
                    Serdes.String(), Serdes.String()));
        }
        rows.process(Assembler::new, "floor-" + ORDER, "floor-" + ITEM, "floor-" + CUSTOMER, "floor-" + PRODUCT,
                        "floor-by-customer", "floor-by-product", "floor-documents")
                .to((key, value, context) -> key.startsWith(ORDER + "|") ? ordersTopic : factsTopic,
                        Produced.with(Serdes.String(), Serdes.String()));
        return builder;
    }

    /** A table's rows, tagged with the table, to the partition of the order they belong to. */
    private KStream<String, String> byOrder(StreamsBuilder builder, String prefix, String table, String tag,
                                            java.util.function.Function<JsonNode, String> orderId) {
        return rows(builder, prefix, table, tag, orderId)
                .repartition(Repartitioned.<String, String>as("floor-" + table).withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.String()));
    }

    /** A small table's rows, tagged, copied to every partition. */
    private KStream<String, String> everywhere(StreamsBuilder builder, String prefix, String table, String tag) {
        StreamPartitioner<String, String> all = (topic, key, value, partitions) ->
                Optional.of(IntStream.range(0, partitions).boxed().collect(Collectors.toSet()));
        return rows(builder, prefix, table, tag, row -> text(row, "id"))
                .repartition(Repartitioned.<String, String>as("floor-" + table).withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.String()).withStreamPartitioner(all));
    }

    /** Change events as {@code tag|row} keyed by {@code key} of the row (the row before it, for a delete). */
    private KStream<String, String> rows(StreamsBuilder builder, String prefix, String table, String tag,
                                         java.util.function.Function<JsonNode, String> key) {
        return builder.stream(prefix + ".public." + table, Consumed.with(Serdes.String(), Serdes.String()))
                .filter((k, v) -> v != null)
                .flatMap((k, v) -> {
                    changesRead.increment();
                    JsonNode event = read(v);
                    JsonNode after = event.path("after");
                    JsonNode row = after.isObject() ? after : event.path("before");
                    if (!row.isObject()) { // a truncate or the capture's end-of-snapshot marker
                        return List.of();
                    }
                    ObjectNode tagged = JSON.createObjectNode();
                    tagged.put("t", tag).put("lsn", event.path("source").path("lsn").asLong());
                    tagged.set("id", row);
                    if (after.isObject()) {
                        tagged.set("row", after);
                    }
                    return List.of(KeyValue.pair(key.apply(row), tagged.toString()));
                });
    }

    /** One partition's rows, look-ups and touched documents. */
    private final class Assembler implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;
        private KeyValueStore<String, String> orders;
        private KeyValueStore<String, String> items;
        private KeyValueStore<String, String> customers;
        private KeyValueStore<String, String> products;
        private KeyValueStore<String, String> byCustomer;
        private KeyValueStore<String, String> byProduct;
        private KeyValueStore<String, String> written;
        private final Set<String> touchedOrders = new LinkedHashSet<>();
        private final Set<String> touchedItems = new LinkedHashSet<>();

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            orders = context.getStateStore("floor-" + ORDER);
            items = context.getStateStore("floor-" + ITEM);
            customers = context.getStateStore("floor-" + CUSTOMER);
            products = context.getStateStore("floor-" + PRODUCT);
            byCustomer = context.getStateStore("floor-by-customer");
            byProduct = context.getStateStore("floor-by-product");
            written = context.getStateStore("floor-documents");
            context.schedule(EMIT_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> emit());
        }

        @Override
        public void process(Record<String, String> record) {
            JsonNode tagged = read(record.value());
            JsonNode row = tagged.get("row");
            switch (tagged.path("t").asText()) {
                case ORDER -> order(record.key(), row, tagged);
                case ITEM -> item(record.key(), row, tagged);
                case CUSTOMER -> small(customers, byCustomer, record.key(), row, tagged, false);
                case PRODUCT -> small(products, byProduct, record.key(), row, tagged, true);
                default -> throw new IllegalStateException("untagged row");
            }
        }

        private void order(String id, JsonNode row, JsonNode tagged) {
            JsonNode old = stored(orders, id);
            if (newer(old, tagged)) {
                reindex(byCustomer, old, row, "customer_id", id);
                put(orders, id, row, tagged);
                touchedOrders.add(id);
                try (KeyValueIterator<String, String> children = items.prefixScan(id + "|", new StringSerializer())) {
                    children.forEachRemaining(child -> touchedItems.add(child.key));
                }
            }
        }

        private void item(String orderId, JsonNode row, JsonNode tagged) {
            String key = orderId + "|" + text(tagged.get("id"), "line_no");
            JsonNode old = stored(items, key);
            if (newer(old, tagged)) {
                reindex(byProduct, old, row, "product_id", key);
                put(items, key, row, tagged);
                touchedOrders.add(orderId);
                touchedItems.add(key);
            }
        }

        /** A customer or product: every order (and, for a product, every item) that shows it is touched. */
        private void small(KeyValueStore<String, String> rows, KeyValueStore<String, String> index, String id,
                           JsonNode row, JsonNode tagged, boolean touchesItems) {
            if (newer(stored(rows, id), tagged)) {
                put(rows, id, row, tagged);
                try (KeyValueIterator<String, String> users = index.prefixScan(id + "|", new StringSerializer())) {
                    users.forEachRemaining(user -> {
                        String key = user.key.substring(id.length() + 1);
                        touchedOrders.add(key.contains("|") ? key.substring(0, key.indexOf('|')) : key);
                        if (touchesItems) {
                            touchedItems.add(key);
                        }
                    });
                }
            }
        }

        private void reindex(KeyValueStore<String, String> index, JsonNode old, JsonNode row, String column, String key) {
            String before = old == null || old.get("row") == null ? null : text(old.get("row"), column);
            String after = row == null ? null : text(row, column);
            if (before != null && !before.equals(after)) {
                index.delete(before + "|" + key);
            }
            if (after != null && !after.equals(before)) {
                index.put(after + "|" + key, "");
            }
        }

        /** Every document a row touched since the last time, once. */
        private void emit() {
            for (String id : touchedOrders) {
                JsonNode order = row(orders, id);
                send(ORDER + "|" + id, order == null ? null : orderDocument(id, order));
            }
            for (String key : touchedItems) {
                JsonNode item = row(items, key);
                send(ITEM + "|" + key, item == null ? null : fact(key, item));
            }
            touchedOrders.clear();
            touchedItems.clear();
        }

        private void send(String key, ObjectNode document) {
            String value = document == null ? null : JSON.createObjectNode().set("doc", document).toString();
            if (value == null) {
                written.delete(key);
            } else {
                written.put(key, Integer.toHexString(value.hashCode()));
            }
            context.forward(new Record<>(key, value, context.currentSystemTimeMs()));
            documents.increment();
        }

        private ObjectNode orderDocument(String id, JsonNode order) {
            ObjectNode doc = ((ObjectNode) order).deepCopy();
            JsonNode customer = row(customers, text(order, "customer_id"));
            doc.set("customer", customer == null ? null : pick(customer, "id", "name", "email"));
            List<JsonNode> lines = new ArrayList<>();
            try (KeyValueIterator<String, String> children = items.prefixScan(id + "|", new StringSerializer())) {
                children.forEachRemaining(child -> lines.add(read(child.value).get("row")));
            }
            lines.sort(Comparator.comparingLong(line -> line.path("line_no").asLong()));
            ArrayNode array = doc.putArray("items");
            for (JsonNode line : lines) {
                ObjectNode item = pick(line, "line_no", "product_id", "quantity", "unit_price");
                JsonNode product = row(products, text(line, "product_id"));
                item.set("product", product == null ? null : pick(product, "sku", "name"));
                array.add(item);
            }
            return doc;
        }

        private ObjectNode fact(String key, JsonNode item) {
            ObjectNode doc = ((ObjectNode) item).deepCopy();
            JsonNode order = row(orders, key.substring(0, key.indexOf('|')));
            JsonNode product = row(products, text(item, "product_id"));
            for (String column : List.of("customer_id", "status", "placed_at")) {
                doc.set("order_" + column, order == null ? null : order.get(column));
            }
            for (String column : List.of("sku", "name")) {
                doc.set("product_" + column, product == null ? null : product.get(column));
            }
            doc.put("line_total", item.path("quantity").asDouble() * item.path("unit_price").asDouble());
            return doc;
        }
    }

    private static boolean newer(JsonNode stored, JsonNode tagged) {
        return stored == null || stored.path("lsn").asLong() <= tagged.path("lsn").asLong();
    }

    private static void put(KeyValueStore<String, String> store, String key, JsonNode row, JsonNode tagged) {
        if (row == null) {
            store.delete(key);
        } else {
            store.put(key, JSON.createObjectNode().put("lsn", tagged.path("lsn").asLong()).set("row", row).toString());
        }
    }

    private static JsonNode stored(KeyValueStore<String, String> store, String key) {
        String value = key == null ? null : store.get(key);
        return value == null ? null : read(value);
    }

    private static JsonNode row(KeyValueStore<String, String> store, String key) {
        JsonNode stored = stored(store, key);
        return stored == null ? null : stored.get("row");
    }

    private static ObjectNode pick(JsonNode row, String... columns) {
        ObjectNode picked = JSON.createObjectNode();
        for (String column : columns) {
            picked.set(column, row.get(column));
        }
        return picked;
    }

    private static String text(JsonNode row, String column) {
        JsonNode value = row == null ? null : row.get(column);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
