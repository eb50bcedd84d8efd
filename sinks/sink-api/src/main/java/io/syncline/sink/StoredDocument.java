package io.syncline.sink;

import java.util.Map;

/**
 * One current document as a store holds it ({@link SinkWriter#scan}): its id (what a delete of it
 * through the same writer takes), its version (the guard) and the view's fields as plain Java
 * values, ready for {@link CanonicalValues#fields}.
 */
public record StoredDocument(String id, long version, Map<String, Object> fields) {
}
