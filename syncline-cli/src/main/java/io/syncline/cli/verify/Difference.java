package io.syncline.cli.verify;

import io.syncline.view.Versions;

/**
 * One document that is not in a sink as the view topic says it should be. {@code id} is the
 * document id; {@code key} the canonical text of its key fields; a version is -1 where that side
 * has no document.
 */
record Difference(Kind kind, String id, String key, long expectedVersion, long sinkVersion) {
    enum Kind {
        /** In the view, not in the sink. */
        MISSING,
        /** In the sink, not in the view (deleted, or never there). */
        EXTRA,
        /** In both, with other content. */
        DIFFERENT
    }

    String describe() {
        return String.format("%-9s id %s%s%s", kind.name().toLowerCase(java.util.Locale.ROOT), id,
                expectedVersion < 0 ? "" : ", view version " + version(expectedVersion),
                sinkVersion < 0 ? "" : ", sink version " + version(sinkVersion));
    }

    private static String version(long version) {
        int generation = Versions.generation(version);
        String lsn = Versions.lsnText(Versions.lsn(version));
        return generation == 0 ? lsn : "g" + generation + "/" + lsn;
    }
}
