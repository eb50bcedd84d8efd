package io.syncline.sink.runner;

import io.syncline.view.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends rejected records to the dead-letter topic: key and value as received, the original
 * headers, plus {@link DeadLetterHeaders} naming the cause and the original coordinates. The
 * producer must be idempotent with {@code acks=all}: a record is acknowledged (and its offset may
 * be committed) only once Kafka has it.
 */
final class DeadLetterProducer implements AutoCloseable {
    private static final int MAX_CAUSE_LENGTH = 500;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final String sinkName;

    DeadLetterProducer(Producer<byte[], byte[]> producer, String topic, String sinkName) {
        this.producer = producer;
        this.topic = topic;
        this.sinkName = sinkName;
    }

    /** Sends the record; {@code error} may be null. The callback, if any, runs on the producer's I/O thread. */
    Future<RecordMetadata> send(ConsumerRecord<byte[], byte[]> record, String cause, Throwable error, Callback callback) {
        return producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(),
                headers(record, cause, error)), callback);
    }

    Future<RecordMetadata> send(ConsumerRecord<byte[], byte[]> record, String cause, Throwable error) {
        return send(record, cause, error, null);
    }

    private Headers headers(ConsumerRecord<byte[], byte[]> record, String cause, Throwable error) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        // A record replayed from the dead-letter topic and rejected again carries only the latest cause.
        for (String name : DeadLetterHeaders.ALL) {
            headers.remove(name);
        }
        add(headers, DeadLetterHeaders.CAUSE, shorten(cause));
        if (error != null) {
            add(headers, DeadLetterHeaders.EXCEPTION, error.getClass().getName());
        }
        add(headers, DeadLetterHeaders.SINK, sinkName);
        add(headers, DeadLetterHeaders.TOPIC, record.topic());
        add(headers, DeadLetterHeaders.PARTITION, Integer.toString(record.partition()));
        add(headers, DeadLetterHeaders.OFFSET, Long.toString(record.offset()));
        add(headers, DeadLetterHeaders.TIMESTAMP, Long.toString(record.timestamp()));
        return headers;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String shorten(String cause) {
        String text = cause == null || cause.isBlank() ? "unknown" : cause;
        return text.length() <= MAX_CAUSE_LENGTH ? text : text.substring(0, MAX_CAUSE_LENGTH) + "...";
    }

    /** Waits until every record sent so far is acknowledged or failed (and its callback ran). */
    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
