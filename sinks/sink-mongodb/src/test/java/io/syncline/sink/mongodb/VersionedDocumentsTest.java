package io.syncline.sink.mongodb;

import io.syncline.testkit.fixtures.JoinedOrder;
import io.syncline.testkit.fixtures.EveryKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.Op;
import io.syncline.view.ViewField;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewSchema;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class VersionedDocumentsTest {
    private static final Map<String, FieldType> TYPES = EveryKind.SCHEMA.types();

    @Test
    void theDocumentIsKeyedByTheRecordIdAndCarriesVersionAndSourceTime() {
        ViewRecord record = new ViewRecord("order-1", 42, Op.UPDATE, 1_763_720_130_123L, EveryKind.document("order-1", 1));
        BsonDocument document = VersionedDocuments.of(record, TYPES);
        assertThat(document.getString("_id")).isEqualTo(new BsonString("order-1"));
        assertThat(document.get("_version")).isEqualTo(new BsonInt64(42));
        assertThat(document.get("_source_ts_ms")).isEqualTo(new BsonInt64(1_763_720_130_123L));
        assertThat(document.keySet()).containsAll(TYPES.keySet()).hasSize(TYPES.size() + 3);
        assertThat(document.get("price")).isEqualTo(new BsonDecimal128(Decimal128.parse("1234567890.50")));
    }

    @Test
    void aFieldTheSchemaDoesNotKnowIsKeptAsJson() {
        Map<String, Object> document = new LinkedHashMap<>(EveryKind.nulls("a"));
        document.put("added_later", Map.of("n", new BigDecimal("1.5")));
        BsonDocument stored = VersionedDocuments.of(new ViewRecord("a", 1, Op.CREATE, 0, document), TYPES);
        assertThat(stored.getDocument("added_later").get("n")).isEqualTo(new BsonDecimal128(Decimal128.parse("1.5")));
    }

    @Test
    void aDocumentTheDriverOrServerWouldRefuseFailsAloneNamingTheField() {
        assertThatThrownBy(() -> of(Map.of("$set", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("field '$set': a top-level field name cannot start with '$'");
        assertThatThrownBy(() -> of(Map.of("_version", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field '_version': the name is reserved");
        assertThatThrownBy(() -> of(Map.of("meta", Map.of("bad\0key", 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be encoded as BSON");
        assertThatThrownBy(() -> of(Map.of("count", "not a number")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'count': a INT32 value must be a Integer, not a java.lang.String");
    }

    @Test
    void aNestedValueOfTheWrongTypeFailsTheDocumentNamingWhereItIs() {
        Map<String, Object> document = JoinedOrder.order42();
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("sku", 17);
        Map<String, Object> item = new LinkedHashMap<>(((List<Map<String, Object>>) document.get("items")).get(0));
        item.put("product", product);
        document.put("items", List.of(item));

        assertThatThrownBy(() -> VersionedDocuments.of(new ViewRecord("42", 1, Op.CREATE, 0, document), JoinedOrder.SCHEMA.types()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'items': element 0: field 'product': field 'sku': a STRING value must be a String, "
                        + "not a java.lang.Integer");
    }

    @Test
    void aDocumentOverSixteenMebibytesIsRefusedBeforeTheBulkWrite() {
        String big = "x".repeat(VersionedDocuments.MAX_DOCUMENT_BYTES);
        assertThatThrownBy(() -> of(Map.of("name", big)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over MongoDB's limit of 16777216");
    }

    @Test
    void schemaFieldNamesThatCannotBeTopLevelFieldsAreReported() {
        ViewSchema schema = new ViewSchema("v", List.of(
                new ViewField("_id", FieldType.of(FieldKind.STRING, false, "text")),
                new ViewField("$price", FieldType.of(FieldKind.STRING, true, "text")),
                new ViewField("fine", FieldType.of(FieldKind.STRING, true, "text"))), List.of("_id"));
        assertThat(VersionedDocuments.nameProblems(schema)).containsExactly(
                "view v, field '_id': the name is reserved for the sink's own field",
                "view v, field '$price': a top-level field name cannot start with '$'");
        assertThat(VersionedDocuments.nameProblems(EveryKind.SCHEMA)).isEmpty();
    }

    private static BsonDocument of(Map<String, Object> fields) {
        Map<String, Object> document = new LinkedHashMap<>(EveryKind.nulls("a"));
        document.putAll(fields);
        return VersionedDocuments.of(new ViewRecord("a", 1, Op.CREATE, 0, document), TYPES);
    }
}
