package io.syncline.cli.verify;

import io.syncline.sink.SinkWriter;
import io.syncline.sink.StoredDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One sink's target of one view against the documents the view topic holds: every stored
 * document is read once ({@link SinkWriter#scan}) and matched by key; each side's content is
 * compared by fingerprint, so only ids and fingerprints stay in memory.
 */
final class SinkComparison {
    private final ExpectedDocuments expected;
    private final DocumentFingerprints fingerprints;
    private long scanned;

    SinkComparison(ExpectedDocuments expected, DocumentFingerprints fingerprints) {
        this.expected = expected;
        this.fingerprints = fingerprints;
    }

    List<Difference> compare(SinkWriter writer, String view, Runnable onDocument) throws Exception {
        List<Difference> differences = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        writer.scan(view, stored -> {
            scanned++;
            onDocument.run();
            check(stored, seen, differences);
        });
        for (ExpectedDocuments.Expected e : expected.live().values()) {
            if (!seen.contains(e.key())) {
                differences.add(new Difference(Difference.Kind.MISSING, e.id(), e.key(), e.version(), -1));
            }
        }
        return differences;
    }

    private void check(StoredDocument stored, Set<String> seen, List<Difference> differences) {
        String key = fingerprints.key(stored.fields());
        ExpectedDocuments.Expected e = expected.live().get(key);
        if (e == null || !seen.add(key)) {
            differences.add(new Difference(Difference.Kind.EXTRA, stored.id(), key, -1, stored.version()));
        } else if (!fingerprints.of(stored.fields()).equals(e.fingerprint())) {
            differences.add(new Difference(Difference.Kind.DIFFERENT, e.id(), key, e.version(), stored.version()));
        }
    }

    long scanned() {
        return scanned;
    }
}
