package io.syncline.sink.runner;

/**
 * Where a sink runner stopped consuming a partition: at the first record made with a schema of its
 * view newer than the one the runner writes with. Nothing from {@code offset} on is written or
 * committed; the runner that replaces it, with the new schema, goes on from there.
 *
 * @param view          the view whose schema changed
 * @param runnerVersion the version of the schema this runner writes with
 * @param recordVersion the version the record was made with
 * @param offset        the record's offset: the partition's next to read
 * @param writtenUpTo   whether every record before it was written (acknowledged), so the runner may stop
 */
public record SchemaHold(String view, long runnerVersion, long recordVersion, long offset, boolean writtenUpTo) {

    SchemaHold writtenUpTo(boolean written) {
        return new SchemaHold(view, runnerVersion, recordVersion, offset, written);
    }
}
