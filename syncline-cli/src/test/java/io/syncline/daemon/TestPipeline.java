package io.syncline.daemon;

import static org.awaitility.Awaitility.await;

import io.syncline.cdc.CapturePhase;
import io.syncline.config.PipelineLoader;
import io.syncline.config.PipelineSpec;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A pipeline over the test kit's real servers, with names of its own (slot, topics, index,
 * collection, table) so test classes never see each other's data. A view goes to Elasticsearch
 * index {@code <name>_<view>}, MongoDB collection {@code <view>} of database {@code <name>} and
 * ClickHouse table {@code <name>_<view>}, in each sink that routes it.
 */
record TestPipeline(String name, PostgresEndpoint db, KafkaEndpoint kafka, ElasticsearchEndpoint es,
                    MongoEndpoint mongo, ClickHouseEndpoint clickhouse, List<String> tables, Views views, Path stateDir) {
    static final String SEARCH = "search";
    static final String DOCUMENTS = "documents";
    static final String ANALYTICS = "analytics";
    static final List<String> SINKS = List.of(SEARCH, DOCUMENTS, ANALYTICS);

    /**
     * The views part of a pipeline: {@code yaml} is the list under {@code views:} (items at column
     * 0), {@code routes} the views each sink takes, by sink name ({@link #SINKS}; a sink with no
     * views is left out), {@code variables} extra environment variables the file refers to,
     * {@code searchMappings} the Elasticsearch route's {@code mappings} per view, as YAML flow text
     * ({@code meta: object}).
     */
    record Views(String yaml, Map<String, List<String>> routes, Map<String, String> variables,
                 Map<String, String> searchMappings) {
        Views {
            routes = Map.copyOf(routes);
            variables = Map.copyOf(variables);
            searchMappings = Map.copyOf(searchMappings);
        }

        Views(String yaml, Map<String, List<String>> routes, Map<String, String> variables) {
            this(yaml, routes, variables, Map.of());
        }

        /** These views, with {@code mappings} on the Elasticsearch route of {@code view}. */
        Views withSearchMappings(String view, String mappings) {
            Map<String, String> all = new LinkedHashMap<>(searchMappings);
            all.put(view, mappings);
            return new Views(yaml, routes, variables, all);
        }

        /** One view per table, as the table is, routed to every sink. */
        static Views ofTables(List<String> tables) {
            StringBuilder yaml = new StringBuilder();
            tables.forEach(table -> yaml.append("- {name: ").append(table).append(", table: public.").append(table).append("}\n"));
            Map<String, List<String>> routes = new LinkedHashMap<>();
            SINKS.forEach(sink -> routes.put(sink, tables));
            return new Views(yaml.toString(), routes, Map.of());
        }
    }

    /** Every table captured, and routed to all three sinks as a view of its own name. */
    /** Starts the daemon's roles for {@code spec} and waits until capture streams (its snapshot done). */
    static PipelineRuntime startStreaming(PipelineSpec spec) throws Exception {
        PipelineRuntime runtime = PipelineRuntime.start(spec);
        await().atMost(Duration.ofSeconds(120)).until(() -> runtime.capture().status().phase() == CapturePhase.STREAMING);
        return runtime;
    }

    static TestPipeline create(String prefix, PostgresEndpoint db, KafkaEndpoint kafka, ElasticsearchEndpoint es,
                               MongoEndpoint mongo, ClickHouseEndpoint clickhouse, List<String> tables) throws Exception {
        return create(prefix, db, kafka, es, mongo, clickhouse, tables, Views.ofTables(tables));
    }

    /** {@code tables} captured, with views and routes of the test's own. */
    static TestPipeline create(String prefix, PostgresEndpoint db, KafkaEndpoint kafka, ElasticsearchEndpoint es,
                               MongoEndpoint mongo, ClickHouseEndpoint clickhouse, List<String> tables, Views views)
            throws Exception {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 6);
        return new TestPipeline(name, db, kafka, es, mongo, clickhouse, tables, views,
                Files.createTempDirectory("syncline-" + name + "-state"));
    }

    /** The Elasticsearch index or ClickHouse table of a view. */
    String target(String view) {
        return name + "_" + view;
    }

    String yaml() {
        return yaml(stateDir, db.port());
    }

    /** The pipeline file with another state directory and PostgreSQL port, e.g. for a second process. */
    String yaml(Path stateDir, int postgresPort) {
        return """
                name: %s
                stateDir: "${SYNCLINE_IT_STATE_DIR:-%s}"
                source:
                  postgres:
                    host: %s
                    port: %d
                    database: %s
                    user: %s
                    password: "${TEST_PG_PASSWORD}"
                  tables: [%s]
                  heartbeatInterval: 1s
                kafka:
                  bootstrapServers: "%s"
                  partitions: 3
                http: {address: "127.0.0.1:0"}
                views:
                %ssinks:
                %s""".formatted(name, stateDir, db.host(), postgresPort, db.database(), db.user(),
                String.join(", ", tables.stream().map(t -> "public." + t).toList()), kafka.bootstrapServers(),
                views.yaml().indent(2), sinks());
    }

    private String sinks() {
        StringBuilder yaml = new StringBuilder();
        sink(yaml, SEARCH, """
                - name: search
                  type: elasticsearch
                  connection: {url: "%s", numberOfReplicas: 0}
                """.formatted(es.url()), "index: " + name + "_", "{maxRecords: 500, linger: 50ms, maxInFlight: 2}");
        sink(yaml, DOCUMENTS, """
                - name: documents
                  type: mongodb
                  connection: {uri: "%s", database: %s}
                """.formatted(mongo.connectionString(), name), "collection: ", "{maxRecords: 500, linger: 50ms, maxInFlight: 2}");
        sink(yaml, ANALYTICS, """
                - name: analytics
                  type: clickhouse
                  connection: {url: "%s", user: "%s", password: "${TEST_CH_PASSWORD}", compress: "false"}
                """.formatted(clickhouse.httpUrl(), clickhouse.user()), "table: " + name + "_",
                "{maxRecords: 2000, linger: 100ms, maxInFlight: 2}");
        return yaml.toString().indent(2);
    }

    /** {@code target} is the route's target key and the prefix of the view's name. */
    private void sink(StringBuilder yaml, String sink, String head, String target, String batch) {
        List<String> routed = views.routes().getOrDefault(sink, List.of());
        if (routed.isEmpty()) {
            return;
        }
        yaml.append(head).append("  views:\n");
        routed.forEach(view -> {
            yaml.append("    - {view: ").append(view).append(", ").append(target).append(view);
            String mappings = sink.equals(SEARCH) ? views.searchMappings().get(view) : null;
            if (mappings != null) {
                yaml.append(", mappings: {").append(mappings).append('}');
            }
            yaml.append("}\n");
        });
        yaml.append("  batch: ").append(batch).append('\n');
    }

    /**
     * The environment of a process of this pipeline with a state directory of its own: processes on one
     * machine that run the views each need one (Kafka Streams locks its state directory).
     */
    Map<String, String> environment(Path processStateDir) {
        Map<String, String> env = environment();
        env.put("SYNCLINE_IT_STATE_DIR", processStateDir.toString());
        return env;
    }

    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(views.variables());
        env.put("TEST_PG_PASSWORD", db.password());
        env.put("TEST_CH_PASSWORD", clickhouse.password());
        return env;
    }

    /**
     * After a test class: stops {@code runtime} (if it started), drops the pipeline's replication slot
     * so PostgreSQL keeps no WAL for it, and removes the state directory.
     */
    void tearDown(PipelineRuntime runtime) throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                    + spec().source().slot() + "'");
        }
        deleteStateDir();
    }

    /** Removes the state directory (offsets, Streams state, the pipeline file). */
    void deleteStateDir() throws IOException {
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    Path writeFile() throws Exception {
        return Files.writeString(stateDir.resolve("pipeline.yaml"), yaml());
    }

    /** The file for commands run in the test's JVM, whose environment has no passwords: with them written in. */
    Path writeCliFile() throws Exception {
        return Files.writeString(stateDir.resolve("pipeline-cli.yaml"), yaml().replace("${TEST_PG_PASSWORD}", db.password())
                .replace("${TEST_CH_PASSWORD}", clickhouse.password()));
    }

    /** {@link #yaml(Path, int)} as file {@code name} in the state directory. */
    Path writeFile(String name, Path stateDir, int postgresPort) throws Exception {
        return Files.writeString(this.stateDir.resolve(name), yaml(stateDir, postgresPort));
    }

    PipelineSpec spec() throws Exception {
        return new PipelineLoader().load(writeFile(), environment(), SinkFactoryCatalog.discover());
    }

    String deadLetterTopic(String sink) {
        return name + ".dlq." + sink;
    }

    /** The consumer group of a sink's runner. */
    String sinkGroup(String sink) {
        return "syncline." + name + ".sink." + sink;
    }
}
