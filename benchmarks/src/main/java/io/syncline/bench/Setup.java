package io.syncline.bench;

import io.syncline.cdc.CaptureTuning;
import io.syncline.cdc.DebeziumProperties;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/** What the numbers depend on, printed under the table: machine, load, JVM, services and settings. */
record Setup(String startedAt, double loadAtStart, String providers) {

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The lines every suite's setup shares: machine and load, JVM and services. */
    String machine() {
        return String.format(Locale.ROOT, """
                - Machine: %d cores, shared with other work; 1-minute load average %.2f at the start, %.2f at the end.
                - JVM: %s %s, max heap %,d MB. Services: %s.
                """, Runtime.getRuntime().availableProcessors(), loadAtStart, loadAverage(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), HeapSampler.maxMb(), providers);
    }

    /** The Elasticsearch sink's refresh interval as both suites' setups state it. */
    static String elasticsearchRefreshInterval(BenchmarkOptions options) {
        return options.elasticsearchRefreshInterval() == null ? "Elasticsearch's default (1s)"
                : options.elasticsearchRefreshInterval() + " (`--es-refresh-interval`)";
    }

    /** The spine's setup. */
    String markdown(BenchmarkOptions options) {
        CaptureTuning tuning = CaptureTuning.DEFAULTS;
        return String.format(Locale.ROOT, """
                ## Setup

                - Started %s. Rounds: %s; rows: %,d; changes: %,d.
                """, startedAt, options.roundsDescription(), options.rows(), options.changes()) + machine() + String.format(Locale.ROOT, """
                - Capture (A, C and D): Debezium %s, pgoutput, the capture's connector settings (max.batch.size %d,
                  max.queue.size %d, poll.interval.ms %d, heartbeat %d s). A keeps offsets in a file, C and D in Kafka.
                - Sink batching (C and D, and the batch sizes of B): Elasticsearch %s, MongoDB %s, ClickHouse %s.
                  The Elasticsearch sink's refresh interval: %s.
                - Metrics (C and D): %s.
                - Streamed changes: one `UPDATE ... SET status = '%s' WHERE id <= %,d`, timed from its commit.
                - Backfill (D): a third table with the same rows, C's pipeline with `snapshot: no_data`; one incremental
                  `execute-snapshot` signal (what `syncline backfill` writes; chunks of %,d rows), timed from its
                  commit; the capture until the backfill's COMPLETED notification (`<prefix>.syncline.notifications`).
                - Stores are counted every %d ms (Elasticsearch `_count` after `_refresh`, MongoDB `countDocuments`,
                  ClickHouse `count() ... FINAL`), Syncline's own counters every 20 ms; a time is when the count
                  that reached the target returned, so at most one poll interval plus one count late. Timeout
                  per phase: %d s.
                """, io.debezium.connector.postgresql.Module.version(),
                tuning.maxBatchSize(), tuning.maxQueueSize(), tuning.pollInterval().toMillis(),
                BenchPipeline.HEARTBEAT_INTERVAL.toSeconds(), BenchPipeline.ELASTICSEARCH_BATCH.yaml(),
                BenchPipeline.MONGODB_BATCH.yaml(), BenchPipeline.CLICKHOUSE_BATCH.yaml(),
                elasticsearchRefreshInterval(options),
                options.metricsCost() ? "C's rows are its run with metrics (HTTP endpoint on 127.0.0.1:0, `/metrics` scraped"
                        + " every second); the run without is under \"What metrics cost\"; D as shipped (endpoint and meters on, not scraped)"
                        : "as shipped: HTTP endpoint and meters on (on 127.0.0.1:0), not scraped",
                OrdersTable.MARKER,
                options.changes(), DebeziumProperties.BACKFILL_CHUNK_ROWS, options.storePoll().toMillis(),
                options.timeout().toSeconds());
    }
}
