package io.syncline.sink.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkFactory;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.SinkProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MongoSinkFactoryTest {
    private final SinkFactory factory = SinkFactories.discover().forType("mongodb");

    @Test
    void isFoundByTypeAndNamesItsTargetsCollections() {
        assertThat(factory).isInstanceOf(MongoSinkFactory.class);
        assertThat(factory.targetKey()).isEqualTo("collection");
    }

    @Test
    void validOptionsHaveNoProblems() {
        assertThat(problems(Map.of("uri", "mongodb://app:secret@db1:27017,db2:27017/?replicaSet=rs0&w=majority",
                "database", "shop"), Map.of("orders", "orders"))).isEmpty();
        assertThat(problems(Map.of("uri", "mongodb+srv://cluster0.example.net", "database", "shop"), Map.of())).isEmpty();
    }

    @Test
    void everyProblemIsReportedWithItsKeyPath() {
        List<SinkProblem> problems = problems(Map.of("uri", "http://db:27017", "databse", "shop"),
                Map.of("orders", "bad$name", "items", ""));
        assertThat(problems).extracting(SinkProblem::keyPath).containsExactly(
                "connection.databse", "connection.uri", "connection.database", "views.items.collection", "views.orders.collection");
        assertThat(problems.get(1).message()).isEqualTo("must start with mongodb:// or mongodb+srv://");
        assertThat(problems.get(2).message()).isEqualTo("is required, e.g. shop");
    }

    @Test
    void aConnectionStringTheDriverRejectsOrThatAsksForUnacknowledgedWritesIsAProblem() {
        assertThat(problems(Map.of("uri", "mongodb://db:notaport", "database", "shop"), Map.of()))
                .singleElement().satisfies(p -> assertThat(p.message()).startsWith("is not a valid connection string"));
        assertThat(problems(Map.of("uri", "mongodb://db/?w=0", "database", "shop"), Map.of()))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("w=0"));
        assertThat(problems(Map.of("uri", "mongodb://db", "database", "sh.op"), Map.of()))
                .singleElement().satisfies(p -> assertThat(p.keyPath()).isEqualTo("connection.database"));
    }

    @Test
    void optionsNeverShowThePassword() {
        MongoSinkOptions options = MongoSinkOptions.from("s", Map.of("uri", "mongodb://app:s3cr3t@db1:27017/admin", "database", "shop"));
        assertThat(options.toString()).doesNotContain("s3cr3t").contains("db1:27017").contains("with credentials");
        assertThatThrownBy(() -> MongoSinkOptions.from("s", Map.of("uri", "mongodb://app:s3cr3t@db1:x", "database", "shop")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("s3cr3t");
    }

    private List<SinkProblem> problems(Map<String, String> connection, Map<String, String> targets) {
        return factory.validate(new SinkOptions("mongo", connection, targets, Map.of()));
    }
}
