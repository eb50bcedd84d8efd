package io.syncline.sink.clickhouse;

import io.syncline.sink.ConnectionOption;
import io.syncline.sink.SinkFactory;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.SinkProblem;
import io.syncline.sink.SinkWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code clickhouse} sink: views routed to tables ({@code table:} in the pipeline file), each a
 * ReplacingMergeTree made from the view's schema. Connection options: {@code url} (required,
 * ClickHouse's HTTP interface, http(s)://host:port), {@code database} (default {@code default}),
 * {@code user} (default {@code default}), {@code password}, {@code schemaEvolution}
 * ({@code add_columns}, the default, or {@code fail}) and {@code compress} (default true).
 */
public final class ClickHouseSinkFactory implements SinkFactory {

    @Override
    public String type() {
        return "clickhouse";
    }

    @Override
    public String targetKey() {
        return "table";
    }

    @Override
    public List<ConnectionOption> connectionOptions() {
        return ClickHouseSinkOptions.OPTIONS;
    }

    @Override
    public List<SinkProblem> validate(SinkOptions options) {
        List<SinkProblem> problems = new ArrayList<>(ClickHouseSinkOptions.problems(options.connection()));
        options.targets().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(route -> {
            String table = route.getValue();
            if (table == null || table.isBlank() || table.indexOf('\0') >= 0) {
                problems.add(new SinkProblem("views." + route.getKey() + ".table", "a table name is required"));
            }
        });
        return problems;
    }

    @Override
    public SinkWriter create(SinkOptions options) {
        return new ClickHouseSinkWriter(options);
    }
}
