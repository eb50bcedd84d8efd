package io.syncline.processors.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Kafka Streams calls this when a consumed record's bytes cannot be deserialized: the record goes
 * to the view stage's dead-letter topic as it was read and processing goes on.
 */
public final class ViewDeserializationExceptionHandler implements DeserializationExceptionHandler {
    private ViewDeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = ViewDeadLetters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception error) {
        return Response.resume(List.of(deadLetters.deadLetter(context, record.key(), record.value(), null, error)));
    }
}
