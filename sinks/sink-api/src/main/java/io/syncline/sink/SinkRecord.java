package io.syncline.sink;

import io.syncline.view.ViewRecord;

/** A view record on its way to a sink, with the Kafka coordinates it came from (for logs and the dead-letter topic). */
public record SinkRecord(String view, ViewRecord record, RecordCoordinates coordinates) {
}
