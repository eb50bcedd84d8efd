package io.syncline.bench;

import io.syncline.config.PipelineLoader;
import io.syncline.config.PipelineSpec;
import io.syncline.daemon.SinkFactoryCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The measured pipeline: one table, one view ({@value #VIEW}), routed to all three sinks under names
 * of its own ({@code <name>_orders} index and table, database {@code <name>} in MongoDB), built the
 * way syncline-cli's TestPipeline builds its YAML. Batching is that of the shipped example pipeline
 * (connectors-config/examples/shop.yaml); the raw-write baselines use the same batch sizes.
 */
record BenchPipeline(String name, Endpoints endpoints, OrdersTable table, Path stateDir) {
    static final String VIEW = "orders";
    /** The sinks' default batching (SinkSpec.BatchSpec.DEFAULT), as shop.yaml leaves it for these two. */
    static final Batch ELASTICSEARCH_BATCH = new Batch(1000, "100ms", 2);
    static final Batch MONGODB_BATCH = new Batch(1000, "100ms", 2);
    static final Batch CLICKHOUSE_BATCH = new Batch(5000, "200ms", 2);
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

    /** A sink's batching as the pipeline file spells it. */
    record Batch(int maxRecords, String linger, int maxInFlight) {
        String yaml() {
            return "{maxRecords: " + maxRecords + ", linger: " + linger + ", maxInFlight: " + maxInFlight + "}";
        }
    }

    String elasticsearchIndex() {
        return name + "_" + VIEW;
    }

    String mongoDatabase() {
        return name;
    }

    String clickhouseTable() {
        return name + "_" + VIEW;
    }

    PipelineSpec spec() throws Exception {
        return new PipelineLoader().load(name + ".yaml", yaml(), environment(), SinkFactoryCatalog.discover());
    }

    private String yaml() {
        var db = table.db().endpoint();
        String qualified = OrdersTable.SCHEMA + "." + table.name();
        return """
                name: %s
                stateDir: %s
                source:
                  postgres:
                    host: %s
                    port: %d
                    database: %s
                    user: %s
                    password: "${BENCH_PG_PASSWORD}"
                  tables: [%s]
                  heartbeatInterval: %s
                kafka:
                  bootstrapServers: "%s"
                  partitions: 3
                views:
                  - {name: %s, table: %s}
                sinks:
                  - name: search
                    type: elasticsearch
                    connection: {url: "%s", numberOfReplicas: 0}
                    views:
                      - {view: %s, index: %s}
                    batch: %s
                  - name: documents
                    type: mongodb
                    connection: {uri: "%s", database: %s}
                    views:
                      - {view: %s, collection: %s}
                    batch: %s
                  - name: analytics
                    type: clickhouse
                    connection: {url: "%s", user: "%s", password: "${BENCH_CH_PASSWORD}", compress: "false"}
                    views:
                      - {view: %s, table: %s}
                    batch: %s
                """.formatted(name, stateDir, db.host(), db.port(), db.database(), db.user(), qualified,
                HEARTBEAT_INTERVAL.toSeconds() + "s", endpoints.kafka().bootstrapServers(), VIEW, qualified,
                endpoints.elasticsearch().url(), VIEW, elasticsearchIndex(), ELASTICSEARCH_BATCH.yaml(),
                endpoints.mongodb().connectionString(), mongoDatabase(), VIEW, VIEW, MONGODB_BATCH.yaml(),
                endpoints.clickhouse().httpUrl(), endpoints.clickhouse().user(), VIEW, clickhouseTable(),
                CLICKHOUSE_BATCH.yaml());
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("BENCH_PG_PASSWORD", table.db().endpoint().password());
        env.put("BENCH_CH_PASSWORD", endpoints.clickhouse().password());
        return env;
    }
}
