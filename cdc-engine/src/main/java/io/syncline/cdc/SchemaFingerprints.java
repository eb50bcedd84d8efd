package io.syncline.cdc;

import io.debezium.embedded.EmbeddedEngineChangeEvent;
import io.debezium.engine.ChangeEvent;
import io.syncline.view.SourceSchemaHeader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/**
 * The {@link SourceSchemaHeader} of a change event: a digest of its table's row schema (the
 * envelope's {@code after} field) as Debezium has it. Debezium builds a new schema object when a
 * pgoutput RELATION message shows the table changed, and reuses it otherwise, so the digest is
 * computed once per schema object (per topic, the last one) rather than per record.
 */
final class SchemaFingerprints {
    private record Cached(Schema schema, Header header) {
    }

    private final Map<String, Cached> byTopic = new ConcurrentHashMap<>();

    /** The header for this event, or null when it has no row schema (a tombstone, or an engine without source records). */
    Header header(ChangeEvent<byte[], byte[]> record) {
        if (!(record instanceof EmbeddedEngineChangeEvent<?, ?, ?> event) || event.sourceRecord().valueSchema() == null) {
            return null;
        }
        Field after = event.sourceRecord().valueSchema().field("after");
        if (after == null) {
            return null;
        }
        Schema row = after.schema();
        Cached cached = byTopic.get(record.destination());
        if (cached == null || cached.schema() != row) {
            cached = new Cached(row, new RecordHeader(SourceSchemaHeader.NAME,
                    fingerprint(row).getBytes(StandardCharsets.UTF_8)));
            byTopic.put(record.destination(), cached);
        }
        return cached.header();
    }

    /** Hex digest of each column's name, type, logical type name, parameters (length, scale) and optionality. */
    static String fingerprint(Schema row) {
        StringBuilder text = new StringBuilder();
        for (Field field : row.fields()) {
            text.append(field.name()).append(':');
            describe(field.schema(), text);
            text.append(';');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void describe(Schema schema, StringBuilder text) {
        text.append(schema.type()).append('/').append(schema.name()).append('/').append(schema.isOptional())
                .append('/').append(schema.parameters() == null ? "" : new java.util.TreeMap<>(schema.parameters()));
        if (schema.type() == Schema.Type.ARRAY) {
            text.append('[');
            describe(schema.valueSchema(), text);
            text.append(']');
        }
    }
}
