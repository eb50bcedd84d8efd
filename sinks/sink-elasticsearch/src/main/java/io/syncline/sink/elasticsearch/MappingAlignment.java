package io.syncline.sink.elasticsearch;

import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An existing index's mapping against the one the view's schema gives: top-level fields the index
 * lacks (a column added upstream) can be added to the mapping; a field mapped with another type
 * cannot change in place, which is reported with what it means and what to do.
 */
record MappingAlignment(Map<String, Property> missing, List<String> mismatches) {

    static MappingAlignment of(String index, Map<String, Property> current, TypeMapping wanted) {
        Map<String, Property> missing = new LinkedHashMap<>();
        List<String> mismatches = new ArrayList<>();
        wanted.properties().forEach((field, property) -> {
            Property existing = current.get(field);
            if (existing == null) {
                missing.put(field, property);
            } else if (existing._kind() != property._kind()) {
                mismatches.add("index " + index + " maps field " + field + " as " + existing._kind().jsonValue()
                        + ", the view's type needs " + property._kind().jsonValue() + ": values "
                        + existing._kind().jsonValue() + " cannot take are rejected (dead-lettered). Elasticsearch cannot"
                        + " change a field's type in place: reindex into a new index (or delete " + index
                        + " and restart once with source.snapshot: always) to take the new type");
            }
        });
        return new MappingAlignment(missing, mismatches);
    }

    /** {@code a (date), b (long)}. */
    String describeMissing() {
        return String.join(", ", missing.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue()._kind().jsonValue() + ")").toList());
    }
}
