package io.syncline.processors;

import io.syncline.view.Versions;
import java.nio.ByteBuffer;

/**
 * Where a change event stands in the source's commit order: the source generation, whether a
 * snapshot read it, and its LSN. The view stage drops an event that is not newer than what a
 * document already has ({@link #isNewerThan}); view-model/README.md explains why this is commit order.
 */
record SourcePosition(int generation, boolean snapshot, long lsn) {
    static final int BYTES = 10;

    SourcePosition {
        Versions.checkGeneration(generation);
        Versions.checkLsn(lsn);
    }

    /**
     * Newer than {@code other} (null: nothing yet): a higher generation always is. Within one
     * generation a streamed change is newer than any snapshot read, since it was streamed after the
     * snapshot and so committed after the snapshot point, although it may have been written before
     * it (a lower LSN); otherwise the higher LSN is newer. A snapshot read against a streamed
     * change compares LSNs too: a snapshot taken again later (snapshot mode always or when_needed)
     * starts after everything streamed before it, at a higher LSN, and must win.
     */
    boolean isNewerThan(SourcePosition other) {
        if (other == null) {
            return true;
        }
        if (generation != other.generation) {
            return generation > other.generation;
        }
        if (!snapshot && other.snapshot) {
            return true;
        }
        return lsn > other.lsn;
    }

    /** The view version of this position ({@link Versions}). */
    long version() {
        return Versions.of(generation, lsn);
    }

    void writeTo(ByteBuffer buffer) {
        buffer.put((byte) generation).put((byte) (snapshot ? 0 : 1)).putLong(lsn);
    }

    static SourcePosition readFrom(ByteBuffer buffer) {
        return new SourcePosition(buffer.get(), buffer.get() == 0, buffer.getLong());
    }

    @Override
    public String toString() {
        return "generation " + generation + ", " + (snapshot ? "snapshot" : "streamed") + ", LSN " + Versions.lsnText(lsn);
    }
}
