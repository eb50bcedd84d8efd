package io.syncline.config;

/** When the source reads the tables' existing rows, in Debezium's terms. */
public enum SnapshotMode {
    /** Snapshot when no offset exists yet, then stream (the default). */
    INITIAL("initial"),
    /** Never snapshot: stream changes from the slot's position only. */
    NO_DATA("no_data"),
    /** Snapshot at every start, then stream. */
    ALWAYS("always"),
    /** Snapshot and stop. */
    INITIAL_ONLY("initial_only"),
    /** Snapshot when the offset is missing or no longer available on the server. */
    WHEN_NEEDED("when_needed");

    private final String debezium;

    SnapshotMode(String debezium) {
        this.debezium = debezium;
    }

    public String debeziumName() {
        return debezium;
    }

    /** The spelling used in pipeline files (e.g. {@code initial}, {@code no_data}). */
    public String yamlName() {
        return debezium;
    }
}
