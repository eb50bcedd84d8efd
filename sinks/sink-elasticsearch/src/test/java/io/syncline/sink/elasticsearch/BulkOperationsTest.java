package io.syncline.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.IndexOperation;
import co.elastic.clients.util.BinaryData;
import io.syncline.view.Op;
import io.syncline.view.ViewRecord;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkOperationsTest {

    @Test
    void anUpsertIsAVersionedIndexOfTheDocument() throws Exception {
        BulkOperation operation = BulkOperations.operation("orders", record("o-1", 42, Op.UPDATE), EveryKind.SCHEMA.types(), VersionType.ExternalGte);

        assertThat(operation.isIndex()).isTrue();
        IndexOperation<?> index = operation.index();
        assertThat(index.index()).isEqualTo("orders");
        assertThat(index.id()).isEqualTo("o-1");
        assertThat(index.version()).isEqualTo(42);
        assertThat(index.versionType()).isEqualTo(VersionType.ExternalGte);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        ((BinaryData) index.document()).writeTo(sent);
        assertThat(sent.toString(StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"o-1\",\"total\":\"1.50\"}");
    }

    @Test
    void aDeleteIsVersionedToo() {
        BulkOperation operation = BulkOperations.operation("orders", record("o-1", 43, Op.DELETE), EveryKind.SCHEMA.types(), VersionType.External);

        assertThat(operation.isDelete()).isTrue();
        assertThat(operation.delete().id()).isEqualTo("o-1");
        assertThat(operation.delete().version()).isEqualTo(43);
        assertThat(operation.delete().versionType()).isEqualTo(VersionType.External);
    }

    @Test
    void idsAndVersionsElasticsearchRefusesAreFoundBeforeSending() {
        String longest = "é".repeat(BulkOperations.MAX_ID_BYTES / 2); // two bytes each
        assertThat(BulkOperations.operation("orders", record(longest, 1, Op.UPDATE), EveryKind.SCHEMA.types(), VersionType.External).isIndex())
                .isTrue();

        assertThatThrownBy(() -> BulkOperations.operation("orders", record(longest + "x", 1, Op.DELETE), EveryKind.SCHEMA.types(), VersionType.External))
                .isInstanceOf(UnwritableRecordException.class).hasMessage("the document id is 513 bytes; Elasticsearch takes at most 512");
        assertThatThrownBy(() -> BulkOperations.operation("orders", record("", 1, Op.UPDATE), EveryKind.SCHEMA.types(), VersionType.External))
                .isInstanceOf(UnwritableRecordException.class).hasMessage("the document id is empty");
        assertThatThrownBy(() -> BulkOperations.operation("orders", record("o-1", -5, Op.DELETE), EveryKind.SCHEMA.types(), VersionType.External))
                .isInstanceOf(UnwritableRecordException.class).hasMessage("version -5 is negative; external versions are 0 or more");
    }

    private static ViewRecord record(String id, long version, Op op) {
        if (op == Op.DELETE) {
            return new ViewRecord(id, version, op, 0, null);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", id);
        document.put("total", new BigDecimal("1.50"));
        return new ViewRecord(id, version, op, 0, document);
    }
}
