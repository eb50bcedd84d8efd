package io.syncline.processors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.syncline.view.Op;
import io.syncline.view.SnapshotSweeps;
import java.io.IOException;

/**
 * A Debezium change event (JSON envelope, schemas disabled): op, the row before and after, its
 * source position and the source commit time. A truncate ({@code op} t) and capture's sweep marker
 * ({@link SnapshotSweeps}) have neither row and no op. {@code incremental}: a row of an incremental
 * snapshot chunk ({@code source.snapshot} = {@code incremental}, what {@code syncline backfill} asks
 * for), which must rebuild every document it reaches even when unchanged ({@link Records#REREAD}).
 */
record ChangeEvent(Kind kind, Op op, JsonNode before, JsonNode after, SourcePosition position, long sourceTimestampMs,
                   boolean incremental) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code source.snapshot} of a row read by an incremental snapshot. */
    private static final String INCREMENTAL = "incremental";

    /** A row's change, or an event about all of a table's rows. */
    enum Kind { ROW, TRUNCATE, SWEEP }

    /** A change event's key (the primary key's columns as JSON), or null for a table Debezium gives no key. */
    static JsonNode parseKey(String key) {
        if (key == null) {
            return null;
        }
        try {
            return JSON.readTree(key);
        } catch (IOException e) {
            throw new IllegalArgumentException("change event key is not JSON", e);
        }
    }

    boolean truncate() {
        return kind == Kind.TRUNCATE;
    }

    boolean sweep() {
        return kind == Kind.SWEEP;
    }

    /**
     * {@code generation}: the source generation the capture sent the event with. Read as a stream:
     * only the row images become trees; the source block's few fields are read as they pass, and the
     * rest (transaction, ts_us, ts_ns) is skipped. An envelope with a schema goes the slow way.
     */
    static ChangeEvent parse(String value, int generation) {
        try (JsonParser parser = JSON.getFactory().createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a Debezium change event (not a JSON object)");
            }
            String op = null;
            JsonNode before = null;
            JsonNode after = null;
            Source source = null;
            long envelopeTs = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "schema", "payload" -> {
                        return of(JSON.readTree(value), generation); // schemas enabled: not what capture writes
                    }
                    case "op" -> op = token == JsonToken.VALUE_NULL ? null : parser.getText();
                    case "before" -> before = tree(parser, token);
                    case "after" -> after = tree(parser, token);
                    case "source" -> source = token == JsonToken.START_OBJECT ? Source.read(parser) : skip(parser);
                    case "ts_ms" -> envelopeTs = token.isNumeric() ? parser.getValueAsLong() : 0;
                    default -> parser.skipChildren();
                }
            }
            return of(op, before, after, source, envelopeTs, generation);
        } catch (IOException e) {
            // The parser's message quotes the input: keep it in the cause only (dead-letter header), not in logs.
            throw new IllegalArgumentException("change event is not JSON", e);
        }
    }

    /** An envelope read as a tree (with a schema: the event is its payload). */
    private static ChangeEvent of(JsonNode envelope, int generation) {
        if (envelope.has("payload") && envelope.has("schema")) {
            envelope = envelope.get("payload");
        }
        JsonNode op = envelope.get("op");
        JsonNode source = envelope.get("source");
        return of(op == null || op.isNull() ? null : op.asText(), envelope.get("before"), envelope.get("after"),
                source == null || !source.isObject() ? null : Source.of(source),
                envelope.path("ts_ms").asLong(0), generation);
    }

    private static ChangeEvent of(String op, JsonNode before, JsonNode after, Source source, long envelopeTs,
                                  int generation) {
        boolean read = op != null && isRead(op) && source != null && source.snapshot();
        long lsn = source == null ? -1 : source.lsn(read);
        if (op == null || lsn < 0) {
            throw new IllegalArgumentException("not a Debezium change event (needs op and source.lsn)");
        }
        SourcePosition position = new SourcePosition(generation, read, lsn);
        long sourceTs = source.tsMs() == null ? envelopeTs : source.tsMs();
        if ("t".equals(op)) {
            return new ChangeEvent(Kind.TRUNCATE, null, null, null, position, sourceTs, false);
        }
        if (SnapshotSweeps.OP.equals(op)) {
            return new ChangeEvent(Kind.SWEEP, null, null, null, position, sourceTs, false);
        }
        return new ChangeEvent(Kind.ROW, Op.ofCode(op), before, after, position, sourceTs,
                read && INCREMENTAL.equals(source.snapshotText()));
    }

    private static JsonNode tree(JsonParser parser, JsonToken token) throws IOException {
        return token == JsonToken.VALUE_NULL ? NullNode.getInstance() : JSON.readTree(parser);
    }

    private static Source skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    /**
     * What the event's {@code source} block says about its position: {@code lsn}, {@code sequence}
     * (text), {@code snapshot} (text, or a boolean as text) and {@code ts_ms}; null where absent or null.
     */
    private record Source(Long lsnValue, String sequence, String snapshotText, Long tsMs) {
        static Source read(JsonParser parser) throws IOException {
            Long lsn = null;
            String sequence = null;
            String snapshot = null;
            Long tsMs = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (token == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (name) {
                    case "lsn" -> lsn = parser.getValueAsLong();
                    case "sequence" -> sequence = parser.getText();
                    case "snapshot" -> snapshot = parser.getText();
                    case "ts_ms" -> tsMs = parser.getValueAsLong();
                    default -> parser.skipChildren();
                }
            }
            return new Source(lsn, sequence, snapshot, tsMs);
        }

        static Source of(JsonNode source) {
            return new Source(source.hasNonNull("lsn") ? source.get("lsn").asLong() : null,
                    source.hasNonNull("sequence") ? source.get("sequence").asText() : null,
                    source.hasNonNull("snapshot") ? source.get("snapshot").asText() : null,
                    source.hasNonNull("ts_ms") ? source.get("ts_ms").asLong() : null);
        }

        /**
         * Debezium's {@code source.snapshot} of a read: {@code true}, {@code first}, {@code last},
         * {@code first_in_data_collection}, {@code last_in_data_collection} for the initial snapshot;
         * {@code incremental} for a chunk of an incremental snapshot, which counts as a snapshot read too:
         * it holds the row as a query saw it between two points of the stream, so a change streamed after
         * it wins even when written before the chunk was read. {@code false} (or none): streamed.
         */
        boolean snapshot() {
            return snapshotText != null && !"false".equals(snapshotText);
        }

        /**
         * The event's LSN. A backfill's rows (an incremental snapshot chunk) read before the capture
         * has streamed anything in this run carry no {@code lsn}; their {@code sequence} holds the
         * stream's position (last commit, last LSN) when the chunk was emitted: the highest is taken.
         * -1 when there is none.
         */
        long lsn(boolean read) {
            if (lsnValue != null) {
                return lsnValue;
            }
            long highest = -1;
            if (sequence != null && read) {
                try {
                    for (JsonNode position : JSON.readTree(sequence)) {
                        if (!position.isNull()) {
                            highest = Math.max(highest, Long.parseLong(position.asText()));
                        }
                    }
                } catch (IOException | NumberFormatException e) {
                    return -1;
                }
            }
            return highest;
        }
    }

    /**
     * Whether events of this {@code op} can be snapshot reads: Debezium's reads ({@code r}) and
     * capture's sweep marker, which stands at the end of a snapshot. A create, update, delete or
     * truncate is always streamed, whatever {@code source.snapshot} says: Debezium restarted from the
     * offset of a backfill's row marks the changes it streams next {@code snapshot: true} until the
     * next chunk, and taken as reads they lost to an older chunk's row by LSN.
     */
    private static boolean isRead(String op) {
        return "r".equals(op) || SnapshotSweeps.OP.equals(op);
    }
}
