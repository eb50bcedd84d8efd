package io.syncline.processors;

import io.syncline.view.RecordSizes;

/**
 * Keeps every value the view stage writes (to a view topic, a store's changelog, a join's internal
 * topics) within the pipeline's maximum record size. A value beyond it is refused here, while the
 * processor still handles its record, so the processing handler dead-letters that record and the
 * views go on. Left to the producer, the refusal would abort the exactly-once transaction and the
 * same record would be met again after every restart: a crash loop.
 */
final class ValueSizes {
    private ValueSizes() {
    }

    /** {@code value} itself; {@code what} names it in the exception, e.g. "document 42 of view orders". */
    static byte[] checked(byte[] value, String what) {
        if (value != null && value.length > RecordSizes.MAX_VIEW_VALUE_BYTES) {
            throw new ValueTooLargeException(what + " is " + value.length + " bytes, beyond the view stage's limit of "
                    + RecordSizes.MAX_VIEW_VALUE_BYTES + " bytes (the maximum record size " + RecordSizes.describeMaximum()
                    + " less room for key, headers and framing)");
        }
        return value;
    }

    /** About one record (an {@link IllegalArgumentException}), so it is dead-lettered, never global. */
    static final class ValueTooLargeException extends IllegalArgumentException {
        ValueTooLargeException(String message) {
            super(message);
        }
    }
}
