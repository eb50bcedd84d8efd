package io.syncline.processors;

import io.syncline.view.SourceSchemaHeader;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * First node after a change topic: passes each event on once its schema fingerprint is confirmed
 * by the {@link SourceSchemaWatch} (which throws {@link SourceSchemaChangedException} when the table
 * changed). Events without the header (from a capture before fingerprints) pass unchecked.
 */
final class SourceSchemaCheck implements FixedKeyProcessor<String, String, String> {
    private final String changeTopic;
    private final SourceSchemaWatch watch;
    private FixedKeyProcessorContext<String, String> context;

    SourceSchemaCheck(String changeTopic, SourceSchemaWatch watch) {
        this.changeTopic = changeTopic;
        this.watch = watch;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, String> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, String> record) {
        Header header = record.headers().lastHeader(SourceSchemaHeader.NAME);
        if (header != null && header.value() != null) {
            watch.check(changeTopic, new String(header.value(), StandardCharsets.UTF_8));
        }
        context.forward(record);
    }
}
