package io.syncline.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.view.Op;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewRecordCodec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    void aValueOfTheWrongTypeNamesTheFieldButNotTheValue() {
        Map<String, Object> document = EveryKind.fullDocument("o-1");
        document.put("placed_at", "2024-01-01 secret");

        assertThatThrownBy(() -> DocumentJson.bytes(document, EveryKind.SCHEMA.types()))
                .isInstanceOf(UnwritableRecordException.class)
                .hasMessage("field placed_at of kind TIMESTAMP_TZ holds a value of the wrong Java type (String)");
    }
}
