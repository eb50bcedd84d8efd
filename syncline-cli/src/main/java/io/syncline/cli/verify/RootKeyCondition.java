package io.syncline.cli.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.cdc.Sql;
import io.syncline.view.FieldType;
import io.syncline.view.ViewSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The SQL condition that selects the root rows of given document ids, for a backfill of exactly
 * those rows: {@code "id" IN ('1','2')}, or {@code ("a","b") IN (('1','x'),...)} for a composite
 * key. A document id holds the key values' texts as the change events carry them (a JSON array of
 * them for a composite key): numbers, text, uuid and numeric as themselves, bytea in base64,
 * timestamptz in ISO-8601, and date, time and timestamp as a count (days since the epoch,
 * microseconds of the day or since the epoch), which become SQL expressions here.
 */
final class RootKeyCondition {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COUNT = Pattern.compile("-?\\d+");

    private RootKeyCondition() {
    }

    /** @param root the root table's rows: its key columns and their types */
    static String of(ViewSchema root, List<String> ids) {
        List<String> key = root.key();
        List<String> tuples = new ArrayList<>();
        for (String id : ids) {
            List<String> texts = key.size() == 1 ? List.of(id) : texts(id, key.size());
            List<String> literals = new ArrayList<>();
            for (int i = 0; i < key.size(); i++) {
                literals.add(literal(texts.get(i), root.field(key.get(i)).orElseThrow().type()));
            }
            tuples.add(key.size() == 1 ? literals.get(0) : "(" + String.join(", ", literals) + ")");
        }
        String columns = String.join(", ", key.stream().map(Sql::identifier).toList());
        return (key.size() == 1 ? columns : "(" + columns + ")") + " IN (" + String.join(", ", tuples) + ")";
    }

    private static List<String> texts(String id, int size) {
        try {
            JsonNode array = JSON.readTree(id);
            if (array != null && array.isArray() && array.size() == size) {
                List<String> texts = new ArrayList<>();
                array.forEach(v -> texts.add(v.isTextual() ? v.asText() : v.toString()));
                return texts;
            }
        } catch (IOException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("document id " + id + " does not hold a " + size + "-column key");
    }

    static String literal(String text, FieldType type) {
        boolean count = COUNT.matcher(text).matches();
        return switch (type.kind()) {
            case DATE -> count ? "(DATE '1970-01-01' + " + Long.parseLong(text) + ")" : quoted(text);
            case TIME -> count ? "(TIME '00:00' + " + Long.parseLong(text) + " * INTERVAL '1 microsecond')" : quoted(text);
            case TIMESTAMP -> count ? "(TIMESTAMP '1970-01-01' + " + Long.parseLong(text) + " * INTERVAL '1 microsecond')"
                    : quoted(text);
            case BYTES -> "decode(" + quoted(text) + ", 'base64')";
            default -> quoted(text);
        };
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
