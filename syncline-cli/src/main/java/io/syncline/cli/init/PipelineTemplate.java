package io.syncline.cli.init;

import io.syncline.config.TableName;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The text of the pipeline file {@code syncline init} writes: a commented, valid pipeline with one
 * view per captured table, routed to every sink, and the tables left out listed as comments with
 * their reason. Pure text: every scalar goes through {@link YamlText}, every name in a comment through
 * {@link YamlText#comment}.
 */
final class PipelineTemplate {
    private static final Pattern LOWER_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    /** How the file reaches PostgreSQL: each value falls back to the libpq variable's value at run time. */
    record Source(String host, int port, String database, String user) {
    }

    /**
     * A captured table and its view.
     *
     * @param key   the view's key when it is not the primary key (empty: the primary key, not written)
     * @param notes comment lines about the view: its key, columns with unusual types
     */
    record View(String name, TableName table, List<String> key, List<String> notes) {
    }

    /** A table that is not captured, and why. */
    record Skipped(TableName table, String reason) {
    }

    /** A column left out of capture: its type as PostgreSQL writes it, and what Debezium would do to it. */
    record Excluded(TableName table, String column, String type, String why) {
    }

    /**
     * A sink with every view routed to it.
     *
     * @param connection option → YAML scalar as written (already quoted)
     * @param targets    view → target name in the store
     */
    record Sink(String name, String type, String targetKey, Map<String, String> connection, Map<String, String> targets) {
    }

    record Content(String commandLine, String generatedAt, String fileName, String name, Source source,
                   List<View> views, List<Skipped> skipped, List<Excluded> excluded, List<Sink> sinks) {
    }

    private PipelineTemplate() {
    }

    static String render(Content c) {
        StringBuilder y = new StringBuilder();
        header(y, c);
        source(y, c);
        kafka(y);
        views(y, c.views());
        if (c.sinks().isEmpty()) {
            exampleSinks(y, c);
        } else {
            sinks(y, c.sinks());
        }
        return y.toString();
    }

    private static void header(StringBuilder y, Content c) {
        String file = YamlText.comment(c.fileName());
        line(y, "# yaml-language-server: $schema=" + PipelineFileWriter.SCHEMA_FILE);
        line(y, "# (" + PipelineFileWriter.SCHEMA_FILE + " beside this file is the JSON Schema editors complete and check keys with;");
        line(y, "#  `syncline schema -o " + PipelineFileWriter.SCHEMA_FILE + "` writes it.)");
        line(y, "# Syncline pipeline for PostgreSQL database " + YamlText.comment(c.source().database())
                + ", written by `syncline init` on " + c.generatedAt() + ":");
        line(y, "#   " + YamlText.comment(c.commandLine()));
        line(y, "#");
        line(y, "# Next steps:");
        line(y, "#   syncline validate --source -c " + file + "   # checks every column the views use against PostgreSQL");
        line(y, "#   syncline run -c " + file + "                 # capture, views and sinks until stopped");
        line(y, "#   syncline verify -c " + file + "              # rows in the source vs documents in each sink");
        line(y, "# Every key is described in connectors-config/README.md; connectors-config/examples/shop.yaml");
        line(y, "# shows joined views (an order with its customer and items) and transforms (hash, rename, filter).");
        line(y, "# Values written ${NAME:-default} take the environment variable NAME when it is set.");
        line(y, "name: " + YamlText.literal(c.name()));
        line(y, "stateDir: " + YamlText.variable("SYNCLINE_STATE_DIR", "./state")
                + "   # offsets, the embedded Kafka broker's data, view state");
        line(y, "");
    }

    private static void source(StringBuilder y, Content c) {
        line(y, "# Where changes come from. The connection uses the same environment variables as psql (libpq);");
        line(y, "# the password is only ever read from PGPASSWORD and never written here. The user needs the");
        line(y, "# REPLICATION attribute (or superuser), and PostgreSQL wal_level = logical.");
        line(y, "source:");
        line(y, "  postgres:");
        line(y, "    host: " + YamlText.variable("PGHOST", c.source().host()));
        line(y, "    port: " + YamlText.variable("PGPORT", Integer.toString(c.source().port())));
        line(y, "    database: " + YamlText.variable("PGDATABASE", c.source().database()));
        line(y, "    user: " + YamlText.variable("PGUSER", c.source().user()));
        line(y, "    password: " + YamlText.variable("PGPASSWORD", ""));
        String slot = "syncline_" + c.name().replace('-', '_');
        line(y, "  slot: " + YamlText.literal(slot) + "   # the logical replication slot Syncline creates and owns");
        line(y, "  publication: " + YamlText.literal(slot) + "   # the publication Syncline creates (or extends) with these tables");
        line(y, "  tables:");
        for (View view : c.views()) {
            line(y, "    - " + YamlText.literal(tableText(view.table())));
        }
        if (!c.skipped().isEmpty()) {
            line(y, "  # Not captured: these tables cannot be captured safely (yet).");
            for (Skipped skipped : c.skipped()) {
                line(y, "  #   " + YamlText.comment(display(skipped.table()) + ": " + skipped.reason()));
            }
        }
        excludeColumns(y, c.excluded());
        line(y, "  snapshot: initial   # existing rows are read first, then changes stream from the WAL");
        line(y, "");
    }

    /** Each column under its table, in order, with a comment saying why it is left out. */
    private static void excludeColumns(StringBuilder y, List<Excluded> excluded) {
        if (excluded.isEmpty()) {
            return;
        }
        line(y, "  # Left out of capture: Debezium would drop or mangle these columns' values, so `run` refuses to");
        line(y, "  # capture them. For the views they do not exist. To capture one, store it as a type Syncline");
        line(y, "  # carries (e.g. text) and remove it here.");
        line(y, "  excludeColumns:");
        TableName table = null;
        for (Excluded column : excluded) {
            if (!column.table().equals(table)) {
                table = column.table();
                line(y, "    " + YamlText.scalar(tableText(table)) + ":"); // keys are not interpolated
            }
            line(y, "      - " + YamlText.literal(column.column()) + "   # "
                    + YamlText.comment(column.type() + ": " + column.why()));
        }
    }

    private static void kafka(StringBuilder y) {
        line(y, "# How changes travel. With no bootstrap servers, `run` starts an embedded single-node Kafka");
        line(y, "# broker in stateDir; set SYNCLINE_KAFKA_BOOTSTRAP_SERVERS to use a cluster.");
        line(y, "kafka:");
        line(y, "  bootstrapServers: " + YamlText.variable("SYNCLINE_KAFKA_BOOTSTRAP_SERVERS", ""));
        line(y, "");
    }

    private static void views(StringBuilder y, List<View> views) {
        line(y, "# One view per captured table: one document per row, keyed by the table's primary key unless");
        line(y, "# a key is given. Add joins and transforms here (see the reference above).");
        line(y, "views:");
        for (View view : views) {
            line(y, "  - name: " + YamlText.literal(view.name()));
            line(y, "    table: " + YamlText.literal(tableText(view.table())));
            if (!view.key().isEmpty()) {
                line(y, "    key:");
                view.key().forEach(column -> line(y, "      - " + YamlText.literal(column)));
            }
            view.notes().forEach(note -> line(y, "    # " + YamlText.comment(note)));
        }
        line(y, "");
    }

    /** No sink given: one of each type, commented out, to copy. */
    private static void exampleSinks(StringBuilder y, Content c) {
        line(y, "# Where the views go. No sink was given to `syncline init`: `run` then only captures changes and");
        line(y, "# builds the views in Kafka. To write them to stores, add sinks like these (one route per view):");
        line(y, "#");
        line(y, "# sinks:");
        line(y, "#   - name: search");
        line(y, "#     type: elasticsearch");
        line(y, "#     connection: {url: \"${SYNCLINE_ELASTICSEARCH_URL:-http://127.0.0.1:9200}\"}");
        line(y, "#     views:");
        exampleRoutes(y, c.views(), "index");
        line(y, "#   - name: documents");
        line(y, "#     type: mongodb");
        line(y, "#     connection: {uri: \"${SYNCLINE_MONGODB_URI:-mongodb://127.0.0.1:27017}\", database: "
                + YamlText.comment(YamlText.literal(c.name())) + "}");
        line(y, "#     views:");
        exampleRoutes(y, c.views(), "collection");
        line(y, "#   - name: analytics");
        line(y, "#     type: clickhouse");
        line(y, "#     connection: {url: \"${SYNCLINE_CLICKHOUSE_URL:-http://127.0.0.1:8123}\", database: default}");
        line(y, "#     views:");
        exampleRoutes(y, c.views(), "table");
    }

    private static void sinks(StringBuilder y, List<Sink> sinks) {
        line(y, "# Where the views go: every view to every sink, each into a target named after its table.");
        line(y, "# Targets are created on first write (Elasticsearch indices and ClickHouse tables with types");
        line(y, "# from the views' columns).");
        line(y, "sinks:");
        for (Sink sink : sinks) {
            line(y, "  - name: " + YamlText.literal(sink.name()));
            line(y, "    type: " + YamlText.literal(sink.type()));
            line(y, "    connection:");
            sink.connection().forEach((key, value) -> line(y, "      " + key + ": " + value));
            line(y, "    views:");
            sink.targets().forEach((view, target) -> line(y, "      - {view: " + YamlText.literal(view) + ", "
                    + sink.targetKey() + ": " + YamlText.literal(target) + "}"));
        }
    }

    private static void exampleRoutes(StringBuilder y, List<View> views, String targetKey) {
        for (View view : views) {
            String name = YamlText.literal(view.name());
            line(y, "#       - {view: " + YamlText.comment(name) + ", " + targetKey + ": "
                    + YamlText.comment(YamlText.literal(InitNames.target(targetKey, view.name()))) + "}");
        }
    }

    /** How the loader reads a table: {@code schema.table}, split at the (only) dot. */
    static String tableText(TableName table) {
        return table.schema() + "." + table.table();
    }

    /** A table as PostgreSQL would name it in messages and comments: parts quoted when they need it. */
    static String display(TableName table) {
        return identifier(table.schema()) + "." + identifier(table.table());
    }

    static String identifier(String name) {
        return LOWER_IDENTIFIER.matcher(name).matches() ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    private static void line(StringBuilder y, String text) {
        y.append(text).append('\n');
    }
}
