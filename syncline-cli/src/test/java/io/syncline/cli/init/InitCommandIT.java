package io.syncline.cli.init;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.cli.ExitCodes;
import io.syncline.cli.Main;
import io.syncline.config.schema.PipelineJsonSchema;
import io.syncline.daemon.SinkFactoryCatalog;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code syncline init} against a real PostgreSQL holding the shop schema and tables that cannot be
 * captured safely: those are listed in the file with their reason and not captured, the others get a
 * view each, routed to the three sinks, and {@code syncline validate --source} accepts the file. Columns
 * whose type capture would mangle are left out of capture (source.excludeColumns) with the reason,
 * unless they are the table's key.
 */
@RealServices
class InitCommandIT {
    private static final String ODD_TABLES = """
            CREATE TABLE no_pk (a int, b text);
            CREATE TABLE no_pk_full (a int, b text);
            ALTER TABLE no_pk_full REPLICA IDENTITY FULL;
            CREATE TABLE no_pk_index (a int NOT NULL, b text);
            CREATE UNIQUE INDEX no_pk_index_a ON no_pk_index (a);
            ALTER TABLE no_pk_index REPLICA IDENTITY USING INDEX no_pk_index_a;
            CREATE TABLE identity_nothing (id int PRIMARY KEY);
            ALTER TABLE identity_nothing REPLICA IDENTITY NOTHING;
            CREATE UNLOGGED TABLE scratch (id int PRIMARY KEY);
            CREATE TABLE events (id bigint, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
            CREATE VIEW paid_orders AS SELECT * FROM orders WHERE status = 'paid';
            CREATE TABLE "Order Lines" (id int PRIMARY KEY);
            CREATE TABLE "Order_Lines" (id int PRIMARY KEY);
            CREATE TABLE "OrderNotes" (id int PRIMARY KEY, note text);
            CREATE TABLE places (id int PRIMARY KEY, name text, spot point, "Search Query" tsquery);
            CREATE TABLE marks (at pg_lsn PRIMARY KEY, note text);
            CREATE TABLE "order" (id int, line int, wait interval, PRIMARY KEY (id, line));
            """;

    @TempDir
    Path dir;

    @Test
    void writesAFileThatValidateSourceAccepts(PostgresEndpoint postgres, ElasticsearchEndpoint es, MongoEndpoint mongo,
            ClickHouseEndpoint clickhouse) throws Exception {
        PostgresEndpoint db = postgres.createDatabase("init_it");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(Files.readString(Path.of("../connectors-config/examples/shop-schema.sql")));
            s.execute(ODD_TABLES);
        }
        Path file = dir.resolve("shop.yaml");
        String clickhouseUrl = clickhouse.password().isEmpty() && "default".equals(clickhouse.user())
                ? clickhouse.httpUrl().toString()
                : clickhouse.httpUrl().toString().replace("://", "://" + encode(clickhouse.user()) + ":"
                        + encode(clickhouse.password()) + "@");

        Result init = init(db, "-o", file.toString(), "--sink", "elasticsearch=" + es.url(),
                "--sink", "mongodb=" + mongo.connectionString(), "--sink", "clickhouse=" + clickhouseUrl, "public.*");

        assertThat(init.exit).as(init.err).isZero();
        String yaml = Files.readString(file);
        assertThat(init.out).contains("Wrote " + file + ": 10 tables captured", "8 skipped; 2 columns left out of capture",
                "  left out column public.places.spot (point): Debezium sends it as a structure",
                "  left out column public.places.\"Search Query\" (tsquery): Debezium leaves columns of type tsquery out",
                "syncline run -c " + file);
        // Editors: the first line names the JSON Schema written beside the file, which is the one `syncline schema` gives.
        assertThat(yaml).startsWith("# yaml-language-server: $schema=syncline-pipeline.schema.json\n");
        assertThat(Files.readString(file.resolveSibling("syncline-pipeline.schema.json")))
                .isEqualTo(PipelineJsonSchema.generate(SinkFactoryCatalog.discover()));
        assertThat(yaml).contains("    - public.customers\n", "    - public.order\n",
                "    - \"public.OrderNotes\"\n", "    - public.order_items\n", "    - public.no_pk_index\n",
                "    - public.events\n", "    - public.places\n");
        assertThat(yaml).contains("  excludeColumns:\n"
                + "    public.places:\n"
                + "      - spot   # point: Debezium sends it as a structure (x, y, wkb) that the views do not read\n"
                + "      - \"Search Query\"   # tsquery: Debezium leaves columns of type tsquery out of its change events\n"
                + "  snapshot: initial");
        assertThat(yaml).contains(
                "  #   public.no_pk: no primary key and REPLICA IDENTITY DEFAULT: once it is published, its UPDATEs"
                        + " and DELETEs fail in your application",
                "  #   public.no_pk_full: no primary key (REPLICA IDENTITY FULL)",
                "  #   public.identity_nothing: REPLICA IDENTITY NOTHING",
                "  #   public.scratch: UNLOGGED",
                "  #   public.events_2026: a partition of public.events: captured through public.events",
                "  #   public.paid_orders: a view",
                "  #   public.marks: column at of public.marks has type pg_lsn: Debezium leaves columns of type pg_lsn out",
                "Key column at cannot be left out of capture",
                "  #   public.\"Order_Lines\": its change topic init_it.public.Order_Lines would be that of"
                        + " public.\"Order Lines\" too");
        assertThat(yaml).doesNotContain("- public.no_pk\n", "- public.no_pk_full\n", "- public.scratch\n",
                "- public.events_2026\n", "- public.marks\n", "- public.paid_orders\n", "Order_Lines\"\n");
        // A name a topic cannot hold is captured: its change topic is the one Debezium writes (Topics.changeTopic).
        assertThat(yaml).contains("    - \"public.Order Lines\"\n", "  - name: order_lines\n    table: \"public.Order Lines\"\n");
        // one view per captured table, keyed by its primary key (or its replica identity index)
        assertThat(yaml).contains("  - name: order_items\n    table: public.order_items\n"
                + "    # keyed by its primary key (order_id, line_no)\n");
        assertThat(yaml).contains("  - name: no_pk_index\n    table: public.no_pk_index\n    key:\n      - a\n");
        assertThat(yaml).contains("  - name: ordernotes\n", "    # carried as text: wait (interval)\n");
        assertThat(yaml).contains("      - {view: orders, index: orders}", "      - {view: orders, collection: orders}",
                "      - {view: order_items, table: order_items}");
        // no secret in the file
        assertThat(yaml).contains("password: \"${PGPASSWORD:-}\"");
        if (!db.password().isEmpty()) {
            assertThat(yaml).doesNotContain(db.password());
        }
        if (!clickhouse.password().isEmpty()) {
            assertThat(yaml).doesNotContain(clickhouse.password());
        }
        Files.writeString(Path.of("target/init-it-shop.yaml"), yaml); // to read after a run

        // The end-to-end proof: validate --source, as a user would run it. The command reads the process
        // environment, so the test servers' passwords go into a copy of the file.
        String withPasswords = yaml.replace("${PGPASSWORD:-}", db.password())
                .replace("${SYNCLINE_CLICKHOUSE_PASSWORD}", clickhouse.password());
        Path checked = Files.writeString(dir.resolve("checked.yaml"), withPasswords);
        Result validate = run(Main.commandLine(), "validate", "--source", "-c", checked.toString());
        assertThat(validate.exit).as(validate.err).isZero();
        assertThat(validate.out).contains("10 tables, 10 views, 3 sinks");

        // An existing file is not overwritten without --force.
        Result again = init(db, "-o", file.toString(), "public.orders");
        assertThat(again.exit).isEqualTo(ExitCodes.CANT_CREATE);
        assertThat(again.err).contains(file + " exists; use --force");
        assertThat(Files.readString(file)).isEqualTo(yaml);
        Result forced = init(db, "-o", file.toString(), "--force", "public.orders");
        assertThat(forced.exit).as(forced.err).isZero();
        assertThat(Files.readString(file)).contains("    - public.orders\n").doesNotContain("public.customers");

        // Nothing to capture, and names that match nothing.
        Result none = init(db, "-o", dir.resolve("none.yaml").toString(), "public.no_pk");
        assertThat(none.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err).contains("no table can be captured safely");
        Result missing = init(db, "-o", dir.resolve("none.yaml").toString(), "public.nope");
        assertThat(missing.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err).contains("matches public.nope");
        assertThat(dir.resolve("none.yaml")).doesNotExist();
    }

    @Test
    void anUnreachableServerIsUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Result result = init(new PostgresEndpoint("127.0.0.1", port, "shop", "postgres", ""),
                "-o", dir.resolve("x.yaml").toString(), "public.*");

        assertThat(result.exit).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(result.err).contains("cannot connect to PostgreSQL at 127.0.0.1:" + port);
        assertThat(dir.resolve("x.yaml")).doesNotExist();
    }

    private static Result init(PostgresEndpoint db, String... args) {
        CommandLine command = Main.commandLine();
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.keySet().removeIf(key -> key.startsWith("PG"));
        environment.put("PGPASSWORD", db.password());
        ((InitCommand) command.getSubcommands().get("init").getCommand()).environment = environment;
        List<String> all = new ArrayList<>(List.of("init", "--host", db.host(), "--port", Integer.toString(db.port()),
                "--database", db.database(), "--user", db.user()));
        all.addAll(List.of(args));
        return run(command, all.toArray(String[]::new));
    }

    private static Result run(CommandLine command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int exit = command.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private record Result(int exit, String out, String err) {
    }
}
