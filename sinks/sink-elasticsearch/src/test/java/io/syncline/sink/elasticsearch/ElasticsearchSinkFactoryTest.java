package io.syncline.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.VersionType;
import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkFactory;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.SinkProblem;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElasticsearchSinkFactoryTest {
    private final SinkFactory factory = SinkFactories.discover().forType("elasticsearch");

    @Test
    void isFoundByTypeAndRoutesToIndices() {
        assertThat(factory).isInstanceOf(ElasticsearchSinkFactory.class);
        assertThat(factory.targetKey()).isEqualTo("index");
    }

    @Test
    void aMinimalConnectionIsValidAndTakesTheDefaults() {
        Map<String, String> connection = Map.of("url", "http://localhost:9200");

        assertThat(factory.validate(options(connection, Map.of("orders", "orders")))).isEmpty();
        ElasticsearchSinkOptions parsed = ElasticsearchSinkOptions.from("search", connection);
        assertThat(parsed).isEqualTo(new ElasticsearchSinkOptions(URI.create("http://localhost:9200"), null, null, 1, 1,
                VersionType.External, null));
    }

    @Test
    void everyOptionParses() {
        ElasticsearchSinkOptions parsed = ElasticsearchSinkOptions.from("search", Map.of("url", "https://es.example.com/proxy",
                "username", "writer", "password", "s3cret", "numberOfShards", "3", "numberOfReplicas", "0",
                "versionType", "external", "refreshInterval", " 500ms "));

        assertThat(parsed).isEqualTo(new ElasticsearchSinkOptions(URI.create("https://es.example.com/proxy"), "writer", "s3cret",
                3, 0, VersionType.External, "500ms"));
        assertThat(parsed.toString()).doesNotContain("s3cret").contains("password=******");
    }

    @Test
    void everyProblemIsReportedWithItsKeyPath() {
        List<SinkProblem> problems = factory.validate(options(Map.of("url", "ftp://es:9200", "username", "writer",
                "numberOfShards", "0", "numberOfReplicas", "many", "versionType", "internal", "urll", "x",
                "refreshInterval", "half a second"),
                Map.of("orders", "Orders", "items", "_items", "ok", "order-items")));

        assertThat(problems).extracting(SinkProblem::keyPath).containsExactly("connection.urll", "connection.url",
                "connection.password", "connection.numberOfShards", "connection.numberOfReplicas", "connection.versionType",
                "connection.refreshInterval", "views.items.index", "views.orders.index");
        assertThat(problems.get(0).message()).contains("unknown option").contains("numberOfReplicas");
        assertThat(problems.get(1).message()).contains("http or https");
    }

    @Test
    void refreshIntervalsAreElasticsearchTimeValues() {
        for (String good : List.of("500ms", "1s", "30s", "2m", "1h", "-1", "0", "250000micros")) {
            assertThat(ElasticsearchSinkOptions.problems(Map.of("url", "http://x:9200", "refreshInterval", good))).as(good).isEmpty();
        }
        for (String bad : List.of("", "1", "0.5s", "1 s", "500 ms", "fast", "-2", "1sec")) {
            assertThat(ElasticsearchSinkOptions.problems(Map.of("url", "http://x:9200", "refreshInterval", bad))).as(bad)
                    .singleElement().satisfies(p -> assertThat(p.message()).contains("time value"));
        }
    }

    @Test
    void urlsMustBeUsableAndFreeOfSecrets() {
        assertThat(urlProblems(null)).containsExactly("is required, e.g. http://localhost:9200");
        assertThat(urlProblems("localhost:9200")).hasSize(1);
        assertThat(urlProblems("http://")).hasSize(1);
        assertThat(urlProblems("http://elastic:s3cret@localhost:9200")).singleElement().asString()
                .contains("must not carry credentials").doesNotContain("s3cret");
        assertThat(urlProblems("http://localhost:9200?x=1")).hasSize(1);
        assertThat(urlProblems("http://local host")).hasSize(1);
        assertThat(urlProblems("https://localhost")).isEmpty();
    }

    @Test
    void indexNamesFollowElasticsearchRules() {
        assertThat(ElasticsearchSinkFactory.indexNameProblem("orders-v1.2")).isEmpty();
        for (String bad : List.of("", "Orders", "a b", "a,b", "a*", "a#b", "a:b", "a/b", "-a", "_a", "+a", ".", "..", "a".repeat(256))) {
            assertThat(ElasticsearchSinkFactory.indexNameProblem(bad)).as(bad).isPresent();
        }
    }

    @Test
    void createRefusesInvalidOptionsAndViewsWithoutSchema() {
        assertThatThrownBy(() -> factory.create(options(Map.of("url", "ftp://x"), Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connection.url");
        assertThatThrownBy(() -> factory.create(options(Map.of("url", "http://x:9200"), Map.of("orders", "orders"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("view orders has no schema");
    }

    private List<String> urlProblems(String url) {
        Map<String, String> connection = url == null ? Map.of() : Map.of("url", url);
        return ElasticsearchSinkOptions.problems(connection).stream().map(SinkProblem::message).toList();
    }

    private static SinkOptions options(Map<String, String> connection, Map<String, String> targets) {
        return new SinkOptions("search", connection, targets, Map.of());
    }
}
