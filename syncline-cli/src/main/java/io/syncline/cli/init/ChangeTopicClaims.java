package io.syncline.cli.init;

import io.syncline.config.TableName;
import io.syncline.view.Topics;
import java.util.HashMap;
import java.util.Map;

/**
 * The change topics of the tables {@code syncline init} captures so far. Debezium writes '_' for each
 * character a topic name cannot hold and cuts it at 249 characters, so two tables can come out on one
 * topic ({@code "a b"} and {@code a_b}); the daemon refuses to capture both, so init keeps the first.
 */
final class ChangeTopicClaims {
    private final String prefix;
    private final Map<String, TableName> owners = new HashMap<>();

    /** For the pipeline whose topic prefix is {@code prefix} (init's files use the pipeline's name). */
    ChangeTopicClaims(String prefix) {
        this.prefix = prefix;
    }

    /** Null when the table's change topic is its own (it is claimed for it then), else why it is skipped. */
    String claim(TableName table) {
        String topic = Topics.changeTopic(prefix, table.schema(), table.table());
        TableName owner = owners.putIfAbsent(topic, table);
        if (owner == null) {
            return null;
        }
        return "its change topic " + topic + " would be that of " + PipelineTemplate.display(owner) + " too (Debezium"
                + " writes '_' for each character a topic name cannot hold, and cuts it at 249 characters): rename"
                + " one of them to capture both";
    }
}
