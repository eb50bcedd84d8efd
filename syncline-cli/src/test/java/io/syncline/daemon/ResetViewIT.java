package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.config.PipelineLoader;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.ViewSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code syncline reset --view} against the running daemon and real servers: the orders view
 * starts as the plain table; its definition then gains the customer and items joins, the hash of
 * the e-mail and a filter on status, and the daemon restarts with it. The orders already in the
 * sinks keep their old shape until {@code reset --view orders}, after which every document in
 * Elasticsearch and MongoDB equals the one built by SQL and the cancelled orders are gone.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResetViewIT {
    /** The salt the orders view's hash gets from the file's default: the daemon loads it without the test's variables. */
    private static final String SALT = "shop-demo-salt";
    private static final String PLAIN = "- {name: orders, table: public.orders}\n";
    /** The shop's orders view (customer and items joined, e-mail hashed), with a filter added. */
    private static final String JOINED = ShopViews.ORDERS_VIEW_YAML + "    - filter: \"status != 'cancelled'\"\n";

    private TestPipeline pipeline;
    private PipelineRuntime runtime;
    private PostgresEndpoint db;
    private Path file;

    @BeforeAll
    void start(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo,
               ClickHouseEndpoint clickhouse) throws Exception {
        db = postgres.createDatabase("reset_view_it");
        ShopViews.create(db, 30, 10, 200);
        pipeline = TestPipeline.create("reset_view_it", db, kafka, es, mongo, clickhouse, ShopViews.TABLES,
                new TestPipeline.Views(PLAIN, Map.of(TestPipeline.SEARCH, List.of(ShopViews.ORDERS),
                        TestPipeline.DOCUMENTS, List.of(ShopViews.ORDERS)), Map.of()));
        String yaml = pipeline.yaml().replace("${TEST_PG_PASSWORD}", db.password())
                .replace("${TEST_CH_PASSWORD}", clickhouse.password());
        assertThat(yaml).contains(PLAIN.indent(2));
        file = Files.writeString(pipeline.stateDir().resolve("reset-view.yaml"), yaml);
        runtime = TestPipeline.startStreaming(load());
        ViewSchema plain = runtime.schemas().get(ShopViews.ORDERS);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() ->
                assertThat(differences(StoreContents.postgres(db, "orders", plain), plain)).isEmpty());
    }

    @AfterAll
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.tearDown(runtime);
        }
    }

    @Test
    void afterAJoinAndAFilterAreAddedEveryDocumentIsBuiltAgainAndCancelledOrdersAreDeleted() throws Exception {
        runtime.close();
        runtime = null;
        Files.writeString(file, Files.readString(file).replace(PLAIN.indent(2), JOINED.indent(2)));
        runtime = TestPipeline.startStreaming(load());
        ViewSchema joined = runtime.schemas().get(ShopViews.ORDERS);
        assertThat(joined.field("customer")).isPresent();
        Map<String, Map<String, String>> expected = new TreeMap<>(ShopViews.orders(db, joined, SALT));
        expected.values().removeIf(order -> "cancelled".equals(order.get("status")));
        assertThat(expected).hasSizeBetween(100, 199);
        assertThat(differences(expected, joined)).as("the old documents are still there").isNotEmpty();

        CliRun reset = CliRun.of(List.of("reset"), file, "--view", ShopViews.ORDERS, "--yes");
        assertThat(reset.exit()).as(reset.out() + reset.err()).isZero();
        assertThat(reset.out()).contains("reset of view orders", "every sink equals the view");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() ->
                assertThat(differences(expected, joined)).isEmpty());
        assertThat(runtime.failure()).isEmpty();
    }

    /** What differs between {@code expected} and the orders in Elasticsearch and MongoDB. */
    private List<String> differences(Map<String, Map<String, String>> expected, ViewSchema schema) throws Exception {
        List<String> differences = new java.util.ArrayList<>();
        StoreContents.differences(expected, StoreContents.elasticsearch(pipeline.es(), pipeline.target(ShopViews.ORDERS),
                schema), 5).forEach(d -> differences.add("Elasticsearch " + d));
        StoreContents.differences(expected, StoreContents.mongodb(pipeline.mongo(), pipeline.name(), ShopViews.ORDERS,
                schema), 5).forEach(d -> differences.add("MongoDB " + d));
        return differences;
    }

    private io.syncline.config.PipelineSpec load() throws Exception {
        return new PipelineLoader().load(file, Map.of(), SinkFactoryCatalog.discover());
    }
}
