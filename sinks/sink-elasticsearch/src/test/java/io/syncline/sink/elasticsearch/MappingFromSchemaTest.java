package io.syncline.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MappingFromSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JacksonJsonpMapper CLIENT_JSON = new JacksonJsonpMapper();
    private static final String TEXT_WITH_KEYWORD =
            "{\"type\":\"text\",\"fields\":{\"keyword\":{\"type\":\"keyword\",\"ignore_above\":256}}}";
    private static final String FLATTENED = "{\"type\":\"flattened\",\"depth_limit\":1000,\"ignore_above\":8191}";
    private static final Map<FieldKind, String> EXPECTED = new EnumMap<>(Map.ofEntries(
            Map.entry(FieldKind.STRING, TEXT_WITH_KEYWORD),
            Map.entry(FieldKind.BOOLEAN, "{\"type\":\"boolean\"}"),
            Map.entry(FieldKind.INT16, "{\"type\":\"long\"}"),
            Map.entry(FieldKind.INT32, "{\"type\":\"long\"}"),
            Map.entry(FieldKind.INT64, "{\"type\":\"long\"}"),
            Map.entry(FieldKind.FLOAT32, "{\"type\":\"double\",\"ignore_malformed\":true}"),
            Map.entry(FieldKind.FLOAT64, "{\"type\":\"double\",\"ignore_malformed\":true}"),
            Map.entry(FieldKind.DECIMAL, "{\"type\":\"double\",\"ignore_malformed\":true}"),
            Map.entry(FieldKind.DATE, "{\"type\":\"date\",\"format\":\"strict_date\",\"ignore_malformed\":true}"),
            Map.entry(FieldKind.TIME, "{\"type\":\"keyword\"}"),
            Map.entry(FieldKind.TIMESTAMP, "{\"type\":\"date\",\"format\":\"strict_date_optional_time_nanos\",\"ignore_malformed\":true}"),
            Map.entry(FieldKind.TIMESTAMP_TZ, "{\"type\":\"date\",\"format\":\"strict_date_optional_time_nanos\",\"ignore_malformed\":true}"),
            Map.entry(FieldKind.UUID, "{\"type\":\"keyword\"}"),
            // The default takes any shape of JSON: flattened, deep enough and with long leaves left unindexed.
            Map.entry(FieldKind.JSON, FLATTENED),
            Map.entry(FieldKind.BYTES, "{\"type\":\"binary\"}"),
            Map.entry(FieldKind.ARRAY, "{\"type\":\"long\"}"),
            Map.entry(FieldKind.OBJECT, "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"long\"}}}")));

    @ParameterizedTest
    @EnumSource(FieldKind.class)
    void mapsEveryKind(FieldKind kind) throws Exception {
        FieldType type = switch (kind) {
            case ARRAY -> FieldType.array(FieldType.of(FieldKind.INT32, true, "int4"), true, "_int4");
            case DECIMAL -> FieldType.decimal(10, 2, true, "numeric");
            case OBJECT -> FieldType.object(List.of(new ViewField("n", FieldType.of(FieldKind.INT32, true, "int4"))), true, "join");
            default -> FieldType.of(kind, true, "t");
        };

        assertThat(EXPECTED).containsKey(kind);
        assertThat(json(MappingFromSchema.property(type))).isEqualTo(JSON.readTree(EXPECTED.get(kind)));
    }

    @ParameterizedTest
    @EnumSource(JsonFieldMapping.class)
    void eachJsonMappingMapsAsItsModeSays(JsonFieldMapping mode) throws Exception {
        String expected = switch (mode) {
            case FLATTENED -> FLATTENED;
            case OBJECT -> "{\"type\":\"object\",\"dynamic\":true}";
            case DISABLED -> "{\"type\":\"object\",\"enabled\":false}";
            case TEXT -> "{\"type\":\"text\"}";
        };

        assertThat(json(MappingFromSchema.json(mode))).isEqualTo(JSON.readTree(expected));
    }

    @Test
    void mappingsNameJsonFieldsByPathAtTheTopInsideObjectsAndInsideArraysOfObjects() throws Exception {
        FieldType json = FieldType.of(FieldKind.JSON, true, "jsonb");
        FieldType customer = FieldType.object(List.of(new ViewField("address", json)), true, "join");
        FieldType items = FieldType.array(FieldType.object(List.of(new ViewField("attributes", json)), true, "join"), false, "join");
        ViewSchema schema = new ViewSchema("v", List.of(new ViewField("id", FieldType.of(FieldKind.INT64, false, "int8")),
                new ViewField("metadata", json), new ViewField("raw", json), new ViewField("customer", customer),
                new ViewField("items", items)), List.of("id"));

        JsonNode properties = json(MappingFromSchema.mapping(schema, Map.of("raw", JsonFieldMapping.DISABLED,
                "customer.address", JsonFieldMapping.TEXT, "items.attributes", JsonFieldMapping.OBJECT))).get("properties");

        assertThat(properties.get("metadata")).isEqualTo(JSON.readTree(FLATTENED));
        assertThat(properties.get("raw")).isEqualTo(JSON.readTree("{\"type\":\"object\",\"enabled\":false}"));
        assertThat(properties.at("/customer/properties/address")).isEqualTo(JSON.readTree("{\"type\":\"text\"}"));
        assertThat(properties.at("/items/properties/attributes")).isEqualTo(JSON.readTree("{\"type\":\"object\",\"dynamic\":true}"));
    }

    @Test
    void anArrayMapsAsItsElementsAtAnyDepth() throws Exception {
        FieldType textArray = FieldType.array(FieldType.of(FieldKind.STRING, true, "text"), true, "_text");
        FieldType nested = FieldType.array(FieldType.array(FieldType.of(FieldKind.TIMESTAMP_TZ, true, "timestamptz"), true, "_timestamptz"), true, "x");

        assertThat(json(MappingFromSchema.property(textArray))).isEqualTo(JSON.readTree(TEXT_WITH_KEYWORD));
        assertThat(json(MappingFromSchema.property(nested))).isEqualTo(JSON.readTree(EXPECTED.get(FieldKind.TIMESTAMP_TZ)));
    }

    @Test
    void objectsMapTheirFieldsByTheSameRulesAndArraysOfObjectsAreNested() throws Exception {
        JsonNode properties = json(MappingFromSchema.mapping(JoinedOrder.SCHEMA)).get("properties");

        assertThat(properties.get("customer")).isEqualTo(JSON.readTree("{\"type\":\"object\",\"properties\":{"
                + "\"id\":{\"type\":\"keyword\"},\"name\":" + TEXT_WITH_KEYWORD + ",\"email\":" + TEXT_WITH_KEYWORD + ","
                + "\"since\":" + EXPECTED.get(FieldKind.TIMESTAMP_TZ) + "}}"));
        assertThat(properties.get("items")).isEqualTo(JSON.readTree("{\"type\":\"nested\",\"properties\":{"
                + "\"line_no\":{\"type\":\"long\"},\"product_id\":{\"type\":\"keyword\"},\"quantity\":{\"type\":\"long\"},"
                + "\"unit_price\":" + EXPECTED.get(FieldKind.DECIMAL) + ",\"product\":{\"type\":\"object\",\"properties\":{"
                + "\"sku\":" + TEXT_WITH_KEYWORD + ",\"name\":" + TEXT_WITH_KEYWORD + "}}}}"));
        // Inside an object every field maps as it would at the top level (a nested "id" is no key: text, not keyword).
        JsonNode every = properties.at("/every/properties");
        for (ViewField field : EveryKind.SCHEMA.fields()) {
            assertThat(every.get(field.name())).as(field.name()).isEqualTo(json(MappingFromSchema.property(field.type())));
        }
        assertThat(every.get("id")).isEqualTo(JSON.readTree(TEXT_WITH_KEYWORD));
    }

    @Test
    void anArrayOfArraysOfObjectsIsNestedAndObjectsNestAtAnyDepth() throws Exception {
        FieldType leaf = FieldType.object(List.of(new ViewField("at", FieldType.of(FieldKind.DATE, true, "date"))), true, "join");
        FieldType middle = FieldType.object(List.of(new ViewField("leaves", FieldType.array(leaf, false, "join"))), true, "join");
        FieldType matrix = FieldType.array(FieldType.array(middle, true, "join"), true, "join");

        assertThat(json(MappingFromSchema.property(matrix))).isEqualTo(JSON.readTree("{\"type\":\"nested\",\"properties\":{"
                + "\"leaves\":{\"type\":\"nested\",\"properties\":{\"at\":" + EXPECTED.get(FieldKind.DATE) + "}}}}"));
    }

    @Test
    void keyStringsAreKeywordsAndTheTopLevelStaysDynamic() throws Exception {
        ViewSchema schema = new ViewSchema("orders", List.of(
                new ViewField("order_no", FieldType.of(FieldKind.STRING, false, "text")),
                new ViewField("line", FieldType.of(FieldKind.INT32, false, "int4")),
                new ViewField("title", FieldType.of(FieldKind.STRING, true, "text"))),
                List.of("order_no", "line"));

        assertThat(json(MappingFromSchema.mapping(schema))).isEqualTo(JSON.readTree("{\"dynamic\":true,\"properties\":{"
                + "\"order_no\":{\"type\":\"keyword\"},\"line\":{\"type\":\"long\"},\"title\":" + TEXT_WITH_KEYWORD + "}}"));
    }

    private static JsonNode json(Object mapping) throws Exception {
        return JSON.readTree(JsonpUtils.toJsonString(mapping, CLIENT_JSON));
    }
}
