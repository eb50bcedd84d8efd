package io.syncline.processors.errors;

import io.syncline.processors.SourceSchemaChangedException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka Streams calls this when a processor of the view topology throws (KIP-1033): a failure
 * about the record dead-letters it and processing resumes with the next one; a failure of the
 * stage ({@link FailureScope}) fails the stream thread, which stops the pipeline.
 */
public final class ViewProcessingExceptionHandler implements ProcessingExceptionHandler {
    private ViewDeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = ViewDeadLetters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception error) {
        if (SourceSchemaChangedException.in(error).isPresent()) {
            return Response.fail(); // not an error: the daemon plans the views again (logged there)
        }
        if (!FailureScope.perRecord(error)) {
            deadLetters.logGlobal(context, error);
            return Response.fail();
        }
        byte[] key = context.sourceRawKey() != null ? context.sourceRawKey() : ViewDeadLetters.bytes(record.key());
        byte[] value = context.sourceRawValue() != null ? context.sourceRawValue() : ViewDeadLetters.bytes(record.value());
        return Response.resume(List.of(deadLetters.deadLetter(context, key, value, record.key(), error)));
    }
}
