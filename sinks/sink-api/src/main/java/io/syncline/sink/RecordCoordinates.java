package io.syncline.sink;

/** Where a record sits in Kafka. Logs name records by these, never by their payload. */
public record RecordCoordinates(String topic, int partition, long offset) {
    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
