package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.config.ExcludedColumn;
import io.syncline.config.SourceRef;
import io.syncline.config.TableName;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.SourceSchemaHeader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code source.excludeColumns}: a table with a point and a tsquery column, which the preflight refuses
 * (Debezium mangles or drops them), is captured once both are excluded. Snapshot and streamed events
 * (insert, update, delete) carry every other column and never the excluded ones; their schema
 * fingerprint is that of the same table without them, so the views' schema-change watch never sees
 * them; the catalog the views are planned from does not have them. Exclusions the capture cannot
 * honour are refused at their place in the file.
 */
@RealServices
class ExcludedColumnsCaptureIT {
    private static final TableName PLACES = new TableName("public", "places");
    private static final TableName PLAIN = new TableName("public", "plain");
    private static final SourceRef SPOT_PLACE = new SourceRef("shop.yaml", 7, 14, "source.excludeColumns.places[0]");

    @TempDir
    static Path stateDir;

    @Test
    void excludedColumnsAreNeitherCheckedNorCaptured(PostgresEndpoint pg, KafkaEndpoint kafka) throws Exception {
        PostgresEndpoint db = pg.createDatabase("cdc_excluded_columns");
        Fixtures.execute(db,
                "CREATE TABLE places (id int PRIMARY KEY, name text, spot point, \"Search Query\" tsquery, visits int)",
                "CREATE TABLE plain (id int PRIMARY KEY, name text, visits int)",
                "INSERT INTO places VALUES (1, 'harbour', '(1.5,2)', 'fat & cat', 3)",
                "INSERT INTO plain VALUES (1, 'harbour', 3)");
        CaptureOptions refused = Fixtures.options("excl", db, kafka, List.of(PLACES, PLAIN), stateDir);
        CaptureOptions options = refused.withRequirements(refused.requirements().excluding(List.of(
                new ExcludedColumn(PLACES, "spot", SPOT_PLACE),
                new ExcludedColumn(PLACES, "Search Query", SourceRef.UNKNOWN))));

        try (Connection c = db.connect()) {
            List<String> problems = new SourcePreflight(c).check(refused);
            assertThat(problems).hasSize(2);
            assertThat(problems.get(0)).startsWith("column spot of public.places has type point:")
                    .contains("source.excludeColumns: {public.places: [spot, \"Search Query\"]}");
            assertThat(problems.get(1)).startsWith("column Search Query of public.places has type tsquery:");
            assertThat(new SourcePreflight(c).check(options)).isEmpty();
            assertThat(new SourceCatalog(c, options.requirements().excludedColumns()).read(PLACES).fields())
                    .extracting(field -> field.name()).containsExactly("id", "name", "visits");
        }

        try (CaptureEngine capture = CaptureEngine.start(options); TopicReader reader = new TopicReader(kafka)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> capture.status().phase() == CapturePhase.STREAMING);
            Fixtures.execute(db,
                    "INSERT INTO places VALUES (2, 'station', '(3,4)', 'dog | cat', 5)",
                    "UPDATE places SET spot = '(9,9)', \"Search Query\" = 'rat', visits = 6 WHERE id = 1",
                    "DELETE FROM places WHERE id = 2",
                    "INSERT INTO plain VALUES (2, 'station', 5)");
            List<Change> changes = reader.await("excl.public.places", change -> change.value() != null, 4, Duration.ofSeconds(60));
            reader.await("excl.public.plain", change -> change.value() != null, 2, Duration.ofSeconds(60));

            assertThat(changes.stream().filter(change -> !change.tombstone()).map(Change::op).toList())
                    .containsExactlyInAnyOrder("r", "c", "u", "d");
            for (Change change : changes) {
                if (change.tombstone()) {
                    continue;
                }
                for (String image : List.of("before", "after")) {
                    if (change.value().path(image).isObject()) {
                        assertThat(fieldNames(change, image)).as(change.op() + " " + image)
                                .containsExactly("id", "name", "visits");
                    }
                }
            }
            Change update = changes.stream().filter(change -> "u".equals(change.op())).findFirst().orElseThrow();
            assertThat(update.after().path("visits").asInt()).isEqualTo(6);
            assertThat(update.after().path("name").asText()).isEqualTo("harbour");

            assertThat(fingerprints(reader, "excl.public.places")).as("the fingerprint of places without its excluded columns")
                    .isEqualTo(fingerprints(reader, "excl.public.plain")).hasSize(1);
        } finally {
            Fixtures.dropSlots(pg, "excl_");
        }
    }

    @Test
    void exclusionsTheCaptureCannotHonourAreRefusedAtTheirPlace(PostgresEndpoint pg, KafkaEndpoint kafka) throws Exception {
        PostgresEndpoint db = pg.createDatabase("cdc_excluded_refused");
        Fixtures.execute(db, "CREATE TABLE places (id int PRIMARY KEY, name text, spot point)",
                "CREATE TABLE tagged (code text NOT NULL, note text)",
                "CREATE UNIQUE INDEX tagged_code ON tagged (code)",
                "ALTER TABLE tagged REPLICA IDENTITY USING INDEX tagged_code");
        TableName tagged = new TableName("public", "tagged");
        SourceRef idPlace = new SourceRef("shop.yaml", 7, 21, "source.excludeColumns.places[1]");
        SourceRef missingPlace = new SourceRef("shop.yaml", 7, 25, "source.excludeColumns.places[2]");
        SourceRef codePlace = new SourceRef("shop.yaml", 8, 14, "source.excludeColumns.tagged[0]");
        CaptureOptions options = Fixtures.options("excl_refused", db, kafka, List.of(PLACES, tagged), stateDir);
        List<ExcludedColumn> excluded = List.of(new ExcludedColumn(PLACES, "spot", SPOT_PLACE),
                new ExcludedColumn(PLACES, "id", idPlace), new ExcludedColumn(PLACES, "Spot", missingPlace),
                new ExcludedColumn(tagged, "code", codePlace));

        try (Connection c = db.connect()) {
            List<String> problems = new SourcePreflight(c).check(options.withRequirements(
                    options.requirements().excluding(excluded)));

            assertThat(problems).containsExactly(
                    "shop.yaml:7:21: source.excludeColumns.places[1]: column id is part of the primary key of public.places"
                            + " (id), which keys its change events: it cannot be excluded. Store it as a type Syncline"
                            + " carries, or remove public.places from source.tables",
                    "shop.yaml:7:25: source.excludeColumns.places[2]: table public.places has no column Spot (names are"
                            + " case-sensitive; columns: id, name, spot); remove it from source.excludeColumns",
                    "shop.yaml:8:14: source.excludeColumns.tagged[0]: column code is part of the REPLICA IDENTITY index of"
                            + " public.tagged, which keys its change events: it cannot be excluded. Store it as a type"
                            + " Syncline carries, or remove public.tagged from source.tables");
            assertThat(new SourcePreflight(c).exclusionProblems(excluded)).extracting(Object::toString)
                    .containsExactlyElementsOf(problems);
        }
    }

    private static List<String> fieldNames(Change change, String image) {
        List<String> names = new ArrayList<>();
        change.value().path(image).fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The schema fingerprints of the topic's change events (not tombstones). */
    private static Set<String> fingerprints(TopicReader reader, String topic) {
        Set<String> fingerprints = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> record : reader.readRaw(topic)) {
            if (record.value() != null) {
                fingerprints.add(new String(record.headers().lastHeader(SourceSchemaHeader.NAME).value(), StandardCharsets.UTF_8));
            }
        }
        return fingerprints;
    }
}
