package io.syncline.bench;

/** The measurements of a round; peak heap is reported per phase. */
enum Phase {
    DEBEZIUM_ALONE("A. Debezium alone"),
    RAW_SINK_WRITES("B. raw sink writes"),
    SYNCLINE("C. Syncline end to end"),
    KAFKA_CONNECT("K. Debezium + Kafka Connect → MongoDB"),
    BACKFILL("D. Syncline backfill"),
    VERIFY("E. verify --deep (D's pipeline, idle)");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
