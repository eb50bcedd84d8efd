package io.syncline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.syncline.config.SinkSpec.RouteSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineLoaderTest {

    private static final Path EXAMPLE = Path.of("examples/shop.yaml");
    private static final List<String> SHOP_VIEWS = List.of("customers", "products", "orders", "order_items");

    @Test
    void theShopExampleLoadsWithTheLocalServicesDefaults() throws Exception {
        PipelineSpec spec = new PipelineLoader().load(EXAMPLE, Map.of(), new FakeSinkCatalog());

        assertThat(spec.name()).isEqualTo("shop");
        assertThat(spec.stateDir()).isEqualTo("./state");
        SourceSpec source = spec.source();
        assertThat(source.postgres()).isEqualTo(new PostgresSpec("127.0.0.1", 55432, "shop", "postgres", new Secret("")));
        assertThat(source.slot()).isEqualTo("syncline_shop");
        assertThat(source.publication()).isEqualTo("syncline_shop");
        assertThat(source.tables()).extracting(TableName::toString)
                .containsExactly("public.customers", "public.products", "public.orders", "public.order_items");
        assertThat(source.snapshot()).isEqualTo(SnapshotMode.INITIAL);
        assertThat(source.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(spec.kafka()).isEqualTo(new KafkaSpec(Optional.of("127.0.0.1:59092"), "shop", 3, (short) 1, Map.of()));
        assertThat(spec.views()).extracting(ViewSpec::name).containsExactlyElementsOf(SHOP_VIEWS);
        assertThat(spec.views()).allSatisfy(view -> {
            assertThat(view.table()).isEqualTo(new TableName("public", view.name()));
            assertThat(view.key()).isEmpty();
        });
        assertThat(spec.sinks()).extracting(SinkSpec::name, SinkSpec::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("search", "elasticsearch"),
                org.assertj.core.groups.Tuple.tuple("documents", "mongodb"),
                org.assertj.core.groups.Tuple.tuple("analytics", "clickhouse"));
        assertThat(spec.sinks().get(0).connection()).containsExactly(Map.entry("url", "http://127.0.0.1:59200"),
                Map.entry("numberOfReplicas", "0"));
        assertThat(spec.sinks().get(1).connection()).containsExactly(
                Map.entry("uri", "mongodb://127.0.0.1:57017"), Map.entry("database", "shop"));
        assertThat(spec.sinks().get(2).connection()).containsExactly(
                Map.entry("url", "http://127.0.0.1:58123"), Map.entry("database", "default"));
        assertThat(spec.sinks()).allSatisfy(sink -> assertThat(sink.views()).extracting(RouteSpec::view, RouteSpec::target)
                .containsExactlyInAnyOrderElementsOf(SHOP_VIEWS.stream()
                        .map(view -> org.assertj.core.groups.Tuple.tuple(view, view)).toList()));
        assertThat(spec.sinks().get(0).batch()).isEqualTo(SinkSpec.BatchSpec.DEFAULT);
        assertThat(spec.sinks().get(2).batch()).isEqualTo(new SinkSpec.BatchSpec(5000, Duration.ofMillis(200), 2));
    }

    @Test
    void theShopExampleTakesItsEndpointsFromTheEnvironment() throws Exception {
        Map<String, String> environment = Map.of(
                "SYNCLINE_POSTGRES_PORT", "5432",
                "PGPASSWORD", "s3cret",
                "SYNCLINE_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092",
                "SYNCLINE_ELASTICSEARCH_URL", "https://search.example:9200",
                "SYNCLINE_MONGODB_DATABASE", "shop_replica",
                "SYNCLINE_STATE_DIR", "/var/lib/syncline");

        PipelineSpec spec = new PipelineLoader().load(EXAMPLE, environment, new FakeSinkCatalog());

        assertThat(spec.stateDir()).isEqualTo("/var/lib/syncline");
        assertThat(spec.source().postgres().port()).isEqualTo(5432);
        assertThat(spec.source().postgres().password().value()).isEqualTo("s3cret");
        assertThat(spec.kafka().bootstrapServers()).contains("kafka-1:9092,kafka-2:9092");
        assertThat(spec.sinks().get(0).connection()).containsEntry("url", "https://search.example:9200");
        assertThat(spec.sinks().get(1).connection()).containsEntry("database", "shop_replica");
    }

    @Test
    void theReadmeExampleLoads() throws Exception {
        String readme = java.nio.file.Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```yaml\n") + "```yaml\n".length();
        String example = readme.substring(start, readme.indexOf("```", start));

        PipelineSpec spec = Pipelines.load(example);

        assertThat(spec.sinks()).singleElement().extracting(SinkSpec::views).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactly(new RouteSpec("orders", "orders"));
    }

    @Test
    void leftOutKeysTakeTheirDefaults() throws Exception {
        PipelineSpec spec = Pipelines.load(Pipelines.MINIMAL);

        assertThat(spec.stateDir()).isEqualTo("./state");
        assertThat(spec.source().postgres().port()).isEqualTo(5432);
        assertThat(spec.source().postgres().password()).isEqualTo(new Secret(""));
        assertThat(spec.source().slot()).isEqualTo("syncline_my_shop");
        assertThat(spec.source().publication()).isEqualTo("syncline_my_shop");
        assertThat(spec.source().snapshot()).isEqualTo(SnapshotMode.INITIAL);
        assertThat(spec.source().heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(spec.source().debezium()).isEmpty();
        assertThat(spec.kafka()).isEqualTo(new KafkaSpec(Optional.empty(), "my-shop", 3, (short) 1, Map.of()));
        assertThat(spec.kafka().embedded()).isTrue();
        assertThat(spec.sinks().get(0).batch()).isEqualTo(SinkSpec.BatchSpec.DEFAULT);
    }

    @Test
    void bindsEveryKindOfValue() throws Exception {
        PipelineSpec spec = Pipelines.load("""
                name: shop
                stateDir: /data/shop
                source:
                  postgres: {host: db, port: 6543, database: shop, user: app, password: pw}
                  slot: shop_slot
                  publication: shop_pub
                  tables: [orders, inventory.items]
                  snapshot: when_needed
                  heartbeatInterval: 2m
                  debezium: {snapshot.fetch.size: 2048, provide.transaction.metadata: true}
                kafka:
                  bootstrapServers: broker:9092
                  topicPrefix: Shop.cdc
                  partitions: 12
                  replicationFactor: 3
                  properties: {acks: all, linger.ms: 5}
                views:
                  - {name: items, table: inventory.items, key: [order_id, line]}
                sinks:
                  - name: warehouse
                    type: clickhouse
                    connection: {url: "http://ch:8123", database: analytics, compress: false, port: 8123}
                    views: [{view: items, table: order_items}]
                    batch: {maxRecords: 10, linger: 500ms, maxInFlight: 1}
                """);

        assertThat(spec.stateDir()).isEqualTo("/data/shop");
        assertThat(spec.source()).isEqualTo(new SourceSpec(new PostgresSpec("db", 6543, "shop", "app", new Secret("pw")),
                "shop_slot", "shop_pub", List.of(new TableName("public", "orders"), new TableName("inventory", "items")),
                SnapshotMode.WHEN_NEEDED, Duration.ofMinutes(2),
                Map.of("snapshot.fetch.size", "2048", "provide.transaction.metadata", "true")));
        assertThat(spec.kafka()).isEqualTo(new KafkaSpec(Optional.of("broker:9092"), "Shop.cdc", 12, (short) 3,
                Map.of("acks", "all", "linger.ms", "5")));
        assertThat(spec.views()).containsExactly(new ViewSpec("items", new TableName("inventory", "items"), List.of("order_id", "line")));
        assertThat(spec.sinks()).containsExactly(new SinkSpec("warehouse", "clickhouse",
                Map.of("url", "http://ch:8123", "database", "analytics", "compress", "false", "port", "8123"),
                List.of(new RouteSpec("items", "order_items")), new SinkSpec.BatchSpec(10, Duration.ofMillis(500), 1)));
    }

    @Test
    void anchorsAndAliasesShareValues() throws Exception {
        PipelineSpec spec = Pipelines.load(Pipelines.MINIMAL.replace("connection: {url: \"http://127.0.0.1:9200\"}",
                        "connection: &es {url: \"http://127.0.0.1:9200\"}")
                + """
                  - name: search-copy
                    type: elasticsearch
                    connection: *es
                    views: [{view: orders, index: orders_copy}]
                """);

        assertThat(spec.sinks()).extracting(SinkSpec::connection).containsOnly(Map.of("url", "http://127.0.0.1:9200"));
    }

    @Test
    void anAliasInsideItsOwnValueIsAProblem() {
        InvalidPipelineException thrown = catchThrowableOfType(InvalidPipelineException.class,
                () -> Pipelines.load(Pipelines.MINIMAL + "kafka:\n  properties: &p {nested: *p}\n"));

        assertThat(thrown.problems()).extracting(ConfigProblem::keyPath, ConfigProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("kafka.properties.nested", "an alias refers to a value that contains it"));
    }

    @Test
    void aMissingFileIsAProblemWithoutAPosition() {
        Path missing = Path.of("no-such-pipeline.yaml");

        InvalidPipelineException thrown = catchThrowableOfType(InvalidPipelineException.class,
                () -> new PipelineLoader().load(missing, Map.of(), new FakeSinkCatalog()));

        assertThat(thrown.problems()).containsExactly(new ConfigProblem("no-such-pipeline.yaml", 0, 0, "", "no such file"));
        assertThat(thrown.problems().get(0)).hasToString("no-such-pipeline.yaml: no such file");
    }

    @Test
    void anEmptyFileIsAProblem() {
        InvalidPipelineException thrown = catchThrowableOfType(InvalidPipelineException.class, () -> Pipelines.load("# nothing\n"));

        assertThat(thrown.problems()).extracting(ConfigProblem::toString)
                .containsExactly("test.yaml:1:1: the file holds no pipeline (it is empty)");
    }

    @Test
    void problemsPrintAsFileLineColumnKeyPathMessage() {
        assertThat(new ConfigProblem("shop.yaml", 12, 5, "sinks[1].connection.url", "is required"))
                .hasToString("shop.yaml:12:5: sinks[1].connection.url: is required");
    }
}
