package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.cli.ExitCodes;
import io.syncline.cli.Main;
import io.syncline.config.PipelineLoader;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

/**
 * A table with a point and a tsquery column, which capture would mangle and drop: without
 * {@code source.excludeColumns} {@code validate --source} refuses it and says how to exclude them; a
 * view naming an excluded column is refused at its place; with both excluded the daemon replicates the
 * table to Elasticsearch, MongoDB and ClickHouse equal to the source's other columns, value by value,
 * through the snapshot, inserts, updates and deletes, a type change of an excluded column (nothing for
 * the views) and an added column (the views are planned again, without the excluded ones).
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExcludedColumnsIT {
    private static final String EXCLUSION = "  excludeColumns: {places: [spot, \"Search Query\"]}\n";

    private TestPipeline pipeline;
    private PipelineRuntime runtime;
    private PostgresEndpoint db;

    @BeforeAll
    void start(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo,
               ClickHouseEndpoint clickhouse) throws Exception {
        db = postgres.createDatabase("excluded_columns_it");
        sql("CREATE TABLE places (id bigint PRIMARY KEY, name text, spot point, \"Search Query\" tsquery, visits int)",
                "INSERT INTO places SELECT i, 'place ' || i, point(i, -i), 'fat & cat', i FROM generate_series(1, 20) i");
        pipeline = TestPipeline.create("excluded_columns_it", db, kafka, es, mongo, clickhouse, List.of("places"));
    }

    @AfterAll
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.tearDown(runtime);
        }
    }

    @Test
    @Order(1)
    void withoutTheExclusionValidateRefusesTheColumnsAndShowsHowToExcludeThem() throws Exception {
        Validation validation = validate(pipeline.yaml());

        assertThat(validation.exit).as(validation.err).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(validation.err).contains("column spot of public.places has type point",
                "column Search Query of public.places has type tsquery",
                "leave it out of capture (source.excludeColumns: {public.places: [spot, \"Search Query\"]})");
    }

    @Test
    @Order(2)
    void aViewNamingAnExcludedColumnIsRefusedAtItsPlace() throws Exception {
        String yaml = withExclusion().replace("- {name: places, table: public.places}",
                "- {name: places, table: public.places, transforms: [{include: [id, spot]}]}");
        Validation validation = validate(yaml);

        assertThat(validation.exit).as(validation.err).isEqualTo(ExitCodes.CONFIG);
        assertThat(validation.err).contains("views[0].transforms[0]: unknown field 'spot' (fields: id, name, visits)");
        assertThat(validate(withExclusion()).exit).isEqualTo(ExitCodes.OK);
    }

    @Test
    @Order(3)
    void everySinkEqualsTheSourceWithoutTheExcludedColumns() throws Exception {
        Path file = Files.writeString(pipeline.stateDir().resolve("excluding.yaml"), withExclusion());
        runtime = TestPipeline.startStreaming(new PipelineLoader().load(file, pipeline.environment(),
                SinkFactoryCatalog.discover()));
        assertThat(schema().fields()).extracting(ViewField::name).containsExactly("id", "name", "visits");
        awaitEverySinkEqualsTheSource("the snapshot");

        sql("INSERT INTO places SELECT i, 'place ' || i, point(i, i), 'dog | cat', i FROM generate_series(21, 30) i",
                "UPDATE places SET spot = point(0, 0), \"Search Query\" = 'rat', visits = visits * 10 WHERE id <= 5",
                "UPDATE places SET spot = point(9, 9) WHERE id = 6",
                "DELETE FROM places WHERE id IN (7, 25)");
        awaitEverySinkEqualsTheSource("inserts, updates and deletes");

        // Nothing for the views: the column is not captured.
        sql("ALTER TABLE places ALTER COLUMN \"Search Query\" TYPE text",
                "UPDATE places SET \"Search Query\" = 'now text', name = 'renamed' WHERE id = 8");
        awaitEverySinkEqualsTheSource("a type change of an excluded column");

        // Every row written after it, as rows not written since keep their old shape in the sinks (a known gap).
        sql("ALTER TABLE places ADD COLUMN rating int", "UPDATE places SET rating = id % 5, spot = point(1, 1)",
                "INSERT INTO places VALUES (31, 'new', point(3, 3), 'x', 1, 5)");
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(schema().fields()).extracting(ViewField::name).containsExactly("id", "name", "visits", "rating"));
        awaitEverySinkEqualsTheSource("an added column");
        assertThat(runtime.views().metrics().deadLettered()).isZero();
    }

    private String withExclusion() {
        return pipeline.yaml().replace("  heartbeatInterval: 1s\n", "  heartbeatInterval: 1s\n" + EXCLUSION);
    }

    private ViewSchema schema() {
        return runtime.schemas().get("places");
    }

    private Validation validate(String yaml) throws Exception {
        Path file = Files.writeString(pipeline.stateDir().resolve("validate.yaml"), yaml
                .replace("${TEST_PG_PASSWORD}", db.password()).replace("${TEST_CH_PASSWORD}", pipeline.clickhouse().password()));
        StringWriter err = new StringWriter();
        CommandLine command = Main.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()));
        int exit = command.execute("validate", "--source", "-c", file.toString());
        return new Validation(exit, err.toString());
    }

    private record Validation(int exit, String err) {
    }

    private void awaitEverySinkEqualsTheSource(String after) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).as("the pipeline keeps running").isEmpty();
            ViewSchema schema = schema();
            var source = StoreContents.postgres(db, "places", schema);
            assertThat(StoreContents.differences(source, StoreContents.elasticsearch(pipeline.es(),
                    pipeline.target("places"), schema), 20)).as("Elasticsearch after %s", after).isEmpty();
            assertThat(StoreContents.differences(source, StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "places",
                    schema), 20)).as("MongoDB after %s", after).isEmpty();
            assertThat(StoreContents.differences(source, StoreContents.clickhouse(pipeline.clickhouse(),
                    pipeline.target("places"), schema), 20)).as("ClickHouse after %s", after).isEmpty();
        });
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
