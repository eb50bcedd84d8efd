package io.syncline.sink.elasticsearch;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index mapping for a view: explicit types for every field of the schema, and dynamic
 * mapping for fields the schema does not know yet (schema evolution adds fields; a strict
 * mapping would reject them).
 *
 * <p>The document keeps the view topic's JSON, so some types rely on Elasticsearch parsing
 * text: decimals arrive as exact strings (mapped {@code double}, coerced for search, the exact
 * text stays in {@code _source}); timestamps as ISO text with microseconds (mapped {@code date},
 * millisecond resolution for search, microseconds in {@code _source}).
 *
 * <p>A json/jsonb field is mapped as its route's {@code mappings} say, by field path
 * ({@link JsonFieldMapping}; default {@code flattened}, which takes any object shape).
 *
 * <p>Integers of every width are {@code long}, floats of both widths {@code double}, so that a
 * column widened in the source (int → bigint, real → double precision) fits the existing mapping.
 *
 * <p>Numbers, dates and timestamps are {@code ignore_malformed}: the values Elasticsearch's
 * {@code double}/{@code float}/{@code date} cannot index — numeric and float {@code NaN},
 * {@code ±Infinity}, a numeric beyond double's range, date/timestamp {@code ±infinity}, and dates
 * whose year the format cannot parse — would otherwise reject the whole document. The sink itself
 * writes these fields from typed values, so nothing else is malformed here: such a value stays
 * exactly in {@code _source} (PostgreSQL's text, e.g. {@code "NaN"}, {@code "-infinity"}), is not
 * indexed, and the document's {@code _ignored} field names it ({@code exists}/{@code term} queries
 * on {@code _ignored} find them).
 *
 * <p>A nested OBJECT (a joined parent row) is an {@code object} whose properties follow the same
 * rules; an ARRAY of OBJECT (joined child rows) is {@code nested}, so that a query on several of
 * an element's fields matches within one element, not across elements.
 */
final class MappingFromSchema {
    static final int KEYWORD_IGNORE_ABOVE = 256;
    static final String DATE_FORMAT = "strict_date";
    static final String TIMESTAMP_FORMAT = "strict_date_optional_time_nanos";

    private MappingFromSchema() {
    }

    /**
     * Past this many levels of nesting a flattened field rejects the document (Elasticsearch's
     * default is 20); JSON deeper than 1,000 levels is refused by Elasticsearch's parser anyway.
     */
    static final int FLATTENED_DEPTH_LIMIT = 1000;
    /**
     * Longer leaves are kept in {@code _source} but not indexed: a keyword term is at most 32,766
     * bytes, and 8,191 characters are at most that in UTF-8, so a long leaf never rejects the document.
     */
    static final int FLATTENED_IGNORE_ABOVE = 8191;

    static TypeMapping mapping(ViewSchema schema) {
        return mapping(schema, Map.of());
    }

    /** {@code jsonMappings}: json field path → its mapping; json fields not named get {@link JsonFieldMapping#DEFAULT}. */
    static TypeMapping mapping(ViewSchema schema, Map<String, JsonFieldMapping> jsonMappings) {
        Map<String, Property> properties = new LinkedHashMap<>();
        for (ViewField field : schema.fields()) {
            if (schema.key().contains(field.name())) {
                properties.put(field.name(), keyProperty(field.type()));
            } else {
                put(properties, field, field.name(), jsonMappings);
            }
        }
        return TypeMapping.of(m -> m.dynamic(DynamicMapping.True).properties(properties));
    }

    /** A key field is matched exactly (ids, codes), so a string key is a keyword, not analyzed text. */
    private static Property keyProperty(FieldType type) {
        return switch (type.kind()) {
            case STRING -> Property.of(p -> p.keyword(k -> k));
            default -> property(type);
        };
    }

    static Property property(FieldType type) {
        return property("", type, Map.of());
    }

    /** {@code path}: the field's path from the document's top, as mappings name it ({@code items.attributes}). */
    private static Property property(String path, FieldType type, Map<String, JsonFieldMapping> jsonMappings) {
        return switch (type.kind()) {
            case STRING -> Property.of(p -> p.text(t -> t.fields("keyword",
                    f -> f.keyword(k -> k.ignoreAbove(KEYWORD_IGNORE_ABOVE)))));
            case BOOLEAN -> Property.of(p -> p.boolean_(b -> b));
            // Every integer is a long and every float a double: Elasticsearch cannot change a field's
            // type in place, and so int → bigint or real → double precision in the source needs nothing here.
            case INT16, INT32, INT64 -> Property.of(p -> p.long_(n -> n));
            case FLOAT32, FLOAT64, DECIMAL -> Property.of(p -> p.double_(n -> n.ignoreMalformed(true)));
            case DATE -> Property.of(p -> p.date(d -> d.format(DATE_FORMAT).ignoreMalformed(true)));
            // A time of day has no date type in Elasticsearch; fixed-width text sorts correctly.
            case TIME, UUID -> Property.of(p -> p.keyword(k -> k));
            case TIMESTAMP, TIMESTAMP_TZ -> Property.of(p -> p.date(d -> d.format(TIMESTAMP_FORMAT).ignoreMalformed(true)));
            case JSON -> json(jsonMappings.getOrDefault(path, JsonFieldMapping.DEFAULT));
            case BYTES -> Property.of(p -> p.binary(b -> b));
            // Every Elasticsearch field takes an array of its values; only arrays of objects need their own type.
            case ARRAY -> type.element().kind() == FieldKind.OBJECT
                    ? Property.of(p -> p.nested(n -> n.properties(properties(path, type.element().fields(), jsonMappings))))
                    : property(path, type.element(), jsonMappings);
            case OBJECT -> Property.of(p -> p.object(o -> o.properties(properties(path, type.fields(), jsonMappings))));
        };
    }

    static Property json(JsonFieldMapping mapping) {
        return switch (mapping) {
            case FLATTENED -> Property.of(p -> p.flattened(f -> f.depthLimit(FLATTENED_DEPTH_LIMIT).ignoreAbove(FLATTENED_IGNORE_ABOVE)));
            case OBJECT -> Property.of(p -> p.object(o -> o.dynamic(DynamicMapping.True)));
            case DISABLED -> Property.of(p -> p.object(o -> o.enabled(false)));
            case TEXT -> Property.of(p -> p.text(t -> t));
        };
    }

    private static Map<String, Property> properties(String parent, List<ViewField> fields, Map<String, JsonFieldMapping> jsonMappings) {
        Map<String, Property> properties = new LinkedHashMap<>();
        fields.forEach(field -> put(properties, field, parent.isEmpty() ? field.name() : parent + "." + field.name(), jsonMappings));
        return properties;
    }

    /** The field's property, and for a flattened json field the text field beside it for values flattened refuses. */
    private static void put(Map<String, Property> properties, ViewField field, String path, Map<String, JsonFieldMapping> jsonMappings) {
        properties.put(field.name(), property(path, field.type(), jsonMappings));
        if (DocumentJson.isJson(field.type())
                && jsonMappings.getOrDefault(path, JsonFieldMapping.DEFAULT) == JsonFieldMapping.FLATTENED) {
            properties.put(field.name() + DocumentJson.JSON_TEXT_SUFFIX, Property.of(p -> p.text(t -> t)));
        }
    }
}
