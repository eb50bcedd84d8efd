package io.syncline.sink.elasticsearch;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.syncline.view.FieldType;
import io.syncline.view.ViewRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The bulk operation for one view record: a versioned index of its document, or a versioned delete. */
final class BulkOperations {
    // Elasticsearch's limit; it checks it for the whole bulk request before running any item.
    static final int MAX_ID_BYTES = 512;

    private BulkOperations() {
    }

    /** @throws UnwritableRecordException when Elasticsearch could never take this record */
    static BulkOperation operation(String index, ViewRecord record, Map<String, FieldType> types, VersionType versionType) {
        return operation(index, record, types, Map.of(), versionType);
    }

    /** {@code jsonMappings}: json field path → its mapping (how {@link DocumentJson} writes the field). */
    static BulkOperation operation(String index, ViewRecord record, Map<String, FieldType> types,
                                   Map<String, JsonFieldMapping> jsonMappings,
                                   VersionType versionType) {
        checkIdAndVersion(record);
        if (record.isDelete()) {
            return BulkOperation.of(op -> op.delete(d -> d.index(index).id(record.id())
                    .version(record.version()).versionType(versionType)));
        }
        BinaryData document = BinaryData.of(DocumentJson.bytes(record.document(), types, jsonMappings), ContentType.APPLICATION_JSON);
        return BulkOperation.of(op -> op.index(x -> x.index(index).id(record.id())
                .version(record.version()).versionType(versionType).document(document)));
    }

    private static void checkIdAndVersion(ViewRecord record) {
        int idBytes = record.id().getBytes(StandardCharsets.UTF_8).length;
        if (idBytes == 0) {
            throw new UnwritableRecordException("the document id is empty");
        }
        if (idBytes > MAX_ID_BYTES) {
            throw new UnwritableRecordException("the document id is " + idBytes + " bytes; Elasticsearch takes at most " + MAX_ID_BYTES);
        }
        if (record.version() < 0) {
            throw new UnwritableRecordException("version " + record.version() + " is negative; external versions are 0 or more");
        }
    }
}
