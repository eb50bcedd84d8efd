package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.config.PipelineLoader;
import io.syncline.config.PipelineSpec;
import io.syncline.config.SinkSpec;
import io.syncline.config.SnapshotMode;
import io.syncline.config.SourceRef;
import io.syncline.config.ViewSpec;
import io.syncline.daemon.SinkFactoryCatalog;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BenchPipelineTest {
    private static final PostgresEndpoint SOURCE = new PostgresEndpoint("127.0.0.1", 5432, "syncline_bench_shop", "postgres", "pw");
    private static final Endpoints ENDPOINTS = new Endpoints(SOURCE, new KafkaEndpoint("127.0.0.1:9092"),
            new ElasticsearchEndpoint(URI.create("http://127.0.0.1:9200")), new MongoEndpoint("mongodb://127.0.0.1:27017"),
            new ClickHouseEndpoint(URI.create("http://127.0.0.1:8123"), "default", "secret"), null);

    @Test
    void shopPipelineHasTheExampleViewsExactlyAndRoutesThemAsTheExample() throws Exception {
        PipelineSpec bench = BenchPipeline.shop("bench_j_r1_abc", ENDPOINTS, SOURCE, Path.of("state")).spec();
        PipelineSpec example = new PipelineLoader().load("shop.yaml", resource("shop/shop.yaml"), Map.of(),
                SinkFactoryCatalog.discover());

        assertThat(bench.views()).extracting(ViewSpec::name).containsExactly("orders", "order_items");
        for (ViewSpec view : bench.views()) {
            ViewSpec original = example.views().stream().filter(v -> v.name().equals(view.name())).findFirst().orElseThrow();
            assertThat(canonical(view)).isEqualTo(canonical(original)).contains("joins");
        }
        assertThat(bench.source().tables()).isEqualTo(example.source().tables());
        assertThat(routes(bench)).isEqualTo(Map.of("search", List.of("orders=bench_j_r1_abc_orders"),
                "documents", List.of("orders=orders"), "analytics", List.of("order_items=bench_j_r1_abc_order_items")));
    }

    @Test
    void flatPipelineRoutesItsOneViewToAllThreeStores() throws Exception {
        SourceDatabase db = new SourceDatabase(SOURCE);
        PipelineSpec spec = BenchPipeline.flat("bench_r1_abc", ENDPOINTS, db.table("orders_r1_abc"), Path.of("state")).spec();

        assertThat(spec.views()).singleElement().satisfies(view -> {
            assertThat(view.name()).isEqualTo("orders");
            assertThat(view.joins()).isEmpty();
            assertThat(view.transforms()).isEmpty();
        });
        assertThat(routes(spec)).isEqualTo(Map.of("search", List.of("orders=bench_r1_abc_orders"),
                "documents", List.of("orders=orders"), "analytics", List.of("orders=bench_r1_abc_orders")));
    }

    @Test
    void theElasticsearchRefreshIntervalIsSetOnlyWhenGiven() throws Exception {
        SourceDatabase db = new SourceDatabase(SOURCE);
        Endpoints withInterval = new Endpoints(ENDPOINTS.postgres(), ENDPOINTS.kafka(), ENDPOINTS.elasticsearch(), ENDPOINTS.mongodb(),
                ENDPOINTS.clickhouse(), "500ms");

        assertThat(search(BenchPipeline.flat("bench_r1_abc", ENDPOINTS, db.table("orders_r1_abc"), Path.of("state")).spec()))
                .doesNotContainKey("refreshInterval").containsEntry("numberOfReplicas", "0");
        assertThat(search(BenchPipeline.flat("bench_r1_abc", withInterval, db.table("orders_r1_abc"), Path.of("state")).spec()))
                .containsEntry("refreshInterval", "500ms").containsEntry("numberOfReplicas", "0");
    }

    private static Map<String, String> search(PipelineSpec spec) {
        return spec.sinks().stream().filter(sink -> sink.name().equals("search")).findFirst().orElseThrow().connection();
    }

    @Test
    void theBackfillsPipelineIsTheFlatOneWithoutSnapshot() throws Exception {
        BenchPipeline flat = BenchPipeline.flat("bench_d_r1_abc", ENDPOINTS, new SourceDatabase(SOURCE).table("bench_d_r1_abc"),
                Path.of("state"));

        assertThat(flat.spec().source().snapshot()).isEqualTo(SnapshotMode.INITIAL);
        PipelineSpec backfilled = flat.withoutSnapshot().spec();
        assertThat(backfilled.source().snapshot()).isEqualTo(SnapshotMode.NO_DATA);
        assertThat(routes(backfilled)).isEqualTo(routes(flat.spec()));
    }

    @Test
    void metricsAreOnAsShippedButOnAFreePortAndOffWithoutTheEndpoint() throws Exception {
        BenchPipeline flat = BenchPipeline.flat("bench_r1_abc", ENDPOINTS, new SourceDatabase(SOURCE).table("orders_r1_abc"),
                Path.of("state"));

        assertThat(flat.spec().http().enabled()).isTrue();
        assertThat(flat.spec().http().host()).isEqualTo("127.0.0.1");
        assertThat(flat.spec().http().port()).isZero();
        PipelineSpec without = flat.withoutMetrics().spec();
        assertThat(without.http().enabled()).isFalse();
        assertThat(routes(without)).isEqualTo(routes(flat.spec()));
    }

    private static Map<String, List<String>> routes(PipelineSpec spec) {
        Map<String, List<String>> routes = new LinkedHashMap<>();
        for (SinkSpec sink : spec.sinks()) {
            routes.put(sink.name(), sink.views().stream().map(r -> r.view() + "=" + r.target()).toList());
        }
        return routes;
    }

    /** A spec's content without where it came from (file, line, column), which differs between the two files. */
    private static String canonical(Object value) throws Exception {
        if (value instanceof Record record) {
            StringBuilder out = new StringBuilder(record.getClass().getSimpleName()).append('(');
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (component.getType() != SourceRef.class) {
                    out.append(component.getName()).append('=').append(canonical(component.getAccessor().invoke(record)))
                            .append(' ');
                }
            }
            return out.append(')').toString();
        }
        if (value instanceof Collection<?> collection) {
            List<String> elements = new java.util.ArrayList<>();
            for (Object element : collection) {
                elements.add(canonical(element));
            }
            return elements.toString();
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + "->" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
        }
        return String.valueOf(value);
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = ShopExample.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
