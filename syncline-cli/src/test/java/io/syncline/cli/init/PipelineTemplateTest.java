package io.syncline.cli.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.config.PipelineLoader;
import io.syncline.config.PipelineSpec;
import io.syncline.config.SinkSpec;
import io.syncline.config.TableName;
import io.syncline.config.ViewSpec;
import io.syncline.daemon.SinkFactoryCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@code syncline init} writes loads back, through the real loader, as exactly the names it was given. */
class PipelineTemplateTest {
    private static final List<TableName> ODD = List.of(
            new TableName("public", "orders"),
            new TableName("public", "order"),
            new TableName("public", "null"),
            new TableName("public", "yes"),
            new TableName("public", "Weird Name"),
            new TableName("Sales", "Q1: totals #1"),
            new TableName("public", "${HOME}"),
            new TableName("public", "$${x}"),
            new TableName("public", "\"quoted\" and 'single'"),
            new TableName("public", "back\\slash"),
            new TableName("public", "- dash"),
            new TableName("public", "[list], {map}"),
            new TableName("public", "tab\there\nline"),
            new TableName("public", "日本語 🐘"),
            new TableName("public", "123"),
            new TableName("public", "  spaced  "),
            new TableName("public", "~"));

    @Test
    void oddIdentifiersRoundTripThroughTheLoader() throws Exception {
        List<PipelineTemplate.View> views = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (TableName table : ODD) {
            String view = InitNames.view(table, names);
            names.add(view);
            views.add(new PipelineTemplate.View(view, table, List.of("Id #1", "key: value", "null"),
                    List.of("a note\nwith: a new line")));
        }
        Map<String, String> targets = new LinkedHashMap<>();
        views.forEach(v -> targets.put(v.name(), InitNames.target("index", v.name())));
        List<PipelineTemplate.Excluded> excluded = new ArrayList<>();
        for (TableName table : ODD) {
            for (String column : List.of("Geo.Point #1", "${HOME}", "null", "a\nviews: []")) {
                excluded.add(new PipelineTemplate.Excluded(table, column, "point", "why\nsinks: []"));
            }
        }
        String text = PipelineTemplate.render(new PipelineTemplate.Content("syncline init 'public.*'\nname: injected",
                "2026-01-01T00:00:00Z", "odd.yaml", "odd", new PipelineTemplate.Source("db:host #x", 5433, "shop ${X}", "u\"ser"),
                views, List.of(new PipelineTemplate.Skipped(new TableName("public", "evil\nname: x"), "why\nsinks: []")),
                excluded, List.of(new PipelineTemplate.Sink("elasticsearch", "elasticsearch", "index",
                        Map.of("url", YamlText.variable("SYNCLINE_ELASTICSEARCH_URL", "http://127.0.0.1:9200")), targets))));

        PipelineSpec spec = new PipelineLoader().load("odd.yaml", text, Map.of(), SinkFactoryCatalog.discover());

        assertThat(spec.source().tables()).containsExactlyElementsOf(ODD);
        assertThat(spec.source().excludedColumns()).extracting(c -> new PipelineTemplate.Excluded(c.table(), c.column(),
                "point", "why\nsinks: []")).containsExactlyElementsOf(excluded);
        assertThat(spec.source().postgres().host()).isEqualTo("db:host #x");
        assertThat(spec.source().postgres().port()).isEqualTo(5433);
        assertThat(spec.source().postgres().database()).isEqualTo("shop ${X}");
        assertThat(spec.source().postgres().user()).isEqualTo("u\"ser");
        assertThat(spec.source().slot()).isEqualTo("syncline_odd");
        assertThat(spec.views()).extracting(ViewSpec::table).containsExactlyElementsOf(ODD);
        assertThat(spec.views()).allSatisfy(v -> assertThat(v.key()).containsExactly("Id #1", "key: value", "null"));
        assertThat(spec.views()).extracting(ViewSpec::name).doesNotHaveDuplicates()
                .allMatch(name -> name.matches("[a-z0-9_-]+"));
        assertThat(spec.sinks()).singleElement().satisfies(sink ->
                assertThat(sink.views()).extracting(SinkSpec.RouteSpec::target)
                        .doesNotHaveDuplicates().noneMatch(index -> index.startsWith("_") || index.startsWith("-")));
        assertThat(spec.kafka().bootstrapServers()).isEmpty();
        // Nothing escaped its comment: every line is a comment, blank, or YAML the loader accepted above.
        assertThat(text.lines()).noneMatch(line -> line.startsWith("name: injected") || line.startsWith("sinks: []"));
    }

    @Test
    void environmentVariablesOverrideTheConnectionAndThePasswordIsNeverWritten() throws Exception {
        String text = PipelineTemplate.render(new PipelineTemplate.Content("syncline init orders", "2026-01-01T00:00:00Z",
                "shop.yaml", "shop", new PipelineTemplate.Source("127.0.0.1", 25432, "shop", "postgres"),
                List.of(new PipelineTemplate.View("orders", new TableName("public", "orders"), List.of(), List.of())),
                List.of(), List.of(), List.of()));

        PipelineSpec spec = new PipelineLoader().load("shop.yaml", text,
                Map.of("PGHOST", "db.example", "PGPASSWORD", "s3cret"), SinkFactoryCatalog.discover());

        assertThat(spec.source().postgres().host()).isEqualTo("db.example");
        assertThat(spec.source().postgres().port()).isEqualTo(25432);
        assertThat(spec.source().postgres().password().value()).isEqualTo("s3cret");
        assertThat(text).contains("password: \"${PGPASSWORD:-}\"").contains("# sinks:").doesNotContain("excludeColumns");
        assertThat(spec.sinks()).isEmpty();
        assertThat(spec.views()).singleElement().satisfies(v -> assertThat(v.key()).isEmpty());
    }

    @Test
    void aFallbackTheLoaderCannotReadInsideAVariableIsWrittenLiterally() throws Exception {
        assertThat(YamlText.variable("PGHOST", "a}b")).isEqualTo("\"a}b\"");
        assertThat(YamlText.variable("PGHOST", "a${b")).isEqualTo("\"a$${b\"");
    }

    @Test
    void tablePatterns() {
        assertThat(TablePattern.parse("orders").matches(new TableName("public", "orders"))).isTrue();
        assertThat(TablePattern.parse("public.*").matches(new TableName("public", "Weird Name"))).isTrue();
        assertThat(TablePattern.parse("public.*").matches(new TableName("sales", "x"))).isFalse();
        assertThat(TablePattern.parse("*").matches(new TableName("sales", "x"))).isTrue();
        assertThat(TablePattern.parse("public.order*").matches(new TableName("public", "order_items"))).isTrue();
        assertThat(TablePattern.parse("public.Orders").matches(new TableName("public", "orders"))).isFalse();
        assertThat(TablePattern.parse("\"my.schema\".\"a*b\"").matches(new TableName("my.schema", "a*b"))).isTrue();
        assertThat(TablePattern.parse("\"my.schema\".\"a*b\"").matches(new TableName("my.schema", "axb"))).isFalse();
        assertThat(TablePattern.parse("\"say \"\"hi\"\"\"").matches(new TableName("public", "say \"hi\""))).isTrue();
        assertThatThrownBy(() -> TablePattern.parse("a.b.c")).hasMessageContaining("schema.table");
        assertThatThrownBy(() -> TablePattern.parse("public.")).hasMessageContaining("schema.table");
    }
}
