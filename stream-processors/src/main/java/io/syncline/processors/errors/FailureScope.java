package io.syncline.processors.errors;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * Whether an exception thrown while a view processor handled a record is about that record (dead-letter
 * it, go on) or about the stage (stop the pipeline).
 *
 * <p>Per record: anything the view code throws about the data it was given — unreadable JSON, a
 * value that contradicts its column's type ({@code NumberFormatException} for a {@code NaN}
 * numeric, {@code IllegalArgumentException}, {@code UncheckedIOException}, {@code
 * DateTimeException}, {@code ArithmeticException}, even a {@code NullPointerException} on an
 * unexpected shape), a {@link SerializationException}, and a {@code ClassCastException} that
 * Kafka Streams wrapped in a plain {@link StreamsException} when a child node threw it.
 *
 * <p>Global: every other {@link KafkaException}, which covers all of Kafka Streams' own
 * exceptions — {@code ProcessorStateException} (a store that cannot be read or written: deleted,
 * corrupted, disk full), {@code InvalidStateStoreException}, {@code TaskMigratedException} and
 * {@code TaskCorruptedException} (Kafka Streams handles those two itself and never asks), a
 * {@code StreamsException} from the record collector (the broker gone for longer than the
 * timeouts, a fenced producer) — and any {@link Error}, which the handlers never see. Retrying
 * such a failure with the next record would only fail again or, worse, lose data silently.
 *
 * <p>Global too: a {@link PipelineStopException}, which a processor throws on purpose to stop the
 * pipeline before a record (e.g. a TRUNCATE a view must not go past).
 */
public final class FailureScope {
    private FailureScope() {
    }

    public static boolean perRecord(Throwable error) {
        if (error instanceof PipelineStopException) {
            return false;
        }
        if (error instanceof StreamsException streams) {
            return streams.getClass() == StreamsException.class && streams.getCause() instanceof ClassCastException;
        }
        if (error instanceof SerializationException) {
            return true;
        }
        return !(error instanceof KafkaException) && !(error instanceof Error);
    }

    /** The innermost cause's class and message, for the one line that says why the stage stopped. */
    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? error.toString() : error.getClass().getSimpleName() + " caused by " + root;
    }
}
