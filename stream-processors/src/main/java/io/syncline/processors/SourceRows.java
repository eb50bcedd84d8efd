package io.syncline.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncline.config.TableName;
import io.syncline.view.ViewField;
import java.util.List;
import java.util.Optional;

/**
 * Reads columns of one source row, for values a change event left out (unchanged TOASTed values)
 * that the view stage has no earlier copy of. The daemon passes cdc-engine's SourceRowReader.
 */
@FunctionalInterface
public interface SourceRows {
    /**
     * The current values of {@code columns} in the row of {@code table} whose {@code key} columns
     * hold {@code keyValues}, each in the JSON form a streamed change event carries it; empty when
     * there is no such row (any more). Throws when the source cannot answer: the change is then
     * dead-lettered with the cause.
     */
    Optional<ObjectNode> read(TableName table, List<ViewField> key, JsonNode keyValues, List<ViewField> columns);
}
