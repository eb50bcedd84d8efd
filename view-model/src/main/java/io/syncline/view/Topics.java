package io.syncline.view;

/** Topic names, all under the pipeline's topic prefix. */
public final class Topics {
    private Topics() {
    }

    /** Change events of one table: {@code <prefix>.<schema>.<table>} (Debezium's naming). */
    public static String changeTopic(String prefix, String schema, String table) {
        return prefix + "." + schema + "." + table;
    }

    /** Documents of one view: {@code <prefix>.view.<view>}, compacted. */
    public static String viewTopic(String prefix, String view) {
        return prefix + ".view." + view;
    }

    /** Records a sink rejected for good: {@code <prefix>.dlq.<sink>}. */
    public static String deadLetterTopic(String prefix, String sink) {
        return prefix + ".dlq." + sink;
    }

    /**
     * Records the view stage could not process (or read), whatever the view: {@code <prefix>.dlq.views}.
     * Shares the {@code dlq} namespace with the sinks', so a sink must not be named {@code views}.
     */
    public static String viewDeadLetterTopic(String prefix) {
        return deadLetterTopic(prefix, "views");
    }
}
