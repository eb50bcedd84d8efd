package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.syncline.config.PipelineLoader;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code syncline verify --deep} against the running daemon and real servers, on the shop's joined
 * views (orders with customer and items in Elasticsearch and MongoDB, flattened order items in
 * ClickHouse): equal while the source keeps changing (changes after the bound are not reported);
 * after damage behind Syncline's back (a third of the Elasticsearch orders deleted, MongoDB orders
 * changed and one added, ClickHouse rows deleted) it lists exactly those documents, per sink;
 * {@code --repair} puts them right, every sink then equals the documents built from the source by
 * SQL, and a second check is equal.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifyDeepIT {
    /** The salt the file's default gives: the CLI and the daemon load the file without the test's variables. */
    private static final String SALT = "shop-demo-salt";
    private static final int ORDERS = 300;
    private static final String GHOST = "900001";
    private static final Pattern HEADER = Pattern.compile("^view (\\S+) in sink (\\S+) .*");
    private static final Pattern LISTED = Pattern.compile("^\\s+(missing|extra|different)\\s+id (\\[[^]]*]|[^,\\s]+).*");

    private TestPipeline pipeline;
    private PipelineRuntime runtime;
    private PostgresEndpoint db;
    private Path file;

    @BeforeAll
    void start(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo,
               ClickHouseEndpoint clickhouse) throws Exception {
        db = postgres.createDatabase("verify_deep_it");
        ShopViews.create(db, 40, 15, ORDERS);
        pipeline = TestPipeline.create("verify_it", db, kafka, es, mongo, clickhouse, ShopViews.TABLES, ShopViews.views(SALT));
        file = Files.writeString(pipeline.stateDir().resolve("verify.yaml"), pipeline.yaml()
                .replace("${TEST_PG_PASSWORD}", db.password()).replace("${TEST_CH_PASSWORD}", clickhouse.password()));
        runtime = TestPipeline.startStreaming(new PipelineLoader().load(file, Map.of(), SinkFactoryCatalog.discover()));
        awaitSinksEqualSource();
    }

    @AfterAll
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.tearDown(runtime);
        }
    }

    @Test
    @Order(1)
    void everySinkIsEqualWhileTheSourceKeepsChanging() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger changes = new AtomicInteger();
        Thread writer = new Thread(() -> writeSource(running, changes), "source-writer");
        writer.start();
        CliRun result;
        try {
            result = verify("--deep");
        } finally {
            running.set(false);
            writer.join();
        }
        assertThat(changes.get()).as("the source changed during the check").isGreaterThan(5);
        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("view orders in sink search", "view orders in sink documents",
                "view order_items in sink analytics");
        assertThat(lines(result.out(), "in sink")).allSatisfy(line -> assertThat(line).contains(": equal"));
        awaitSinksEqualSource();
    }

    @Test
    @Order(2)
    void itListsExactlyTheDocumentsDamagedBehindSynclinesBack() throws Exception {
        Damage damage = damageEverySink();
        CliRun result = verify("--deep", "--show", "100000");
        assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(1);
        Map<String, Set<String>> listed = listed(result.out());
        assertThat(listed).as(result.out()).isEqualTo(Map.of(
                "search/missing", damage.searchDeleted(),
                "documents/different", damage.documentsChanged(),
                "documents/extra", Set.of(GHOST),
                "analytics/missing", damage.analyticsDeleted()));
    }

    @Test
    @Order(3)
    void repairPutsExactlyThoseRightAndASecondCheckIsEqual() throws Exception {
        CliRun repaired = verify("--deep", "--repair");
        assertThat(repaired.out()).as(repaired.err()).contains("backfilling", "repaired; checking again");
        assertThat(repaired.exit()).as(repaired.out() + repaired.err()).isZero();
        awaitSinksEqualSource();
        CliRun again = verify("--deep");
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(runtime.failure()).isEmpty();
    }

    private record Damage(Set<String> searchDeleted, Set<String> documentsChanged, Set<String> analyticsDeleted) {
    }

    /**
     * A third of the orders deleted from Elasticsearch, every seventh changed in MongoDB plus one
     * document Syncline never wrote, the items of every tenth order deleted from ClickHouse.
     */
    private Damage damageEverySink() throws Exception {
        Set<String> orderIds = new TreeSet<>();
        Set<String> itemIds = new TreeSet<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id FROM orders")) {
                while (rs.next()) {
                    orderIds.add(Long.toString(rs.getLong(1)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT order_id, line_no FROM order_items WHERE order_id % 10 = 0")) {
                while (rs.next()) {
                    itemIds.add("[\"" + rs.getLong(1) + "\",\"" + rs.getInt(2) + "\"]");
                }
            }
        }
        Set<String> deleted = new TreeSet<>(orderIds.stream().filter(id -> Long.parseLong(id) % 3 == 0).toList());
        Set<String> changed = new TreeSet<>(orderIds.stream().filter(id -> Long.parseLong(id) % 7 == 0).toList());
        StringBuilder bulk = new StringBuilder();
        deleted.forEach(id -> bulk.append("{\"delete\":{\"_index\":\"").append(pipeline.target(ShopViews.ORDERS))
                .append("\",\"_id\":\"").append(id).append("\"}}\n"));
        assertThat(elasticsearch("POST", "/_bulk?refresh=true", bulk.toString()).statusCode()).isEqualTo(200);
        try (MongoClient client = MongoClients.create(pipeline.mongo().connectionString())) {
            var orders = client.getDatabase(pipeline.name()).getCollection(ShopViews.ORDERS);
            changed.forEach(id -> orders.updateOne(Filters.eq("_id", id), Updates.set("status", "changed behind Syncline's back")));
            orders.insertOne(new Document("_id", GHOST).append("id", Long.parseLong(GHOST)).append("status", "ghost")
                    .append("_version", 5L));
        }
        try (Connection c = pipeline.clickhouse().connect(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM " + pipeline.target(ShopViews.ORDER_ITEMS) + " WHERE order_id % 10 = 0");
        }
        assertThat(deleted).hasSizeGreaterThan(50);
        assertThat(changed).hasSizeGreaterThan(20);
        assertThat(itemIds).hasSizeGreaterThan(10);
        return new Damage(deleted, changed, itemIds);
    }

    /** Updates orders and order items until told to stop. */
    private void writeSource(AtomicBoolean running, AtomicInteger changes) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            while (running.get()) {
                long order = ThreadLocalRandom.current().nextLong(1, ORDERS + 1);
                if (changes.get() % 2 == 0) {
                    s.execute("UPDATE orders SET notes = 'note " + changes.get() + "' WHERE id = " + order);
                } else {
                    s.execute("UPDATE order_items SET quantity = quantity + 1 WHERE order_id = " + order);
                }
                changes.incrementAndGet();
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the source writer failed", e);
        }
    }

    /** The ids the report lists, by "sink/kind". */
    private static Map<String, Set<String>> listed(String out) {
        Map<String, Set<String>> listed = new TreeMap<>();
        String sink = null;
        for (String line : out.split("\n")) {
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                sink = header.group(2);
                continue;
            }
            Matcher item = LISTED.matcher(line);
            if (item.matches()) {
                listed.computeIfAbsent(sink + "/" + item.group(1), k -> new TreeSet<>()).add(item.group(2));
            }
        }
        return listed;
    }

    private static List<String> lines(String out, String containing) {
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.contains(containing)) {
                lines.add(line);
            }
        }
        return lines;
    }

    private void awaitSinksEqualSource() {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).as("the pipeline keeps running").isEmpty();
            assertThat(ShopViews.differences(pipeline, db, runtime.schemas(), SALT)).isEmpty();
        });
    }

    private CliRun verify(String... options) {
        return CliRun.of(List.of("verify"), file, options);
    }

    private HttpResponse<String> elasticsearch(String method, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        pipeline.es().url().toString().replaceAll("/$", "") + path))
                .header("Content-Type", "application/x-ndjson")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
