package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.cli.ExitCodes;
import io.syncline.cli.Main;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code syncline validate --source}: columns a view names that the source tables do not have, and
 * expressions that do not type, are problems with file, line and key path — found by reading the
 * real PostgreSQL catalog, before anything runs.
 */
@RealServices
class ValidateAgainstSourceIT {
    private static final String VIEWS = """
            - name: orders
              table: public.orders
              joins:
                - name: customer
                  table: public.customers
                  kind: one
                  on: {customer_id: id}
                  fields: [id, nmae]
              transforms:
                - compute: {twice: "totl * 2", label: "status + 1"}
                - filter: "placed_at > 'soon'"
            """;

    @Test
    void unknownColumnsAndBadExpressionsAreListedWithTheirPlace(PostgresEndpoint postgres, KafkaEndpoint kafka,
            ElasticsearchEndpoint es, MongoEndpoint mongo, ClickHouseEndpoint clickhouse) throws Exception {
        PostgresEndpoint db = postgres.createDatabase("validate_source_it");
        ShopViews.create(db, 1, 1, 1);
        TestPipeline pipeline = TestPipeline.create("validate_it", db, kafka, es, mongo, clickhouse, ShopViews.TABLES,
                new TestPipeline.Views(VIEWS, Map.of(TestPipeline.SEARCH, List.of("orders")), Map.of()));
        // The command reads the process environment: write the test servers' passwords into the file.
        String yaml = pipeline.yaml().replace("${TEST_PG_PASSWORD}", db.password())
                .replace("${TEST_CH_PASSWORD}", clickhouse.password());
        Path file = java.nio.file.Files.writeString(pipeline.stateDir().resolve("validate.yaml"), yaml);

        StringWriter err = new StringWriter();
        CommandLine command = Main.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()));
        int exit = command.execute("validate", "--source", "-c", file.toString());

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.CONFIG);
        // Column problems point at the join or transform item (and name the key below it); expression
        // problems at the expression itself.
        assertThat(err.toString().lines()).containsExactly(
                file + ":" + lineOf(yaml, "- name: customer") + ":9: views[0].joins[0].fields: unknown column 'nmae'"
                        + " of public.customers (columns: id, email, name, address, tags, created_at)",
                file + ":" + lineOf(yaml, "compute:") + ":26: views[0].transforms[0].compute.twice: unknown field 'totl'"
                        + " (fields: id, customer_id, status, total, placed_at, shipping_address, notes) in \"totl * 2\"",
                file + ":" + lineOf(yaml, "compute:") + ":45: views[0].transforms[0].compute.label: '+' needs numbers, not text"
                        + " (use || or concat() to join text) in \"status + 1\"",
                file + ":" + lineOf(yaml, "filter:") + ":9: views[0].transforms[1]: 'soon' is not a timestamptz (write e.g."
                        + " '2026-01-31', '2026-01-31T12:00:00', '2026-01-31T12:00:00Z' or 'infinity') in \"placed_at > 'soon'\"");
        pipeline.deleteStateDir();
    }

    private static int lineOf(String yaml, String text) {
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in the pipeline file");
    }
}
