package io.syncline.sink.runner;

import org.apache.kafka.common.utils.Utils;

/**
 * Which lane writes a record: a stable hash of its topic and key, so every version of one document
 * goes through the same lane, in offset order, and never races another lane.
 */
final class LaneAssignment {
    private LaneAssignment() {
    }

    static int laneOf(String topic, byte[] key, int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be at least 1, was " + lanes);
        }
        // Deterministic across JVMs (String.hashCode is specified, murmur2 is Kafka's key hash); the
        // final mix lets the topic move keys between lanes instead of shifting them all alike.
        int hash = 31 * topic.hashCode() + (key == null ? 0 : Utils.murmur2(key));
        hash ^= hash >>> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >>> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >>> 16;
        return Utils.toPositive(hash) % lanes;
    }
}
