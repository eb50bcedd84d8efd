package io.syncline.cli.dlq;

import io.syncline.view.DeadLetterHeaders;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One record on a dead-letter topic ({@code topic}, {@code partition}, {@code offset} are its place
 * there) with the original key, value and headers and the {@link DeadLetterHeaders} that say why
 * and where it came from.
 */
record DeadLetter(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                  List<Header> headers) {
    DeadLetter {
        headers = List.copyOf(headers);
    }

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(),
                record.value(), List.of(record.headers().toArray()));
    }

    static List<DeadLetter> ofAll(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(DeadLetter::of).toList();
    }

    /** The last value of a header as UTF-8 text, or null. */
    String header(String name) {
        String value = null;
        for (Header header : headers) {
            if (header.key().equals(name) && header.value() != null) {
                value = new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        return value;
    }

    /** What grouping and {@code --cause} look at: {@code <exception class>: <cause>}, or the cause alone. */
    String cause() {
        String exception = header(DeadLetterHeaders.EXCEPTION);
        String cause = header(DeadLetterHeaders.CAUSE);
        String text = cause == null ? "(no cause recorded)" : cause;
        return exception == null ? text : exception + ": " + text;
    }

    /** The key as text when it is UTF-8 (ids, JSON keys), else {@code 0x<hex>}; {@code (none)} when absent. */
    String keyText() {
        return text(key);
    }

    /** Where the record was read from when it was rejected: {@code topic:partition:offset}. */
    String origin() {
        return header(DeadLetterHeaders.TOPIC) + ":" + header(DeadLetterHeaders.PARTITION) + ":"
                + header(DeadLetterHeaders.OFFSET);
    }

    /** Its own place on the dead-letter topic: {@code topic:partition:offset}. */
    String coordinates() {
        return topic + ":" + partition + ":" + offset;
    }

    static String text(byte[] bytes) {
        if (bytes == null) {
            return "(none)";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
    }
}
