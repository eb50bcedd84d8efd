package io.syncline.bench;

/** The measurements of a round; peak heap is reported per phase. */
enum Phase {
    DEBEZIUM_ALONE("A. Debezium alone"),
    RAW_SINK_WRITES("B. raw sink writes"),
    SYNCLINE("C. Syncline end to end"),
    STAGES_ALONE("S. Syncline's stages one at a time"),
    LATENCY("L. Syncline commit-to-visible latency at a steady rate"),
    KAFKA_CONNECT("K. Debezium + Kafka Connect → MongoDB"),
    BACKFILL("D. Syncline backfill"),
    VERIFY("E. verify --deep (D's pipeline, idle)"),
    /** The daemon runs in a child JVM: this JVM's peak says nothing about it; its own is in H's table. */
    BACKLOG("H. daemon draining a backlog (child JVM: its heap in H's table)"),
    /** The pipeline runs as several child JVMs. */
    SCALE_OUT("W. capture plus one or two workers draining a backlog, failover (child JVMs)");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
