package io.syncline.config;

import java.util.List;

/** A view: its name, the table it is built from, and the key columns of its documents (empty: the table's primary key). */
public record ViewSpec(String name, TableName table, List<String> key) {
}
