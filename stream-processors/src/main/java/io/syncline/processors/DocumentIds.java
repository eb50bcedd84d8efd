package io.syncline.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;

/**
 * A document's id from its key columns: the value's text for a single key column (so an order
 * with id 42 is document "42" everywhere), a JSON array of the values for a composite key.
 */
final class DocumentIds {
    private DocumentIds() {
    }

    static String of(JsonNode row, List<String> key) {
        if (key.size() == 1) {
            return text(row, key.get(0));
        }
        ArrayNode values = JsonNodeFactory.instance.arrayNode();
        for (String column : key) {
            values.add(text(row, column));
        }
        return values.toString();
    }

    private static String text(JsonNode row, String column) {
        JsonNode value = row.get(column);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("key column " + column + " is missing or null");
        }
        return value.isTextual() ? value.asText() : value.toString();
    }
}
