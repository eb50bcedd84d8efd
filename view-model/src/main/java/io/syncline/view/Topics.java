package io.syncline.view;

/** Topic names, all under the pipeline's topic prefix. */
public final class Topics {
    private Topics() {
    }

    /** The longest topic name Kafka accepts; Debezium cuts longer change topic names here. */
    static final int MAX_TOPIC_LENGTH = 249;

    /**
     * Change events of one table: {@code <prefix>.<schema>.<table>}, exactly as Debezium's default
     * topic naming (SchemaTopicNamingStrategy) writes it: a blank part is left out, every UTF-16 char
     * Kafka does not allow becomes '_', and the name is cut at {@value #MAX_TOPIC_LENGTH} chars. A name
     * Kafka accepts stays as it is. Two tables can therefore share a topic (see the capture's preflight).
     */
    public static String changeTopic(String prefix, String schema, String table) {
        StringBuilder topic = new StringBuilder();
        for (String part : new String[] {prefix, schema, table}) {
            if (part.trim().isEmpty()) {
                continue;
            }
            if (!topic.isEmpty()) {
                topic.append('.');
            }
            part.chars().forEach(c -> topic.append(topicChar((char) c) ? (char) c : '_'));
        }
        return topic.length() > MAX_TOPIC_LENGTH ? topic.substring(0, MAX_TOPIC_LENGTH) : topic.toString();
    }

    private static boolean topicChar(char c) {
        return c == '.' || c == '_' || c == '-' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9');
    }

    /** Documents of one view: {@code <prefix>.view.<view>}, compacted. */
    public static String viewTopic(String prefix, String view) {
        return prefix + ".view." + view;
    }

    /**
     * The schema of every view, by view name, as the views process planned it last:
     * {@code <prefix>.syncline.schemas}, compacted. Processes without the views role read it.
     */
    public static String schemaTopic(String prefix) {
        return prefix + ".syncline.schemas";
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

    /** What each process of the pipeline says about itself: {@code <prefix>.syncline.processes}, compacted, by process. */
    public static String processesTopic(String prefix) {
        return prefix + ".syncline.processes";
    }
}
