package io.syncline.cdc;

import java.time.Duration;

/**
 * Throughput and latency settings of the capture.
 *
 * @param maxBatchSize        Debezium's max.batch.size: records handed over per batch
 * @param maxQueueSize        Debezium's max.queue.size: records buffered between the WAL reader and us
 * @param pollInterval        how long Debezium waits for a batch to fill; 50 ms keeps commit-to-Kafka lag low
 * @param offsetFlushInterval how often acknowledged positions are stored; bounds replays after a crash
 * @param changeTopicRetention retention.ms of the change topics Syncline creates
 */
public record CaptureTuning(int maxBatchSize, int maxQueueSize, Duration pollInterval, Duration offsetFlushInterval,
                            Duration changeTopicRetention) {

    /** Measured with CaptureThroughputIT against 2048/8192 and 8192/32768 (see the module README). */
    public static final CaptureTuning DEFAULTS = new CaptureTuning(4096, 16384, Duration.ofMillis(50),
            Duration.ofSeconds(1), Duration.ofDays(7));

    public CaptureTuning {
        if (maxQueueSize <= maxBatchSize) {
            throw new IllegalArgumentException("maxQueueSize (" + maxQueueSize
                    + ") must be larger than maxBatchSize (" + maxBatchSize + ")");
        }
    }
}
