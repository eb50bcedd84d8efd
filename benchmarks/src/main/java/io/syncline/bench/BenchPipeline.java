package io.syncline.bench;

import io.syncline.config.PipelineLoader;
import io.syncline.config.PipelineSpec;
import io.syncline.config.SnapshotMode;
import io.syncline.daemon.SinkFactoryCatalog;
import io.syncline.testkit.PostgresEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A measured pipeline, built as YAML the way syncline-cli's TestPipeline builds it: captured tables,
 * views, and the stores each view is routed to, under names of its own ({@code <name>_<view>} index
 * and table, collection {@code <view>} in database {@code <name>} in MongoDB). Batching is that of
 * the shipped example pipeline (connectors-config/examples/shop.yaml); the raw-write baselines use
 * the same batch sizes.
 *
 * @param views    the {@code views:} list, as YAML (a block list or a flow sequence)
 * @param routes   the views each store receives; a store with none gets no sink
 * @param snapshot when the capture reads the tables' existing rows
 * @param metrics  the daemon's HTTP endpoint and with it its meters, as shipped (on, but on a free
 *                 loopback port, so that no other process's endpoint is in the way); off: no
 *                 endpoint and no meters ({@code http.enabled: false})
 * @param httpPort the endpoint's loopback port; 0: any free one (a daemon in a child JVM needs a known one)
 */
record BenchPipeline(String name, Endpoints endpoints, PostgresEndpoint source, List<String> tables, String views,
                     Map<Store, List<String>> routes, SnapshotMode snapshot, Path stateDir, boolean metrics, int httpPort) {
    /** The spine's one view. */
    static final String VIEW = "orders";
    /** The sinks' default batching (SinkSpec.BatchSpec.DEFAULT), as shop.yaml leaves it for these two. */
    static final Batch ELASTICSEARCH_BATCH = new Batch(1000, "50ms", 2);
    static final Batch MONGODB_BATCH = new Batch(1000, "50ms", 2);
    static final Batch CLICKHOUSE_BATCH = new Batch(5000, "100ms", 2);
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    /** Partitions of every topic the pipeline creates: how many workers can share its views and sinks. */
    static final int PARTITIONS = 3;

    /** The stores, in the order their sinks are declared, with the sink's name and its CPU stage. */
    enum Store {
        ELASTICSEARCH("search", CpuStage.SINK_ELASTICSEARCH),
        MONGODB("documents", CpuStage.SINK_MONGODB),
        CLICKHOUSE("analytics", CpuStage.SINK_CLICKHOUSE);

        private final String sinkName;
        private final CpuStage cpuStage;

        Store(String sinkName, CpuStage cpuStage) {
            this.sinkName = sinkName;
            this.cpuStage = cpuStage;
        }

        String sinkName() {
            return sinkName;
        }

        /** Each sink's name and the CPU stage its threads are. */
        static Map<String, CpuStage> cpuStages() {
            Map<String, CpuStage> stages = new HashMap<>();
            for (Store store : values()) {
                stages.put(store.sinkName, store.cpuStage);
            }
            return stages;
        }
    }

    /** A sink's batching as the pipeline file spells it. */
    record Batch(int maxRecords, String linger, int maxInFlight) {
        String yaml() {
            return "{maxRecords: " + maxRecords + ", linger: " + linger + ", maxInFlight: " + maxInFlight + "}";
        }
    }

    BenchPipeline {
        tables = List.copyOf(tables);
        routes = Map.copyOf(routes);
    }

    /** The spine's pipeline: one table as one view of its rows, routed to all three stores. */
    static BenchPipeline flat(String name, Endpoints endpoints, OrdersTable table, Path stateDir) {
        String qualified = OrdersTable.SCHEMA + "." + table.name();
        Map<Store, List<String>> routes = new EnumMap<>(Store.class);
        for (Store store : Store.values()) {
            routes.put(store, List.of(VIEW));
        }
        return new BenchPipeline(name, endpoints, table.db().endpoint(), List.of(qualified),
                "- {name: " + VIEW + ", table: " + qualified + "}", routes, SnapshotMode.INITIAL, stateDir, true, 0);
    }

    /** The same pipeline without the initial snapshot: it streams from its start; only a backfill brings the rows. */
    BenchPipeline withoutSnapshot() {
        return new BenchPipeline(name, endpoints, source, tables, views, routes, SnapshotMode.NO_DATA, stateDir, metrics, httpPort);
    }

    /** The same pipeline without the HTTP endpoint, and so without meters: what metrics cost is the difference. */
    BenchPipeline withoutMetrics() {
        return new BenchPipeline(name, endpoints, source, tables, views, routes, snapshot, stateDir, false, httpPort);
    }

    /** The same pipeline with its HTTP endpoint on {@code 127.0.0.1:port}, for a daemon whose status is read from outside. */
    BenchPipeline withHttpPort(int port) {
        return new BenchPipeline(name, endpoints, source, tables, views, routes, snapshot, stateDir, true, port);
    }

    /** The same pipeline with its state in {@code dir}: each process of a pipeline run as several needs its own. */
    BenchPipeline withStateDir(Path dir) {
        return new BenchPipeline(name, endpoints, source, tables, views, routes, snapshot, dir, metrics, httpPort);
    }

    /** The shop example's joined views, routed as shop.yaml routes them: orders to Elasticsearch and MongoDB, order_items to ClickHouse. */
    static BenchPipeline shop(String name, Endpoints endpoints, PostgresEndpoint source, Path stateDir) {
        return new BenchPipeline(name, endpoints, source, ShopExample.TABLES,
                ShopExample.views(ShopExample.ORDERS, ShopExample.ORDER_ITEMS),
                Map.of(Store.ELASTICSEARCH, List.of(ShopExample.ORDERS), Store.MONGODB, List.of(ShopExample.ORDERS),
                        Store.CLICKHOUSE, List.of(ShopExample.ORDER_ITEMS)), SnapshotMode.INITIAL, stateDir, true, 0);
    }

    String elasticsearchIndex(String view) {
        return name + "_" + view;
    }

    String mongoDatabase() {
        return name;
    }

    String clickhouseTable(String view) {
        return name + "_" + view;
    }

    PipelineSpec spec() throws Exception {
        return new PipelineLoader().load(name + ".yaml", yaml(), environment(), SinkFactoryCatalog.discover());
    }

    /** The pipeline file; its passwords are references to {@link #passwords()}, not the values. */
    String yaml() {
        String header = """
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
                  snapshot: %s
                  heartbeatInterval: %s
                kafka:
                  bootstrapServers: "%s"
                  partitions: %d
                http: %s
                views:
                """.formatted(name, stateDir, source.host(), source.port(), source.database(), source.user(),
                String.join(", ", tables), snapshot.yamlName(), HEARTBEAT_INTERVAL.toSeconds() + "s",
                endpoints.kafka().bootstrapServers(), PARTITIONS, metrics ? "{enabled: true, address: \"127.0.0.1:" + httpPort + "\"}" : "{enabled: false}");
        StringBuilder yaml = new StringBuilder(header).append(views.indent(2)).append("sinks:\n");
        for (Store store : Store.values()) {
            List<String> routed = routes.getOrDefault(store, List.of());
            if (!routed.isEmpty()) {
                yaml.append(sink(store, routed));
            }
        }
        return yaml.toString();
    }

    private String sink(Store store, List<String> routed) {
        String views = routed.stream().map(view -> "      - {view: " + view + ", " + switch (store) {
            case ELASTICSEARCH -> "index: " + elasticsearchIndex(view);
            case MONGODB -> "collection: " + view;
            case CLICKHOUSE -> "table: " + clickhouseTable(view);
        } + "}\n").collect(Collectors.joining());
        return switch (store) {
            case ELASTICSEARCH -> """
                      - name: %s
                        type: elasticsearch
                        connection: {url: "%s", %s}
                        views:
                    %s    batch: %s
                    """.formatted(store.sinkName(), endpoints.elasticsearch().url(), endpoints.elasticsearchSinkOptions(), views, ELASTICSEARCH_BATCH.yaml());
            case MONGODB -> """
                      - name: %s
                        type: mongodb
                        connection: {uri: "%s", database: %s}
                        views:
                    %s    batch: %s
                    """.formatted(store.sinkName(), endpoints.mongodb().connectionString(), mongoDatabase(), views,
                    MONGODB_BATCH.yaml());
            case CLICKHOUSE -> """
                      - name: %s
                        type: clickhouse
                        connection: {url: "%s", user: "%s", password: "${BENCH_CH_PASSWORD}", compress: "false"}
                        views:
                    %s    batch: %s
                    """.formatted(store.sinkName(), endpoints.clickhouse().httpUrl(), endpoints.clickhouse().user(), views,
                    CLICKHOUSE_BATCH.yaml());
        };
    }

    /** The process environment and the services' passwords. */
    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(passwords());
        return env;
    }

    /** The variables {@link #yaml()} reads the services' passwords from. */
    Map<String, String> passwords() {
        return Map.of("BENCH_PG_PASSWORD", source.password(), "BENCH_CH_PASSWORD", endpoints.clickhouse().password());
    }
}
