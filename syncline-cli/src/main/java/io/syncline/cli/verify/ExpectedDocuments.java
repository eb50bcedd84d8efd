package io.syncline.cli.verify;

import io.syncline.view.ViewRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What a view's topic says its documents are, up to a bound: per document id, the last record's
 * version, where it is in the topic, and (unless it is a delete) its content's fingerprint and
 * key. Kept per id, not per document, so a million documents take tens of megabytes.
 */
final class ExpectedDocuments {
    /** The last record of one id; {@code key} and {@code fingerprint} are null for a delete. */
    record Expected(String id, long version, int partition, long offset, String key, Fingerprint fingerprint) {
        boolean deleted() {
            return fingerprint == null;
        }
    }

    private final Map<String, Expected> byId = new HashMap<>();
    private Map<String, Expected> byKey;

    /** Takes a record read in topic order within its partition: it replaces what its id had. */
    void add(ViewRecord record, int partition, long offset, DocumentFingerprints fingerprints) {
        if (record.isDelete()) {
            byId.put(record.id(), new Expected(record.id(), record.version(), partition, offset, null, null));
        } else {
            byId.put(record.id(), new Expected(record.id(), record.version(), partition, offset,
                    fingerprints.key(record.document()), fingerprints.of(record.document())));
        }
    }

    /** The live (not deleted) documents by canonical key; the first call freezes the set. */
    Map<String, Expected> live() {
        if (byKey == null) {
            byKey = new HashMap<>();
            byId.values().stream().filter(e -> !e.deleted()).forEach(e -> byKey.put(e.key(), e));
        }
        return byKey;
    }

    Collection<Expected> all() {
        return byId.values();
    }

    Expected byId(String id) {
        return byId.get(id);
    }
}
