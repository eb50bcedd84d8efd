package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every special value of view-model/README.md's table through the daemon (issue 9): numeric
 * NaN/±Infinity and 40 digits, float and real NaN/±Infinity/-0, date/timestamp/timestamptz ±infinity
 * and values outside 1900..2299, inserted before the snapshot, while streaming and updated across
 * two restarts. Each lands in each store as documented; the ordinary rows of another table arrive
 * exactly; the pipeline never stops.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpecialValuesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIGITS_40 = "1234567890123456789012345678901234567890";
    private static final List<String> FIELDS = List.of("n", "x", "r", "d", "ts", "tz");

    /** A row's values as PostgreSQL literals, in {@link #FIELDS} order. */
    private static final Map<String, List<String>> ROWS = Map.of(
            "nan", List.of("NaN", "NaN", "NaN", "infinity", "infinity", "infinity"),
            "inf", List.of("Infinity", "Infinity", "Infinity", "-infinity", "-infinity", "-infinity"),
            "minus", List.of("-Infinity", "-Infinity", "-Infinity", "infinity", "-infinity", "infinity"),
            "zero", List.of(DIGITS_40, "-0", "-0", "2500-06-01", "1850-01-01 00:00:00", "3000-01-01 00:00:00+00"));

    private TestPipeline pipeline;
    private PipelineRuntime runtime;
    private PostgresEndpoint db;
    private final Map<String, List<String>> expected = new TreeMap<>();

    @BeforeAll
    void start(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo,
               ClickHouseEndpoint clickhouse) throws Exception {
        db = postgres.createDatabase("special_values_it");
        sql("CREATE TABLE specials (id text PRIMARY KEY, n numeric, x float8, r float4, d date, ts timestamp, tz timestamptz)",
                "CREATE TABLE plain (id bigint PRIMARY KEY, n numeric(12,3), x float8, d date, tz timestamptz)",
                "INSERT INTO plain SELECT i, i * 1.125, i / 3.0, date '2024-01-01' + i, timestamptz '2024-01-01 00:00:00.123456+00' + i * interval '1 hour'"
                        + " FROM generate_series(1, 50) i");
        put("nan", "nan");
        put("inf", "inf");
        pipeline = TestPipeline.create("special_values_it", db, kafka, es, mongo, clickhouse, List.of("specials", "plain"));
        runtime = startRuntime();
    }

    @AfterAll
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.tearDown(runtime);
        }
    }

    @Test
    void everySpecialValueLandsAsDocumentedInEveryStoreAcrossTwoRestarts() throws Exception {
        put("minus", "minus");
        put("zero", "zero");
        sql("UPDATE plain SET x = x * 2 WHERE id <= 10");
        awaitAsDocumented();

        runtime.close();
        runtime = startRuntime();
        put("nan", "zero");
        put("zero", "inf");
        sql("INSERT INTO plain VALUES (51, 0.001, -1.5, '2026-12-31', now())");
        awaitAsDocumented();

        runtime.close();
        runtime = startRuntime();
        put("inf", "minus");
        put("late", "nan");
        sql("DELETE FROM plain WHERE id = 3");
        awaitAsDocumented();
    }

    private PipelineRuntime startRuntime() throws Exception {
        PipelineRuntime started = TestPipeline.startStreaming(pipeline.spec());
        return started;
    }

    /** Row {@code id} takes the values of {@code ROWS.get(shape)}. */
    private void put(String id, String shape) throws Exception {
        List<String> v = ROWS.get(shape);
        sql("INSERT INTO specials VALUES ('" + id + "', '" + String.join("', '", v) + "') ON CONFLICT (id) DO UPDATE SET"
                + " n = excluded.n, x = excluded.x, r = excluded.r, d = excluded.d, ts = excluded.ts, tz = excluded.tz");
        expected.put(id, v);
    }

    private void awaitAsDocumented() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).as("the pipeline keeps running").isEmpty();
            Map<String, Map<String, String>> es = new TreeMap<>(), mongo = new TreeMap<>(), clickhouse = new TreeMap<>();
            expected.forEach((id, literals) -> {
                es.put(id, new TreeMap<>());
                mongo.put(id, new TreeMap<>());
                clickhouse.put(id, new TreeMap<>());
                for (int i = 0; i < FIELDS.size(); i++) {
                    String field = FIELDS.get(i);
                    es.get(id).put(field, inElasticsearch(field, literals.get(i)));
                    mongo.get(id).put(field, inMongo(field, literals.get(i)));
                    clickhouse.get(id).put(field, inClickHouse(field, literals.get(i)));
                }
            });
            assertThat(elasticsearch()).as("Elasticsearch").isEqualTo(es);
            assertThat(mongodb()).as("MongoDB").isEqualTo(mongo);
            assertThat(clickhouse()).as("ClickHouse").isEqualTo(clickhouse);

            var schema = runtime.schemas().get("plain");
            var source = doubleByValue(StoreContents.postgres(db, "plain", schema));
            assertThat(doubleByValue(StoreContents.elasticsearch(pipeline.es(), pipeline.target("plain"), schema)))
                    .as("Elasticsearch plain").isEqualTo(source);
            assertThat(doubleByValue(StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "plain", schema)))
                    .as("MongoDB plain").isEqualTo(source);
            assertThat(doubleByValue(StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target("plain"), schema)))
                    .as("ClickHouse plain").isEqualTo(source);
        });
    }

    /**
     * The float8 column {@code x} compared by value: Elasticsearch's {@code _source} gives a whole
     * double like 10.0 back as {@code 10} or {@code 1E+1}, the same double, which the shared canonical
     * form (text of the number) does not equate with PostgreSQL's {@code 10.0}.
     */
    private static Map<String, Map<String, String>> doubleByValue(Map<String, Map<String, String>> rows) {
        Map<String, Map<String, String>> copy = new TreeMap<>();
        rows.forEach((id, row) -> {
            Map<String, String> adjusted = new java.util.LinkedHashMap<>(row);
            adjusted.computeIfPresent("x", (k, v) -> Double.toString(Double.parseDouble(v)));
            copy.put(id, adjusted);
        });
        return copy;
    }

    // The documented forms (view-model/README.md), from the PostgreSQL literal.

    private static String inElasticsearch(String field, String literal) {
        return viewText(field, literal);
    }

    private static String inMongo(String field, String literal) {
        if (field.equals("n")) {
            return literal.equals(DIGITS_40) ? "string " + literal : "decimal " + literal;
        }
        if (field.equals("x") || field.equals("r")) {
            return "double " + (literal.equals("-0") ? "-0.0" : literal);
        }
        return "string " + viewText(field, literal);
    }

    /** ClickHouse: {@code value | <field>__special}; floats hold their specials themselves. */
    private static String inClickHouse(String field, String literal) {
        if (field.equals("x") || field.equals("r")) {
            return switch (literal) {
                case "NaN" -> "nan";
                case "Infinity" -> "inf";
                case "-Infinity" -> "-inf";
                default -> literal;
            } + " | -";
        }
        return "null | " + viewText(field, literal);
    }

    /** The view topic's text for a literal. */
    private static String viewText(String field, String literal) {
        return switch (field) {
            case "x", "r" -> literal.equals("-0") ? "-0.0" : literal;
            case "ts" -> literal.contains(" ") ? literal.replace(' ', 'T') + ".000000" : literal;
            case "tz" -> literal.contains(" ") ? literal.replace(' ', 'T').replace("+00", "") + ".000000Z" : literal;
            default -> literal;
        };
    }

    private Map<String, Map<String, String>> elasticsearch() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = pipeline.es().url().toString().replaceAll("/$", "") + "/" + pipeline.target("specials");
        http.send(HttpRequest.newBuilder(URI.create(base + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/_search?size=100")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Map<String, String>> docs = new TreeMap<>();
        for (JsonNode hit : JSON.readTree(body).path("hits").path("hits")) {
            Map<String, String> doc = new TreeMap<>();
            FIELDS.forEach(f -> doc.put(f, hit.path("_source").path(f).asText()));
            docs.put(hit.get("_id").asText(), doc);
        }
        return docs;
    }

    private Map<String, Map<String, String>> mongodb() {
        Map<String, Map<String, String>> docs = new TreeMap<>();
        try (MongoClient client = MongoClients.create(pipeline.mongo().connectionString())) {
            for (Document d : client.getDatabase(pipeline.name()).getCollection("specials").find()) {
                Map<String, String> doc = new TreeMap<>();
                for (String f : FIELDS) {
                    Object v = d.get(f);
                    doc.put(f, v instanceof Decimal128 dec ? "decimal " + (dec.isNaN() ? "NaN" : dec.isInfinite()
                            ? (dec.isNegative() ? "-Infinity" : "Infinity") : dec.bigDecimalValue().toPlainString())
                            : v instanceof Double dbl ? "double " + dbl
                            : v instanceof String s ? "string " + s : "other " + v);
                }
                docs.put(d.get("_id").toString(), doc);
            }
        }
        return docs;
    }

    private Map<String, Map<String, String>> clickhouse() throws Exception {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        try (Connection c = pipeline.clickhouse().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, toString(n), n__special, toString(x), toString(r), toString(d),"
                     + " d__special, toString(ts), ts__special, toString(tz), tz__special FROM "
                     + pipeline.target("specials") + " FINAL WHERE _deleted = 0")) {
            while (rs.next()) {
                Map<String, String> row = new TreeMap<>();
                row.put("n", rs.getString(2) + " | " + rs.getString(3));
                row.put("x", rs.getString(4) + " | -");
                row.put("r", rs.getString(5) + " | -");
                row.put("d", rs.getString(6) + " | " + rs.getString(7));
                row.put("ts", rs.getString(8) + " | " + rs.getString(9));
                row.put("tz", rs.getString(10) + " | " + rs.getString(11));
                rows.put(rs.getString(1), row);
            }
        }
        return rows;
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
