package io.syncline.view;

/** Headers capture adds to change events, read by the view stage. */
public final class ChangeHeaders {
    /**
     * On the create event Debezium emits for the new key of a primary-key update (after the old
     * key's delete): that event's after image may hold placeholders of unchanged TOASTed values,
     * which a real insert never does. Value {@code "true"}.
     */
    public static final String KEY_UPDATE = "syncline.key.update";

    private ChangeHeaders() {
    }
}
