package io.syncline.cdc;

import io.syncline.config.ExcludedColumn;
import io.syncline.config.PipelineSpec;
import io.syncline.config.ReplicaIdentityConsent;
import io.syncline.config.SourceRef;
import io.syncline.config.TableName;
import io.syncline.config.ViewSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the pipeline file asks of the captured tables beyond capturing them, for {@link SourcePreflight}
 * and Debezium's settings: where each table is listed (problems name that place), the REPLICA IDENTITY
 * the user lets Syncline set ({@code source.replicaIdentity}), the keys views declare for their tables
 * (deletes must carry them), and the columns left out of capture ({@code source.excludeColumns}).
 */
public record SourceRequirements(Map<TableName, SourceRef> places, Map<TableName, ReplicaIdentityConsent> consents,
                                 List<ViewKey> viewKeys, List<ExcludedColumn> excludedColumns) {

    /** Nothing asked, no places known: what tests and the benchmark capture with. */
    public static final SourceRequirements NONE = new SourceRequirements(Map.of(), Map.of(), List.of(), List.of());

    /** A view's declared {@code key} over its own table, and where it is written. */
    public record ViewKey(String view, TableName table, List<String> columns, SourceRef where) {
        public ViewKey {
            columns = List.copyOf(columns);
        }
    }

    public SourceRequirements {
        places = Map.copyOf(places);
        consents = Map.copyOf(consents);
        viewKeys = List.copyOf(viewKeys);
        excludedColumns = List.copyOf(excludedColumns);
    }

    /** These requirements with {@code columns} left out of capture too (tests). */
    public SourceRequirements excluding(List<ExcludedColumn> columns) {
        List<ExcludedColumn> all = new ArrayList<>(excludedColumns);
        all.addAll(columns);
        return new SourceRequirements(places, consents, viewKeys, all);
    }

    public static SourceRequirements of(PipelineSpec pipeline) {
        List<ViewKey> keys = new ArrayList<>();
        for (ViewSpec view : pipeline.views()) {
            if (!view.key().isEmpty()) {
                keys.add(new ViewKey(view.name(), view.table(), view.key(), view.where().child("key")));
            }
        }
        return new SourceRequirements(pipeline.source().tablePlaces(), pipeline.source().replicaIdentity(), keys,
                pipeline.source().excludedColumns());
    }

    SourceRef placeOf(TableName table) {
        return places.getOrDefault(table, SourceRef.UNKNOWN);
    }

    Optional<ReplicaIdentityConsent> consent(TableName table) {
        return Optional.ofNullable(consents.get(table));
    }

    Set<String> excludedColumnsOf(TableName table) {
        return ExcludedColumn.namesOf(excludedColumns, table);
    }

    List<ViewKey> viewKeysOf(TableName table) {
        return viewKeys.stream().filter(key -> key.table().equals(table)).toList();
    }
}
