package io.syncline.daemon;

import io.syncline.config.PipelineLoader;
import io.syncline.config.PipelineSpec;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A pipeline over the test kit's real servers, with names of its own (slot, topics, index,
 * collection, table) so test classes never see each other's data. Every table is routed to all
 * three sinks under {@code <name>_<table>}.
 */
record TestPipeline(String name, PostgresEndpoint db, KafkaEndpoint kafka, ElasticsearchEndpoint es,
                    MongoEndpoint mongo, ClickHouseEndpoint clickhouse, List<String> tables, Path stateDir) {

    static TestPipeline create(String prefix, PostgresEndpoint db, KafkaEndpoint kafka, ElasticsearchEndpoint es,
                               MongoEndpoint mongo, ClickHouseEndpoint clickhouse, List<String> tables) throws Exception {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 6);
        return new TestPipeline(name, db, kafka, es, mongo, clickhouse, tables,
                Files.createTempDirectory("syncline-" + name + "-state"));
    }

    String target(String table) {
        return name + "_" + table;
    }

    String yaml() {
        StringBuilder views = new StringBuilder();
        StringBuilder esRoutes = new StringBuilder();
        StringBuilder mongoRoutes = new StringBuilder();
        StringBuilder ch = new StringBuilder();
        for (String table : tables) {
            views.append("  - {name: ").append(table).append(", table: public.").append(table).append("}\n");
            esRoutes.append("      - {view: ").append(table).append(", index: ").append(target(table)).append("}\n");
            mongoRoutes.append("      - {view: ").append(table).append(", collection: ").append(table).append("}\n");
            ch.append("      - {view: ").append(table).append(", table: ").append(target(table)).append("}\n");
        }
        return """
                name: %s
                stateDir: %s
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
                views:
                %ssinks:
                  - name: search
                    type: elasticsearch
                    connection: {url: "%s", numberOfReplicas: 0}
                    views:
                %s    batch: {maxRecords: 500, linger: 50ms, maxInFlight: 2}
                  - name: documents
                    type: mongodb
                    connection: {uri: "%s", database: %s}
                    views:
                %s    batch: {maxRecords: 500, linger: 50ms, maxInFlight: 2}
                  - name: analytics
                    type: clickhouse
                    connection: {url: "%s", user: "%s", password: "${TEST_CH_PASSWORD}", compress: "false"}
                    views:
                %s    batch: {maxRecords: 2000, linger: 100ms, maxInFlight: 2}
                """.formatted(name, stateDir, db.host(), db.port(), db.database(), db.user(),
                String.join(", ", tables.stream().map(t -> "public." + t).toList()), kafka.bootstrapServers(),
                views, es.url(), esRoutes, mongo.connectionString(), name, mongoRoutes, clickhouse.httpUrl(),
                clickhouse.user(), ch);
    }

    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("TEST_PG_PASSWORD", db.password());
        env.put("TEST_CH_PASSWORD", clickhouse.password());
        return env;
    }

    /** Removes the state directory (offsets, Streams state, the pipeline file). */
    void deleteStateDir() throws java.io.IOException {
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    Path writeFile() throws Exception {
        return Files.writeString(stateDir.resolve("pipeline.yaml"), yaml());
    }

    PipelineSpec spec() throws Exception {
        return new PipelineLoader().load(writeFile(), environment(), SinkFactoryCatalog.discover());
    }

    String deadLetterTopic(String sink) {
        return name + ".dlq." + sink;
    }
}
