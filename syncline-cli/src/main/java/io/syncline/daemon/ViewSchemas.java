package io.syncline.daemon;

import io.syncline.cdc.PostgresConnections;
import io.syncline.cdc.SourceCatalog;
import io.syncline.cdc.SourcePreflight;
import io.syncline.cdc.TableSchema;
import io.syncline.config.ConfigProblem;
import io.syncline.config.InvalidPipelineException;
import io.syncline.config.PipelineSpec;
import io.syncline.config.TableName;
import io.syncline.processors.plan.ViewPlan;
import io.syncline.processors.plan.ViewPlanner;
import io.syncline.sink.SinkFactories;
import io.syncline.view.ViewSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The views resolved against the source: reads the captured tables' columns from PostgreSQL and
 * plans every view (joins, transforms, the schema of its documents). A column a view names that
 * the source does not have is a problem with the file, line and key path that named it; so is a
 * column left out of capture ({@code source.excludeColumns}), which for the views does not exist.
 */
public final class ViewSchemas {
    private ViewSchemas() {
    }

    /** The views' plans and the captured tables as the catalog had them when they were planned. */
    public record Planned(Map<TableName, TableSchema> tables, List<ViewPlan> plans) {
    }

    /** Plans every view, then checks the sinks' route options (e.g. Elasticsearch mappings) against the views' schemas. */
    public static List<ViewPlan> plan(PipelineSpec spec) throws SQLException, InvalidPipelineException {
        return planned(spec).plans();
    }

    /** {@link #plan}, with the tables it was planned from. */
    public static Planned planned(PipelineSpec spec) throws SQLException, InvalidPipelineException {
        Map<TableName, TableSchema> tables = readTables(spec);
        Map<TableName, ViewSchema> columns = new LinkedHashMap<>();
        tables.values().forEach(t -> columns.put(t.table(), asViewSchema(t)));
        List<ViewPlan> plans = ViewPlanner.plan(spec.views(), columns, spec.kafka().topicPrefix());
        RouteChecks.check(spec, schemas(plans), SinkFactories.discover());
        return new Planned(tables, plans);
    }

    /** A table's columns as the planner takes them: keyed by its primary key (empty when it has none). */
    static ViewSchema asViewSchema(TableSchema table) {
        return new ViewSchema(table.table().toString(), table.fields(), table.primaryKey());
    }

    /** The schema of each view's documents, by view name. */
    public static Map<String, ViewSchema> read(PipelineSpec spec) throws SQLException, InvalidPipelineException {
        return schemas(plan(spec));
    }

    public static Map<String, ViewSchema> schemas(List<ViewPlan> plans) {
        Map<String, ViewSchema> schemas = new LinkedHashMap<>();
        plans.forEach(plan -> schemas.put(plan.view(), plan.schema()));
        return schemas;
    }

    /**
     * Every captured table as the catalog has it, without its excluded columns. An exclusion that
     * cannot be honoured (a column the table lacks, a key column) is reported as itself first: planned
     * without its key column, a view would only report a missing key.
     */
    private static Map<TableName, TableSchema> readTables(PipelineSpec spec) throws SQLException, InvalidPipelineException {
        Map<TableName, TableSchema> tables = new LinkedHashMap<>();
        try (Connection connection = PostgresConnections.open(spec.source().postgres())) {
            List<ConfigProblem> exclusions = new SourcePreflight(connection).exclusionProblems(spec.source().excludedColumns());
            if (!exclusions.isEmpty()) {
                throw new InvalidPipelineException(exclusions);
            }
            SourceCatalog catalog = new SourceCatalog(connection, spec.source().excludedColumns());
            for (TableSchema table : catalog.read(spec.source().tables())) {
                tables.put(table.table(), table);
            }
        }
        return tables;
    }
}
