package io.syncline.bench;

/** The rows of the result table, in the order they are printed. */
enum Metric {
    A_SNAPSHOT("A. Debezium alone, no-op consumer: snapshot", "rows"),
    A_STREAM("A. Debezium alone, no-op consumer: stream", "changes"),
    B_ELASTICSEARCH("B. raw Elasticsearch bulk", "docs"),
    B_MONGODB("B. raw MongoDB insertMany", "docs"),
    B_CLICKHOUSE("B. raw ClickHouse JDBC batch insert", "rows"),
    C_SNAPSHOT_CAPTURE("C. Syncline snapshot: capture acknowledged by Kafka (capture's counter)", "rows"),
    C_SNAPSHOT_VIEWS("C. Syncline snapshot: view documents produced (Streams' counter)", "rows"),
    C_SNAPSHOT_ELASTICSEARCH("C. Syncline snapshot → Elasticsearch", "docs"),
    C_SNAPSHOT_MONGODB("C. Syncline snapshot → MongoDB", "docs"),
    C_SNAPSHOT_CLICKHOUSE("C. Syncline snapshot → ClickHouse", "rows"),
    C_SNAPSHOT_ALL("C. Syncline snapshot → all three sinks", "rows"),
    C_STREAM_CAPTURE("C. Syncline stream: capture acknowledged by Kafka (capture's counter)", "changes"),
    C_STREAM_VIEWS("C. Syncline stream: view documents produced (Streams' counter)", "changes"),
    C_STREAM_ELASTICSEARCH("C. Syncline stream → Elasticsearch", "changes"),
    C_STREAM_MONGODB("C. Syncline stream → MongoDB", "changes"),
    C_STREAM_CLICKHOUSE("C. Syncline stream → ClickHouse", "changes"),
    C_STREAM_ALL("C. Syncline stream → all three sinks", "changes"),
    S_CAPTURE_SNAPSHOT("S. stage alone: capture snapshot into Kafka (role capture)", "rows"),
    S_CAPTURE_STREAM("S. stage alone: capture stream into Kafka (role capture)", "changes"),
    S_VIEWS("S. stage alone: views over the capture's backlog (role views), first record to last", "records"),
    S_ELASTICSEARCH("S. stage alone: view topic → Elasticsearch (role sink:search), first record to last", "records"),
    S_MONGODB("S. stage alone: view topic → MongoDB (role sink:documents), first record to last", "records"),
    S_CLICKHOUSE("S. stage alone: view topic → ClickHouse (role sink:analytics), first record to last", "records"),
    S_SINKS_TOGETHER("S. sinks stage alone: view topic → all three sinks at once (role sink), first record to the last sink's last", "records"),
    K_SNAPSHOT_MONGODB("K. Debezium + Kafka Connect snapshot → MongoDB (mongo-kafka sink connector)", "docs"),
    K_STREAM_MONGODB("K. Debezium + Kafka Connect stream → MongoDB (mongo-kafka sink connector)", "changes"),
    D_BACKFILL_CAPTURE("D. Syncline backfill: capture, signal to COMPLETED notification", "rows"),
    D_BACKFILL_VIEWS("D. Syncline backfill: view documents produced (Streams' counter)", "rows"),
    D_BACKFILL_ELASTICSEARCH("D. Syncline backfill → Elasticsearch", "docs"),
    D_BACKFILL_MONGODB("D. Syncline backfill → MongoDB", "docs"),
    D_BACKFILL_CLICKHOUSE("D. Syncline backfill → ClickHouse", "rows"),
    D_BACKFILL_ALL("D. Syncline backfill → all three sinks", "rows"),
    E_VERIFY_ELASTICSEARCH("E. verify --deep of every document in Elasticsearch", "docs"),
    E_VERIFY_MONGODB("E. verify --deep of every document in MongoDB", "docs"),
    E_VERIFY_CLICKHOUSE("E. verify --deep of every document in ClickHouse", "docs"),
    E_VERIFY_VIEW_TOPIC("E. verify --deep: of which reading the view topic (median of the three)", "docs");

    private final String label;
    private final String unit;

    Metric(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    String label() {
        return label;
    }

    String unit() {
        return unit;
    }
}
