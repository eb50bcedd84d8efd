package io.syncline.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkFactory;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.SinkProblem;
import io.syncline.sink.clickhouse.ClickHouseSinkOptions.SchemaEvolution;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickHouseSinkFactoryTest {
    private final SinkFactory factory = SinkFactories.discover().forType("clickhouse");

    @Test
    void isFoundByTypeAndNamesItsTargetsTables() {
        assertThat(factory).isInstanceOf(ClickHouseSinkFactory.class);
        assertThat(factory.targetKey()).isEqualTo("table");
    }

    @Test
    void defaultsApplyToMinimalOptions() {
        assertThat(problems(Map.of("url", "http://localhost:8123"), Map.of("orders", "orders"))).isEmpty();
        ClickHouseSinkOptions options = ClickHouseSinkOptions.from("s", Map.of("url", "https://ch.example.com:8443/"));
        assertThat(options.database()).isEqualTo("default");
        assertThat(options.user()).isEqualTo("default");
        assertThat(options.schemaEvolution()).isEqualTo(SchemaEvolution.ADD_COLUMNS);
        assertThat(options.compress()).isTrue();
        assertThat(options.jdbcUrl()).isEqualTo("jdbc:clickhouse:https://ch.example.com:8443/");
        assertThat(options.jdbcProperties()).containsEntry("compress", "true").containsEntry("password", "");
    }

    @Test
    void everyProblemIsReportedWithItsKeyPath() {
        List<SinkProblem> problems = problems(Map.of("url", "tcp://ch:9000", "schemaEvolution", "drop_columns",
                "compress", "yes", "passwd", "x", "user", " "), Map.of("orders", " "));
        assertThat(problems).extracting(SinkProblem::keyPath).containsExactly("connection.passwd", "connection.url",
                "connection.user", "connection.schemaEvolution", "connection.compress", "views.orders.table");
        assertThat(problems(Map.of(), Map.of())).extracting(SinkProblem::message).containsExactly("is required, e.g. http://localhost:8123");
        assertThat(problems(Map.of("url", "http://u:p@ch:8123"), Map.of())).extracting(SinkProblem::message)
                .containsExactly("must not carry credentials; set connection.user and connection.password");
        assertThat(problems(Map.of("url", "http://ch:8123/db?compress=0"), Map.of())).extracting(SinkProblem::message)
                .containsExactly("must be just http(s)://host:port (the database is connection.database)");
    }

    @Test
    void optionsNeverShowThePassword() {
        ClickHouseSinkOptions options = ClickHouseSinkOptions.from("s", Map.of("url", "http://ch:8123", "password", "s3cr3t",
                "schemaEvolution", "fail", "compress", "false"));
        assertThat(options.toString()).doesNotContain("s3cr3t").contains("******").contains("schemaEvolution=fail");
    }

    private List<SinkProblem> problems(Map<String, String> connection, Map<String, String> targets) {
        return factory.validate(new SinkOptions("clickhouse", connection, targets, Map.of()));
    }
}
