package io.syncline.bench;

/** The phases of the joined-views measurement, in the order they run in a round. */
enum JoinPhase {
    SNAPSHOT("J1. snapshot"),
    CUSTOMERS_RENAMED("J2a. parent changes: customers renamed"),
    PRODUCTS_RENAMED("J2b. parent changes: products renamed"),
    ITEMS_INSERTED("J3a. child changes: items inserted"),
    ITEMS_DELETED("J3b. child changes: items deleted"),
    /** J1's snapshot again, each stage alone ({@link JoinedStagesAlone}). */
    SNAPSHOT_ALONE("J4. snapshot, each stage alone (the views from their first change read)"),
    /** J4's backlog again, through the raw baseline {@link JoinProcessorFloor}. */
    JOIN_PROCESSOR_FLOOR("J5. snapshot, raw baseline: a hand-written co-partitioned topology of the same documents");

    private final String label;

    JoinPhase(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The snapshots read source rows; the other phases change them. */
    boolean readsRows() {
        return this == SNAPSHOT || this == SNAPSHOT_ALONE || this == JOIN_PROCESSOR_FLOOR;
    }
}
