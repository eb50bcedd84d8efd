package io.syncline.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.sink.SinkProblem;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The route option {@code mappings}: its checks, and json fields written as text. */
class JsonMappingsTest {
    private static final FieldType JSON = FieldType.of(FieldKind.JSON, true, "jsonb");
    private static final ViewSchema SCHEMA = new ViewSchema("orders", List.of(
            new ViewField("id", FieldType.of(FieldKind.INT64, false, "int8")),
            new ViewField("metadata", JSON),
            new ViewField("notes", FieldType.of(FieldKind.STRING, true, "text")),
            new ViewField("customer", FieldType.object(List.of(new ViewField("address", JSON),
                    new ViewField("name", FieldType.of(FieldKind.STRING, true, "text"))), true, "join"))), List.of("id"));

    private static List<SinkProblem> problems(Map<String, String> mappings, ViewSchema schema) {
        return ElasticsearchRouteOptions.problems(Map.of("mappings", mappings), schema);
    }

    @Test
    void acceptsEveryModeForJsonFieldsAtTheTopAndInsideJoinedObjects() {
        assertThat(problems(Map.of("metadata", "flattened", "customer.address", "text"), SCHEMA)).isEmpty();
        for (String mode : List.of("flattened", "object", "disabled", "text")) {
            assertThat(problems(Map.of("metadata", mode), SCHEMA)).isEmpty();
        }
    }

    @Test
    void reportsUnknownModesWithoutASchemaAndFieldsOnlyWithOne() {
        assertThat(problems(Map.of("nope", "flatened"), null))
                .containsExactly(new SinkProblem("mappings.nope", "unknown mapping 'flatened'; allowed: flattened, object, disabled, text"));
        assertThat(problems(Map.of("metdata", "object"), SCHEMA)).containsExactly(new SinkProblem("mappings.metdata",
                "view orders has no field 'metdata'; fields: id, metadata, notes, customer"));
        assertThat(problems(Map.of("customer.adress", "object"), SCHEMA)).containsExactly(new SinkProblem("mappings.customer.adress",
                "view orders has no field 'customer.adress'; fields of customer: address, name"));
        assertThat(problems(Map.of("notes", "text"), SCHEMA)).containsExactly(new SinkProblem("mappings.notes",
                "'notes' is text, not json or jsonb: mappings choose how json fields are indexed"));
        assertThat(problems(Map.of("metadata.a", "text"), SCHEMA)).containsExactly(new SinkProblem("mappings.metadata.a",
                "'metadata' is jsonb, not a joined object: it has no field 'a'"));
        assertThat(ElasticsearchRouteOptions.problems(Map.of("mapping", Map.of()), SCHEMA))
                .containsExactly(new SinkProblem("mapping", "unknown route option; known: mappings"));
    }

    @Test
    void aJsonFieldMappedAsTextIsWrittenAsItsJsonTextOthersAsJson() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("city", "Zürich");
        address.put("lines", List.of(1, "x"));
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("address", address);
        customer.put("name", "Ada");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", 1L);
        document.put("metadata", Map.of("a", 1));
        document.put("customer", customer);

        String sent = new String(DocumentJson.bytes(document, SCHEMA.types(), Map.of("customer.address", JsonFieldMapping.TEXT)), StandardCharsets.UTF_8);

        assertThat(sent).isEqualTo("{\"id\":1,\"metadata\":{\"a\":1},\"customer\":{\"address\":"
                + "\"{\\\"city\\\":\\\"Zürich\\\",\\\"lines\\\":[1,\\\"x\\\"]}\",\"name\":\"Ada\"}}");
    }

    @Test
    void aValueFlattenedCannotTakeGoesToTheTextFieldBesideItAtAnyDepth() {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("address", List.of(1, "x"));
        customer.put("name", "Ada");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", 1L);
        document.put("metadata", 5);
        document.put("customer", customer);

        String sent = new String(DocumentJson.bytes(document, SCHEMA.types()), StandardCharsets.UTF_8);

        assertThat(sent).isEqualTo("{\"id\":1,\"metadata\":null,\"metadata__json\":\"5\",\"customer\":{\"address\":null,"
                + "\"address__json\":\"[1,\\\"x\\\"]\",\"name\":\"Ada\"}}");
        assertThat(MappingFromSchema.mapping(SCHEMA).properties()).containsKeys("metadata", "metadata__json");
    }
}
