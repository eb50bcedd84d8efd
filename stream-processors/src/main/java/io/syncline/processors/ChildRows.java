package io.syncline.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The children of one parent in a {@code many} join, as the aggregation stores them: a format byte,
 * then per child its id and its record, each length-prefixed. Kafka Streams calls the aggregator once
 * per child change with the whole value, so adding a child must not parse the others: with a JSON
 * object, a parent's 20,000th child cost parsing and writing the 19,999 before it (quadratic, minutes
 * for one parent); here it is one scan over lengths and one copy. Values stored by earlier versions (a
 * JSON object of records by child id, first byte {@code '{'}) are read as well and rewritten on change.
 */
final class ChildRows {
    private static final byte FORMAT = 1;

    private ChildRows() {
    }

    static byte[] empty() {
        return new byte[] {FORMAT};
    }

    /** {@code rows} with the child {@code id} set to {@code row} (replaced in place, or added at the end). */
    static byte[] put(byte[] rows, String id, byte[] row) {
        byte[] current = current(rows);
        byte[] key = id.getBytes(StandardCharsets.UTF_8);
        int[] found = find(current, key);
        int entry = 8 + key.length + row.length;
        ByteBuffer out = ByteBuffer.allocate(current.length - (found == null ? 0 : found[1] - found[0]) + entry);
        int end = found == null ? current.length : found[0];
        out.put(current, 0, end);
        out.putInt(key.length).put(key).putInt(row.length).put(row);
        if (found != null) {
            out.put(current, found[1], current.length - found[1]);
        }
        return ValueSizes.checked(out.array(), "the joined children with child " + id);
    }

    /** {@code rows} without the child {@code id}. */
    static byte[] remove(byte[] rows, String id) {
        byte[] current = current(rows);
        int[] found = find(current, id.getBytes(StandardCharsets.UTF_8));
        if (found == null) {
            return current;
        }
        byte[] out = new byte[current.length - (found[1] - found[0])];
        System.arraycopy(current, 0, out, 0, found[0]);
        System.arraycopy(current, found[1], out, found[0], current.length - found[1]);
        return out;
    }

    /** The children's records, in the order they were first added. */
    static List<byte[]> records(byte[] rows) {
        byte[] current = current(rows);
        List<byte[]> records = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(current, 1, current.length - 1);
        while (in.hasRemaining()) {
            int keyLength = in.getInt();
            in.position(in.position() + keyLength);
            byte[] record = new byte[in.getInt()];
            in.get(record);
            records.add(record);
        }
        return records;
    }

    /** [start, end) of the entry with this id, or null. */
    private static int[] find(byte[] rows, byte[] key) {
        int pos = 1;
        while (pos < rows.length) {
            int start = pos;
            int keyLength = ByteBuffer.wrap(rows, pos, 4).getInt();
            pos += 4;
            boolean match = keyLength == key.length
                    && Arrays.equals(rows, pos, pos + keyLength, key, 0, key.length);
            pos += keyLength;
            int rowLength = ByteBuffer.wrap(rows, pos, 4).getInt();
            pos += 4 + rowLength;
            if (match) {
                return new int[] {start, pos};
            }
        }
        return null;
    }

    /** The value in this format; an earlier version's JSON object converted. */
    private static byte[] current(byte[] rows) {
        if (rows == null || rows.length == 0) {
            return empty();
        }
        if (rows[0] == FORMAT) {
            return rows;
        }
        ObjectNode legacy = Records.read(rows);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(FORMAT);
        for (Iterator<Map.Entry<String, JsonNode>> it = legacy.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> child = it.next();
            byte[] key = child.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] row = Records.write(child.getValue());
            out.writeBytes(ByteBuffer.allocate(8 + key.length + row.length).putInt(key.length).put(key)
                    .putInt(row.length).put(row).array());
        }
        return out.toByteArray();
    }
}
