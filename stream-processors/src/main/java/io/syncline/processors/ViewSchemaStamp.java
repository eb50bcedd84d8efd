package io.syncline.processors;

import io.syncline.view.ViewSchemaHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The last node before a view topic: puts the version of the view's schema on every record
 * (documents and tombstones alike, whichever processor made them), so a sink can tell a record
 * made with a schema it has not read yet ({@link ViewSchemaHeader}).
 */
final class ViewSchemaStamp implements FixedKeyProcessor<String, byte[], byte[]> {
    private final byte[] version;
    private FixedKeyProcessorContext<String, byte[]> context;

    ViewSchemaStamp(long version) {
        this.version = ViewSchemaHeader.encode(version);
    }

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        // A copy: the processors' headers may be shared with the record they came from.
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove(ViewSchemaHeader.NAME);
        headers.add(ViewSchemaHeader.NAME, version);
        context.forward(record.withHeaders(headers));
    }
}
