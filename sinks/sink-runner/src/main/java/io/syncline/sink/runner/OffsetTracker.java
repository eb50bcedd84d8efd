package io.syncline.sink.runner;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The offsets of one partition handed to the sink, and which of them the sink acknowledged. The
 * offset to commit is the first unacknowledged one, or, when everything is acknowledged, the
 * consumer's position (past compacted gaps and transaction markers): never past a record the sink
 * has not acknowledged. Acknowledgements may arrive in any order. Used by the consumer thread only,
 * except {@link #revoked()}: one tracker lives for one ownership of its partition, and lanes read
 * that flag to stop writing its records once the partition is revoked or lost.
 */
final class OffsetTracker {
    private final TreeSet<Long> unacknowledged = new TreeSet<>();
    private volatile boolean revoked;
    private long lastTracked = -1;
    private long consumedPosition = -1;
    private long committed = -1;

    /** A record at {@code offset} was handed out; offsets are tracked in increasing order. */
    void track(long offset) {
        if (offset <= lastTracked) {
            throw new IllegalStateException("offset " + offset + " tracked after " + lastTracked);
        }
        unacknowledged.add(offset);
        lastTracked = offset;
    }

    /** The record at {@code offset} is done with. Returns false when it was not awaiting acknowledgement. */
    boolean acknowledge(long offset) {
        return unacknowledged.remove(offset);
    }

    /** The consumer's position: every record below it has been {@link #track tracked}. */
    void consumedUpTo(long position) {
        if (position <= lastTracked) {
            throw new IllegalStateException("position " + position + " is not past the last tracked offset " + lastTracked);
        }
        consumedPosition = Math.max(consumedPosition, position);
    }

    /** The offset to commit, when it is past the last commit. */
    OptionalLong commitOffset() {
        if (lastTracked < 0 && consumedPosition < 0) {
            return OptionalLong.empty();
        }
        long offset = unacknowledged.isEmpty() ? Math.max(lastTracked + 1, consumedPosition) : unacknowledged.first();
        return offset > committed ? OptionalLong.of(offset) : OptionalLong.empty();
    }

    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** The offset last committed in this ownership, if any. */
    OptionalLong lastCommitted() {
        return committed < 0 ? OptionalLong.empty() : OptionalLong.of(committed);
    }

    int unacknowledgedCount() {
        return unacknowledged.size();
    }

    /** The partition is no longer ours: a new owner re-reads its unacknowledged records from the committed offset. */
    void revoke() {
        revoked = true;
    }

    /** Whether the partition was revoked or lost; read by lane threads. */
    boolean revoked() {
        return revoked;
    }
}
