package io.syncline.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    /** {@code generation}: the source generation the capture sent the event with. */
    static ChangeEvent parse(String value, int generation) {
        try {
            JsonNode envelope = JSON.readTree(value);
            if (envelope.has("payload") && envelope.has("schema")) {
                envelope = envelope.get("payload");
            }
            JsonNode op = envelope.get("op");
            JsonNode source = envelope.get("source");
            boolean read = op != null && isRead(op.asText()) && snapshotFlag(source);
            long lsn = source == null ? -1 : lsn(source, read);
            if (op == null || lsn < 0) {
                throw new IllegalArgumentException("not a Debezium change event (needs op and source.lsn)");
            }
            SourcePosition position = new SourcePosition(generation, read, lsn);
            long sourceTs = source.path("ts_ms").asLong(envelope.path("ts_ms").asLong(0));
            if ("t".equals(op.asText())) {
                return new ChangeEvent(Kind.TRUNCATE, null, null, null, position, sourceTs, false);
            }
            if (SnapshotSweeps.OP.equals(op.asText())) {
                return new ChangeEvent(Kind.SWEEP, null, null, null, position, sourceTs, false);
            }
            return new ChangeEvent(Kind.ROW, Op.ofCode(op.asText()), envelope.get("before"), envelope.get("after"),
                    position, sourceTs, read && INCREMENTAL.equals(source.path("snapshot").asText()));
        } catch (IOException e) {
            // The parser's message quotes the input: keep it in the cause only (dead-letter header), not in logs.
            throw new IllegalArgumentException("change event is not JSON", e);
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

    /**
     * The event's LSN. A backfill's rows (an incremental snapshot chunk) read before the capture
     * has streamed anything in this run carry no {@code lsn}; their {@code sequence} holds the
     * stream's position (last commit, last LSN) when the chunk was emitted: the highest is taken.
     * -1 when there is none.
     */
    private static long lsn(JsonNode source, boolean read) {
        if (source.hasNonNull("lsn")) {
            return source.get("lsn").asLong();
        }
        long highest = -1;
        if (source.hasNonNull("sequence") && read) {
            try {
                for (JsonNode position : JSON.readTree(source.get("sequence").asText())) {
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

    /**
     * Debezium's {@code source.snapshot} of a read: {@code true}, {@code first}, {@code last},
     * {@code first_in_data_collection}, {@code last_in_data_collection} for the initial snapshot;
     * {@code incremental} for a chunk of an incremental snapshot, which counts as a snapshot read too:
     * it holds the row as a query saw it between two points of the stream, so a change streamed after
     * it wins even when written before the chunk was read. {@code false} (or none): streamed.
     */
    private static boolean snapshotFlag(JsonNode source) {
        if (source == null) {
            return false;
        }
        JsonNode flag = source.get("snapshot");
        return flag != null && !flag.isNull() && !"false".equals(flag.asText());
    }
}
