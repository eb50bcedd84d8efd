package io.syncline.cli.init;

import io.syncline.config.TableName;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names {@code syncline init} derives: the pipeline's from the database, a view's from its table, a
 * sink target's from its view; each valid under the pipeline file's rules (names are lower-case
 * letters, digits, '_' and '-') and the store's.
 */
final class InitNames {
    /** The pipeline file's rule for pipeline, view and sink names. */
    static final Pattern NAME = Pattern.compile("[a-z0-9_-]+");
    /** {@code syncline_<name>} must stay a PostgreSQL identifier (63 bytes) for the slot. */
    static final int NAME_MAX = 63 - "syncline_".length();

    private InitNames() {
    }

    /** The pipeline's default name: the database's, made valid ({@code pipeline} when nothing is left). */
    static String pipeline(String database) {
        String name = sanitize(database);
        name = name.length() > NAME_MAX ? name.substring(0, NAME_MAX) : name;
        return name.isEmpty() ? "pipeline" : name;
    }

    /**
     * A view name for the table not in {@code taken}: the table's name, else {@code schema_table}, else
     * with a number appended.
     */
    static String view(TableName table, Set<String> taken) {
        String base = sanitize(table.table());
        base = base.isEmpty() ? "table" : base;
        if (!taken.contains(base)) {
            return base;
        }
        String qualified = sanitize(table.schema()) + "_" + base;
        if (!taken.contains(qualified)) {
            return qualified;
        }
        for (int i = 2; ; i++) {
            if (!taken.contains(qualified + "_" + i)) {
                return qualified + "_" + i;
            }
        }
    }

    /**
     * The target of a view in a store, by the sink's target key: the view's name, which suits MongoDB
     * collections and ClickHouse tables; Elasticsearch indices may not start with '_' or '-'.
     */
    static String target(String targetKey, String view) {
        if (!"index".equals(targetKey)) {
            return view;
        }
        String index = view.replaceFirst("^[_-]+", "");
        return index.isEmpty() ? "view" + view.length() : index;
    }

    private static String sanitize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
    }
}
