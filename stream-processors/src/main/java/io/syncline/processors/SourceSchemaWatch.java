package io.syncline.processors;

/**
 * Tells the view stage whether a change event's table still has the columns the views were
 * planned with. Called with each event's {@link io.syncline.view.SourceSchemaHeader} fingerprint;
 * an implementation remembers the fingerprints it has confirmed, so the source is asked once per
 * fingerprint. Called from stream threads: implementations are thread-safe.
 */
@FunctionalInterface
public interface SourceSchemaWatch {
    /** Never sees a change: for topologies without a source to ask (tests, tools). */
    SourceSchemaWatch NONE = (topic, fingerprint) -> {
    };

    /**
     * @throws SourceSchemaChangedException when the table behind {@code changeTopic} no longer has
     *                                      the planned columns: the views must be planned again
     */
    void check(String changeTopic, String fingerprint);
}
