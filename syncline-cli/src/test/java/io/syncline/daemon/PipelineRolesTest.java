package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.config.ConfigProblem;
import io.syncline.config.PipelineLoader;
import io.syncline.config.PipelineSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineRolesTest {
    private static final String PIPELINE = """
            name: shop
            source:
              postgres: {host: db, database: shop, user: app}
              tables: [public.orders]
            kafka:%s
            views:
              - {name: orders, table: public.orders}
            sinks:
              - name: search
                type: elasticsearch
                connection: {url: "http://127.0.0.1:9200"}
                views: [{view: orders, index: orders}]
              - name: documents
                type: mongodb
                connection: {uri: "mongodb://127.0.0.1:27017", database: shop}
                views: [{view: orders, collection: orders}]
            """;

    @Test
    void noRoleIsEverything() {
        PipelineRoles roles = PipelineRoles.parse(List.of());
        assertThat(roles.everything()).isTrue();
        assertThat(roles.runsSink("anything")).isTrue();
        assertThat(roles.describe()).isEqualTo("capture, views, sink");
    }

    @Test
    void readsEachRole() {
        PipelineRoles roles = PipelineRoles.parse(List.of("views", "sink:search", "sink:documents"));
        assertThat(roles.capture()).isFalse();
        assertThat(roles.views()).isTrue();
        assertThat(roles.everything()).isFalse();
        assertThat(roles.runsSink("search")).isTrue();
        assertThat(roles.runsSink("analytics")).isFalse();
        assertThat(roles.describe()).isEqualTo("views, sink:documents, sink:search");
        assertThat(PipelineRoles.parse(List.of("capture", "views", "sink")).everything()).isTrue();
        assertThat(PipelineRoles.parse(List.of("sink", "sink:search")).sinks()).isEmpty();
    }

    @Test
    void refusesAnUnknownRole() {
        assertThatThrownBy(() -> PipelineRoles.parse(List.of("views", "sinks")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown role 'sinks'")
                .hasMessageContaining("sink:NAME");
        assertThatThrownBy(() -> PipelineRoles.parse(List.of("sink:"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSplitPipelineNeedsAKafkaEveryProcessReachesAndSinksOfTheFile() throws Exception {
        PipelineSpec embedded = load("");
        List<ConfigProblem> problems = PipelineRoles.parse(List.of("capture", "sink:analytics")).problems(embedded, "shop.yaml");
        assertThat(problems).extracting(ConfigProblem::keyPath).containsExactly("sinks", "kafka.bootstrapServers");
        assertThat(problems.get(0).toString()).contains("sink:analytics names no sink of this file (its sinks: search, documents)");
        assertThat(problems.get(1).toString()).startsWith("shop.yaml: kafka.bootstrapServers: --role runs part of the pipeline");

        assertThat(PipelineRoles.all().problems(embedded, "shop.yaml")).isEmpty();
        PipelineSpec shared = load("\n  bootstrapServers: kafka:9092");
        assertThat(PipelineRoles.parse(List.of("views", "sink:search")).problems(shared, "shop.yaml")).isEmpty();
    }

    private static PipelineSpec load(String kafka) throws Exception {
        return new PipelineLoader().load("shop.yaml", PIPELINE.formatted(kafka.isEmpty() ? " {}" : kafka), Map.of(),
                SinkFactoryCatalog.discover());
    }
}
