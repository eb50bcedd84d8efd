package io.syncline.bench;

/** The phases of the joined-views measurement, in the order they run in a round. */
enum JoinPhase {
    SNAPSHOT("J1. snapshot"),
    CUSTOMERS_RENAMED("J2a. parent changes: customers renamed"),
    PRODUCTS_RENAMED("J2b. parent changes: products renamed"),
    ITEMS_INSERTED("J3a. child changes: items inserted"),
    ITEMS_DELETED("J3b. child changes: items deleted");

    private final String label;

    JoinPhase(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
