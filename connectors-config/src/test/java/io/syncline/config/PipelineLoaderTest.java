package io.syncline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.syncline.config.JoinSpec.JoinColumn;
import io.syncline.config.JoinSpec.SortKey;
import io.syncline.config.SinkSpec.RouteSpec;
import io.syncline.config.TransformSpec.ComputedField;
import io.syncline.config.expr.Expr;
import io.syncline.config.expr.Function;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineLoaderTest {

    private static final Path EXAMPLE = Path.of("examples/shop.yaml");
    private static final List<String> SHOP_VIEWS = List.of("orders", "order_items", "customers", "products");
    private static final TableName ORDERS = new TableName("public", "orders");
    private static final TableName CUSTOMERS = new TableName("public", "customers");
    private static final TableName ORDER_ITEMS = new TableName("public", "order_items");
    private static final TableName PRODUCTS = new TableName("public", "products");

    @Test
    void theShopExampleLoadsWithTheLocalServicesDefaults() throws Exception {
        PipelineSpec spec = new PipelineLoader().load(EXAMPLE, Map.of(), new FakeSinkCatalog());

        assertThat(spec.name()).isEqualTo("shop");
        assertThat(spec.stateDir()).isEqualTo("./state");
        SourceSpec source = spec.source();
        assertThat(source.postgres()).isEqualTo(new PostgresSpec("127.0.0.1", 25432, "shop", "postgres", new Secret("")));
        assertThat(source.slot()).isEqualTo("syncline_shop");
        assertThat(source.publication()).isEqualTo("syncline_shop");
        assertThat(source.tables()).extracting(TableName::toString)
                .containsExactly("public.customers", "public.products", "public.orders", "public.order_items");
        assertThat(source.snapshot()).isEqualTo(SnapshotMode.INITIAL);
        assertThat(source.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(spec.kafka()).isEqualTo(new KafkaSpec(Optional.of("127.0.0.1:29092"), "shop", 3, (short) 1, Map.of()));
        assertThat(spec.views()).extracting(ViewSpec::name).containsExactlyElementsOf(SHOP_VIEWS);
        assertThat(spec.views()).extracting(ViewSpec::table).containsExactly(ORDERS, ORDER_ITEMS, CUSTOMERS, PRODUCTS);
        assertThat(spec.views()).allSatisfy(view -> assertThat(view.key()).isEmpty());
        assertThat(spec.views().get(0)).usingRecursiveComparison().ignoringFieldsOfTypes(SourceRef.class)
                .isEqualTo(shopOrdersView("shop-demo-salt"));
        assertThat(spec.views().get(0).tables()).containsExactly(ORDERS, CUSTOMERS, ORDER_ITEMS, PRODUCTS);
        assertThat(spec.views().get(1).transforms()).containsExactly(
                new TransformSpec.Flatten(List.of("order", "product"), new SourceRef(EXAMPLE.toString(), 64, 9, "views[1].transforms[0]")),
                new TransformSpec.Compute(List.of(new ComputedField("line_total",
                        new Expr.Binary(Expr.BinaryOp.MULTIPLY, field("quantity"), field("unit_price")), "quantity * unit_price",
                        new SourceRef(EXAMPLE.toString(), 65, 31, "views[1].transforms[1].compute.line_total"))),
                        new SourceRef(EXAMPLE.toString(), 65, 9, "views[1].transforms[1]")));
        assertThat(spec.views().get(1).joins()).extracting(JoinSpec::name, JoinSpec::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("order", JoinKind.ONE), org.assertj.core.groups.Tuple.tuple("product", JoinKind.ONE));
        assertThat(spec.views().get(2).transforms()).containsExactly(new TransformSpec.Hash(List.of("email"),
                new Secret("shop-demo-salt"), new SourceRef(EXAMPLE.toString(), 69, 9, "views[2].transforms[0]")));
        assertThat(spec.views().get(3)).isEqualTo(new ViewSpec("products", PRODUCTS, List.of(), List.of(), List.of(),
                new SourceRef(EXAMPLE.toString(), 70, 5, "views[3]")));
        assertThat(spec.sinks()).extracting(SinkSpec::name, SinkSpec::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("search", "elasticsearch"),
                org.assertj.core.groups.Tuple.tuple("documents", "mongodb"),
                org.assertj.core.groups.Tuple.tuple("analytics", "clickhouse"));
        assertThat(spec.sinks().get(0).connection()).containsExactly(Map.entry("url", "http://127.0.0.1:29200"),
                Map.entry("numberOfReplicas", "0"));
        assertThat(spec.sinks().get(1).connection()).containsExactly(
                Map.entry("uri", "mongodb://127.0.0.1:28017"), Map.entry("database", "shop"));
        assertThat(spec.sinks().get(2).connection()).containsExactly(
                Map.entry("url", "http://127.0.0.1:28123"), Map.entry("database", "default"));
        assertThat(spec.sinks().get(0).views()).containsExactly(new RouteSpec("orders", "orders"),
                new RouteSpec("customers", "customers"), new RouteSpec("products", "products"));
        assertThat(spec.sinks().get(1).views()).containsExactly(new RouteSpec("orders", "orders"),
                new RouteSpec("customers", "customers"), new RouteSpec("products", "products"));
        assertThat(spec.sinks().get(2).views()).containsExactly(new RouteSpec("order_items", "order_items"),
                new RouteSpec("customers", "customers"), new RouteSpec("products", "products"));
        assertThat(spec.sinks().get(0).batch()).isEqualTo(SinkSpec.BatchSpec.DEFAULT);
        assertThat(spec.sinks().get(2).batch()).isEqualTo(new SinkSpec.BatchSpec(5000, Duration.ofMillis(100), 2));
    }

    @Test
    void theShopExampleTakesItsEndpointsFromTheEnvironment() throws Exception {
        Map<String, String> environment = Map.of(
                "SYNCLINE_POSTGRES_PORT", "5432",
                "PGPASSWORD", "s3cret",
                "SYNCLINE_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092",
                "SYNCLINE_ELASTICSEARCH_URL", "https://search.example:9200",
                "SYNCLINE_MONGODB_DATABASE", "shop_replica",
                "SYNCLINE_STATE_DIR", "/var/lib/syncline",
                "SYNCLINE_HASH_SALT", "production-salt");

        PipelineSpec spec = new PipelineLoader().load(EXAMPLE, environment, new FakeSinkCatalog());

        assertThat(spec.stateDir()).isEqualTo("/var/lib/syncline");
        assertThat(spec.source().postgres().port()).isEqualTo(5432);
        assertThat(spec.source().postgres().password().value()).isEqualTo("s3cret");
        assertThat(spec.kafka().bootstrapServers()).contains("kafka-1:9092,kafka-2:9092");
        assertThat(spec.sinks().get(0).connection()).containsEntry("url", "https://search.example:9200");
        assertThat(spec.sinks().get(1).connection()).containsEntry("database", "shop_replica");
        assertThat(spec.views().get(0)).usingRecursiveComparison().ignoringFieldsOfTypes(SourceRef.class)
                .isEqualTo(shopOrdersView("production-salt"));
    }

    /** The shop example's orders view, without its source references. */
    private static ViewSpec shopOrdersView(String salt) {
        JoinSpec customer = new JoinSpec("customer", JoinKind.ONE, CUSTOMERS, List.of(new JoinColumn("customer_id", "id")),
                List.of("id", "name", "email"), List.of(), false, List.of(), null);
        JoinSpec product = new JoinSpec("product", JoinKind.ONE, PRODUCTS, List.of(new JoinColumn("product_id", "id")),
                List.of("sku", "name"), List.of(), false, List.of(), null);
        JoinSpec items = new JoinSpec("items", JoinKind.MANY, ORDER_ITEMS, List.of(new JoinColumn("id", "order_id")),
                List.of("line_no", "product_id", "quantity", "unit_price"), List.of(new SortKey("line_no", false)), false,
                List.of(product), null);
        return new ViewSpec("orders", ORDERS, List.of(), List.of(customer, items),
                List.of(new TransformSpec.Hash(List.of("customer.email"), new Secret(salt), null)), null);
    }

    private static Expr.Field field(String... path) {
        return new Expr.Field(List.of(path));
    }

    @Test
    void bindsEveryKindOfJoinAndTransform() throws Exception {
        PipelineSpec spec = Pipelines.load("""
                name: shop
                source:
                  postgres: {host: db, database: shop, user: app}
                  tables: [public.orders, public.customers, public.order_items, public.products]
                views:
                  - name: orders
                    table: public.orders
                    key: [id]
                    joins:
                      - name: customer
                        table: customers
                        kind: many-to-one
                        on: {customer_id: id}
                        fields: [id, name, email, phone]
                        required: true
                        joins:
                          - {name: referrer, table: public.customers, kind: one, on: {referred_by: id}, required: False}
                      - name: items
                        table: public.order_items
                        kind: one-to-many
                        on: {id: order_id, shop_id: shop_id}
                        orderBy: [line_no, "unit_price DESC", quantity asc]
                        joins:
                          - name: product
                            table: public.products
                            kind: one
                            on: {product_id: id}
                            fields: [sku, name]
                      - {name: lines, table: public.order_items, kind: many, on: {id: order_id}}
                    transforms:
                      - include: [id, status, total, customer, items]
                      - exclude: [customer.phone]
                      - rename: {placed_at: ordered_at, customer.name: full_name}
                      - mask: [customer.phone, notes]
                      - mask: {fields: [status], with: "[hidden]"}
                      - hash: {fields: [customer.email], salt: "${SALT}"}
                      - compute: {total_cents: "total * 100", email_domain: "lower(customer.email)"}
                      - filter: "status != 'cancelled' AND customer.email IS NOT NULL"
                      - flatten: [customer]
                  - {name: customers, table: public.customers}
                sinks:
                  - name: search
                    type: elasticsearch
                    connection: {url: "http://127.0.0.1:9200"}
                    views: [{view: orders, index: orders}]
                """, Map.of("SALT", "pepper"));

        JoinSpec referrer = new JoinSpec("referrer", JoinKind.ONE, CUSTOMERS, List.of(new JoinColumn("referred_by", "id")),
                List.of(), List.of(), false, List.of(), at(17, 13, "views[0].joins[0].joins[0]"));
        JoinSpec customer = new JoinSpec("customer", JoinKind.ONE, CUSTOMERS, List.of(new JoinColumn("customer_id", "id")),
                List.of("id", "name", "email", "phone"), List.of(), true, List.of(referrer), at(10, 9, "views[0].joins[0]"));
        JoinSpec product = new JoinSpec("product", JoinKind.ONE, PRODUCTS, List.of(new JoinColumn("product_id", "id")),
                List.of("sku", "name"), List.of(), false, List.of(), at(24, 13, "views[0].joins[1].joins[0]"));
        JoinSpec items = new JoinSpec("items", JoinKind.MANY, ORDER_ITEMS,
                List.of(new JoinColumn("id", "order_id"), new JoinColumn("shop_id", "shop_id")), List.of(),
                List.of(new SortKey("line_no", false), new SortKey("unit_price", true), new SortKey("quantity", false)),
                false, List.of(product), at(18, 9, "views[0].joins[1]"));
        JoinSpec lines = new JoinSpec("lines", JoinKind.MANY, ORDER_ITEMS, List.of(new JoinColumn("id", "order_id")),
                List.of(), List.of(), false, List.of(), at(29, 9, "views[0].joins[2]"));
        List<TransformSpec> transforms = List.of(
                new TransformSpec.Include(List.of("id", "status", "total", "customer", "items"), at(31, 9, "views[0].transforms[0]")),
                new TransformSpec.Exclude(List.of("customer.phone"), at(32, 9, "views[0].transforms[1]")),
                new TransformSpec.Rename(Map.of("placed_at", "ordered_at", "customer.name", "full_name"),
                        at(33, 9, "views[0].transforms[2]")),
                new TransformSpec.Mask(List.of("customer.phone", "notes"), "****", at(34, 9, "views[0].transforms[3]")),
                new TransformSpec.Mask(List.of("status"), "[hidden]", at(35, 9, "views[0].transforms[4]")),
                new TransformSpec.Hash(List.of("customer.email"), new Secret("pepper"), at(36, 9, "views[0].transforms[5]")),
                new TransformSpec.Compute(List.of(
                        new ComputedField("total_cents", new Expr.Binary(Expr.BinaryOp.MULTIPLY, field("total"),
                                new Expr.Literal(new BigDecimal("100"))), "total * 100",
                                at(37, 32, "views[0].transforms[6].compute.total_cents")),
                        new ComputedField("email_domain", new Expr.Call(Function.LOWER, List.of(field("customer", "email"))),
                                "lower(customer.email)", at(37, 61, "views[0].transforms[6].compute.email_domain"))),
                        at(37, 9, "views[0].transforms[6]")),
                new TransformSpec.Filter(new Expr.Binary(Expr.BinaryOp.AND,
                        new Expr.Binary(Expr.BinaryOp.NE, field("status"), new Expr.Literal("cancelled")),
                        new Expr.IsNull(field("customer", "email"), true)),
                        "status != 'cancelled' AND customer.email IS NOT NULL", at(38, 9, "views[0].transforms[7]")),
                new TransformSpec.Flatten(List.of("customer"), at(39, 9, "views[0].transforms[8]")));

        assertThat(spec.views()).containsExactly(
                new ViewSpec("orders", ORDERS, List.of("id"), List.of(customer, items, lines), transforms, at(6, 5, "views[0]")),
                new ViewSpec("customers", CUSTOMERS, List.of(), List.of(), List.of(), at(40, 5, "views[1]")));
        assertThat(((TransformSpec.Rename) spec.views().get(0).transforms().get(2)).fields().keySet())
                .as("renames in declared order").containsExactly("placed_at", "customer.name");
        assertThat(spec.views().get(0).tables()).containsExactly(ORDERS, CUSTOMERS, ORDER_ITEMS, PRODUCTS);
    }

    private static SourceRef at(int line, int column, String keyPath) {
        return new SourceRef("test.yaml", line, column, keyPath);
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
    void replicaIdentityConsentsNameCapturedTablesInEitherForm() throws Exception {
        PipelineSpec spec = Pipelines.load(Pipelines.MINIMAL.replace("  tables: [public.orders]\n",
                "  tables: [public.orders, audit.events]\n  replicaIdentity: {orders: full, audit.events: default}\n"));

        assertThat(spec.source().replicaIdentity()).containsExactly(
                entry(new TableName("public", "orders"), new ReplicaIdentityConsent(new TableName("public", "orders"),
                        ReplicaIdentityConsent.Identity.FULL, at(5, 29, "source.replicaIdentity.orders"))),
                entry(new TableName("audit", "events"), new ReplicaIdentityConsent(new TableName("audit", "events"),
                        ReplicaIdentityConsent.Identity.DEFAULT, at(5, 49, "source.replicaIdentity.audit.events"))));
        assertThat(spec.source().placeOf(new TableName("audit", "events"))).isEqualTo(at(4, 27, "source.tables[1]"));
        assertThat(Pipelines.load(Pipelines.MINIMAL).source().replicaIdentity()).isEmpty();
    }

    @Test
    void replicaIdentityGivenTwiceForOneTableIsAProblem() {
        assertThatThrownBy(() -> Pipelines.load(Pipelines.MINIMAL.replace("  tables: [public.orders]\n",
                "  tables: [public.orders]\n  replicaIdentity: {orders: full, public.orders: full}\n")))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("test.yaml:5:35: source.replicaIdentity.public.orders: table public.orders is given"
                        + " twice (also as 'orders')");
    }

    @Test
    void excludedColumnsNameCapturedTablesInEitherFormAndKeepColumnNamesWhole() throws Exception {
        PipelineSpec spec = Pipelines.load(Pipelines.MINIMAL.replace("  tables: [public.orders]\n",
                "  tables: [public.orders, audit.events]\n"
                + "  excludeColumns:\n    orders: [spot, \"Geo.Point\"]\n    audit.events:\n      - query\n"));

        TableName orders = new TableName("public", "orders");
        TableName events = new TableName("audit", "events");
        assertThat(spec.source().excludedColumns()).containsExactly(
                new ExcludedColumn(orders, "spot", at(6, 14, "source.excludeColumns.orders[0]")),
                new ExcludedColumn(orders, "Geo.Point", at(6, 20, "source.excludeColumns.orders[1]")),
                new ExcludedColumn(events, "query", at(8, 9, "source.excludeColumns.audit.events[0]")));
        assertThat(spec.source().excludedColumns(orders)).containsExactly("spot", "Geo.Point");
        assertThat(spec.source().excludedColumns(new TableName("public", "other"))).isEmpty();
        assertThat(Pipelines.load(Pipelines.MINIMAL).source().excludedColumns()).isEmpty();
    }

    @Test
    void excludedColumnsGivenTwiceForOneTableIsAProblem() {
        assertThatThrownBy(() -> Pipelines.load(Pipelines.MINIMAL.replace("  tables: [public.orders]\n",
                "  tables: [public.orders]\n  excludeColumns: {orders: [a], public.orders: [b]}\n")))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("test.yaml:5:33: source.excludeColumns.public.orders: table public.orders is given"
                        + " twice (also as 'orders'); list its columns once");
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
                  generation: 2
                kafka:
                  bootstrapServers: broker:9092
                  topicPrefix: Shop.cdc
                  partitions: 12
                  replicationFactor: 3
                  tombstoneRetention: 2d
                  properties: {acks: all, linger.ms: 5}
                views:
                  - {name: items, table: inventory.items, key: [order_id, line], onTruncate: ignore}
                sinks:
                  - name: warehouse
                    type: clickhouse
                    connection: {url: "http://ch:8123", database: analytics, compress: false, port: 8123}
                    views: [{view: items, table: order_items}]
                    batch: {maxRecords: 10, maxBytes: 1048576, linger: 500ms, maxInFlight: 1}
                """);

        assertThat(spec.stateDir()).isEqualTo("/data/shop");
        assertThat(spec.source()).isEqualTo(new SourceSpec(new PostgresSpec("db", 6543, "shop", "app", new Secret("pw")),
                "shop_slot", "shop_pub", List.of(new TableName("public", "orders"), new TableName("inventory", "items")),
                SnapshotMode.WHEN_NEEDED, Duration.ofMinutes(2),
                Map.of("snapshot.fetch.size", "2048", "provide.transaction.metadata", "true"), Map.of(), List.of(),
                Map.of(new TableName("public", "orders"), at(7, 12, "source.tables[0]"),
                        new TableName("inventory", "items"), at(7, 20, "source.tables[1]")), 2));
        assertThat(spec.kafka()).isEqualTo(new KafkaSpec(Optional.of("broker:9092"), "Shop.cdc", 12, (short) 3,
                Duration.ofDays(2), Map.of("acks", "all", "linger.ms", "5")));
        assertThat(spec.views()).containsExactly(new ViewSpec("items", new TableName("inventory", "items"),
                List.of("order_id", "line"), List.of(), List.of(), at(20, 5, "views[0]"), TruncatePolicy.IGNORE));
        assertThat(spec.sinks()).containsExactly(new SinkSpec("warehouse", "clickhouse",
                Map.of("url", "http://ch:8123", "database", "analytics", "compress", "false", "port", "8123"),
                List.of(new RouteSpec("items", "order_items")), new SinkSpec.BatchSpec(10, 1024 * 1024, Duration.ofMillis(500), 1)));
    }

    @Test
    void batchesAreBoundedByEightMebibytesUnlessTheFileSaysOtherwise() throws Exception {
        assertThat(Pipelines.load(Pipelines.MINIMAL).sinks().get(0).batch().maxBytes()).isEqualTo(8 * 1024 * 1024);
        assertThatThrownBy(() -> Pipelines.load(Pipelines.MINIMAL + "    batch: {maxBytes: 100}\n"))
                .isInstanceOf(InvalidPipelineException.class).hasMessageContaining("sinks[0].batch.maxBytes");
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
