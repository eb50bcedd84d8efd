package io.syncline.view;

/**
 * The header the capture puts on every change event: a fingerprint of its table's columns as
 * Debezium's value schema had them (names, types, type parameters). It changes with the table's
 * columns, so the view stage sees a schema change at the first event written after it.
 */
public final class SourceSchemaHeader {
    public static final String NAME = "syncline.schema";

    private SourceSchemaHeader() {
    }
}
