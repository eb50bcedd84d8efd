package io.syncline.cdc;

import io.syncline.config.TableName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Published tables whose change topics come out the same: Debezium writes '_' for every character a
 * topic name cannot hold and cuts the name at 249 characters ({@link io.syncline.view.Topics#changeTopic}),
 * so {@code public."a b"} and {@code public.a_b} would share one topic and the views could not tell
 * their changes apart. Refused before capture starts, as nothing downstream can undo the mix.
 */
final class SharedChangeTopics {
    private SharedChangeTopics() {
    }

    /** One problem per table whose topic an earlier one (file order, then Syncline's own tables) has. */
    static List<String> problems(CaptureOptions options) {
        Map<String, TableName> owners = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (TableName table : options.publishedTables()) {
            String topic = options.changeTopic(table);
            TableName owner = owners.putIfAbsent(topic, table);
            if (owner != null) {
                // Syncline's own tables come last: then the user's table is the one to rename.
                TableName captured = options.tables().contains(table) ? table : owner;
                problems.add(SourcePreflight.at(options.requirements().placeOf(captured)) + "tables " + Sql.table(owner)
                        + " and " + Sql.table(table) + " would share the change topic " + topic + " (Debezium writes"
                        + " '_' for each character a Kafka topic name cannot hold, and cuts it at 249 characters), and"
                        + " their changes could not be told apart: rename one of them (ALTER TABLE " + Sql.table(captured)
                        + " RENAME TO <new name>, then use the new name in source.tables), or capture only one of"
                        + " them (remove the other from source.tables)");
            }
        }
        return problems;
    }
}
