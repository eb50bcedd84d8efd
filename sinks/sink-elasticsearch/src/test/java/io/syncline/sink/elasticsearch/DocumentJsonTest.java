package io.syncline.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.view.Op;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewRecordCodec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class DocumentJsonTest {

    @Test
    void theDocumentIsByteForByteTheViewTopicsDocument() {
        Map<String, Object> document = EveryKind.fullDocument("o-1");
        document.put("not_in_schema", Map.of("amount", new BigDecimal("1.10")));
        String value = new String(new ViewRecordCodec(EveryKind.SCHEMA)
                .encodeValue(new ViewRecord("o-1", 7, Op.UPDATE, 0, document)), StandardCharsets.UTF_8);
        String topicDocument = value.substring(value.indexOf("\"doc\":") + "\"doc\":".length(), value.length() - 1);

        String sent = new String(DocumentJson.bytes(document, EveryKind.SCHEMA.types()), StandardCharsets.UTF_8);

        assertThat(sent).isEqualTo(topicDocument).contains("\"total\":\"12345678.90\"", "\"not_in_schema\":{\"amount\":",
                "\"placed_at\":\"2024-02-29T22:59:59.000001Z\"", "\"signature\":\"AAEC/v8=\"");
    }

    @Test
    void nestedObjectsAndArraysOfObjectsAreByteForByteTheViewTopicsDocument() {
        for (Map<String, Object> document : List.of(JoinedOrder.order42(), JoinedOrder.order42Updated(), JoinedOrder.order43())) {
            String value = new String(new ViewRecordCodec(JoinedOrder.SCHEMA)
                    .encodeValue(new ViewRecord("42", 7, Op.UPDATE, 0, document)), StandardCharsets.UTF_8);
            String topicDocument = value.substring(value.indexOf("\"doc\":") + "\"doc\":".length(), value.length() - 1);

            assertThat(new String(DocumentJson.bytes(document, JoinedOrder.SCHEMA.types()), StandardCharsets.UTF_8))
                    .isEqualTo(topicDocument);
        }
        assertThat(new String(DocumentJson.bytes(JoinedOrder.order42(), JoinedOrder.SCHEMA.types()), StandardCharsets.UTF_8))
                .contains("\"items\":[{\"line_no\":1,\"product_id\":\"5eed0000-0000-0000-0000-000000000001\",\"quantity\":2,"
                        + "\"unit_price\":\"5.00\",\"product\":{\"sku\":\"SKU-1\",", "\"product\":null}]",
                        "\"since\":\"2020-02-29T23:59:59.000001Z\"", "\"total\":\"12345678.90\"");
    }

    @Test
    void aNestedValueOfTheWrongTypeIsNamedByItsPath() {
        Map<String, Object> document = JoinedOrder.order42();
        Map<String, Object> item = new LinkedHashMap<>(((List<Map<String, Object>>) document.get("items")).get(1));
        item.put("unit_price", 2.3d);
        document.put("items", List.of(((List<?>) document.get("items")).get(0), item));
        Map<String, Object> notAnObject = JoinedOrder.order42();
        notAnObject.put("customer", "Ada");

        assertThatThrownBy(() -> DocumentJson.bytes(document, JoinedOrder.SCHEMA.types()))
                .isInstanceOf(UnwritableRecordException.class)
                .hasMessage("field items[1].unit_price of kind DECIMAL holds a value of the wrong Java type (Double)");
        assertThatThrownBy(() -> DocumentJson.bytes(notAnObject, JoinedOrder.SCHEMA.types()))
                .isInstanceOf(UnwritableRecordException.class)
                .hasMessage("field customer of kind OBJECT holds a value of the wrong Java type (String)");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheFieldButNotTheValue() {
        Map<String, Object> document = EveryKind.fullDocument("o-1");
        document.put("placed_at", "2024-01-01 secret");

        assertThatThrownBy(() -> DocumentJson.bytes(document, EveryKind.SCHEMA.types()))
                .isInstanceOf(UnwritableRecordException.class)
                .hasMessage("field placed_at of kind TIMESTAMP_TZ holds a value of the wrong Java type (String)");
    }
}
