package io.syncline.bench;

/** What is timed in each phase of the joined-views measurement, in the order the table prints it. */
enum JoinStage {
    CAPTURE("capture acknowledged by Kafka (capture's counter)"),
    VIEWS("view documents produced, both views (Streams' counter, to its last step)"),
    ELASTICSEARCH("→ Elasticsearch orders"),
    MONGODB("→ MongoDB orders"),
    CLICKHOUSE("→ ClickHouse order_items"),
    ALL_SINKS("→ all sinks");

    private final String label;

    JoinStage(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
