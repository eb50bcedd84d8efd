package io.syncline.sink.mongodb;

import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonSerializationException;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * The stored form of a view document: {@code _id} = the view record's id, the view's fields, then
 * {@code _version} (Int64, the version guard) and {@code _source_ts_ms} (Int64, the source commit
 * time). Encoded here, once, so that a document MongoDB cannot take (over 16 MiB, a NUL in a field
 * name) fails alone instead of failing the bulk write it would be part of.
 */
final class VersionedDocuments {
    static final String ID = "_id";
    static final String VERSION = "_version";
    static final String SOURCE_TS = "_source_ts_ms";
    /** MongoDB's maxBsonObjectSize. */
    static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
    private static final Set<String> RESERVED = Set.of(ID, VERSION, SOURCE_TS);
    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    private VersionedDocuments() {
    }

    /** Why a view's fields cannot be top-level document fields; empty when they can. */
    static List<String> nameProblems(ViewSchema schema) {
        List<String> problems = new ArrayList<>();
        for (ViewField field : schema.fields()) {
            String problem = nameProblem(field.name());
            if (problem != null) {
                problems.add("view " + schema.view() + ", field '" + field.name() + "': " + problem);
            }
        }
        return problems;
    }

    /**
     * The document for an upsert. Fields the schema does not know (the view gained a column
     * after this sink started) are kept, mapped like JSON values.
     *
     * @param types the view's field types by name
     * @throws IllegalArgumentException when this record cannot be stored; the message names the
     *                                  field and the problem, never a value
     */
    static RawBsonDocument of(ViewRecord record, Map<String, FieldType> types) {
        BsonDocument document = new BsonDocument(ID, new BsonString(record.id()));
        record.document().forEach((name, value) -> {
            FieldType type = types.get(name);
            String problem = type == null ? nameProblem(name) : null;
            if (problem != null) {
                throw new IllegalArgumentException("field '" + name + "': " + problem);
            }
            try {
                document.append(name, type == null ? BsonValues.json(value) : BsonValues.of(value, type));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field '" + name + "': " + e.getMessage(), e);
            }
        });
        document.append(VERSION, new BsonInt64(record.version()));
        document.append(SOURCE_TS, new BsonInt64(record.sourceTimestampMs()));
        RawBsonDocument encoded;
        try {
            encoded = new RawBsonDocument(document, CODEC);
        } catch (BsonSerializationException e) {
            // e.g. a JSON object key with a NUL character: BSON field names cannot hold one.
            throw new IllegalArgumentException("the document cannot be encoded as BSON: " + e.getClass().getSimpleName(), e);
        }
        int size = encoded.getByteBuffer().remaining();
        if (size > MAX_DOCUMENT_BYTES) {
            throw new IllegalArgumentException("the document has " + size + " bytes of BSON, over MongoDB's limit of "
                    + MAX_DOCUMENT_BYTES);
        }
        return encoded;
    }

    /**
     * Top-level names only: the driver refuses a replacement document with a {@code $}-prefixed
     * field (for the whole bulk write), and the metadata fields belong to the sink.
     */
    private static String nameProblem(String name) {
        if (RESERVED.contains(name)) {
            return "the name is reserved for the sink's own field";
        }
        if (name.startsWith("$")) {
            return "a top-level field name cannot start with '$'";
        }
        if (name.indexOf('\0') >= 0) {
            return "a field name cannot contain a NUL character";
        }
        return null;
    }
}
