package io.syncline.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Baseline B for Elasticsearch: the documents Syncline would index, sent with the official client's
 * bulk API in requests of the pipeline's batch size, one request at a time, then one refresh. Plain
 * index operations: Syncline's writes carry external versions on top.
 */
final class RawElasticsearchWrite {
    private static final String TEXT_WITH_KEYWORD = "keyword";

    private RawElasticsearchWrite() {
    }

    static Measurement run(StoreClients clients, String index, List<OrderRow> rows, int batchSize) throws IOException {
        ElasticsearchClient es = clients.elasticsearch();
        createIndex(es, index);
        List<Map<String, Object>> documents = rows.stream().map(RawElasticsearchWrite::document).toList();
        long start = System.nanoTime();
        for (List<Map<String, Object>> chunk : RawValues.chunks(documents, batchSize)) {
            BulkRequest.Builder bulk = new BulkRequest.Builder().index(index);
            for (Map<String, Object> document : chunk) {
                bulk.operations(op -> op.index(i -> i.id(document.get("id").toString()).document(document)));
            }
            BulkResponse response = es.bulk(bulk.build());
            if (response.errors()) {
                BulkResponseItem failed = response.items().stream().filter(item -> item.error() != null).findFirst().orElseThrow();
                throw new IllegalStateException("bulk item " + failed.id() + " failed: " + failed.error().reason());
            }
        }
        es.indices().refresh(r -> r.index(index));
        return Measurement.since(start, rows.size());
    }

    /** The mapping Syncline derives for this view (MappingFromSchema), one shard, no replicas. */
    private static void createIndex(ElasticsearchClient es, String index) throws IOException {
        es.indices().create(c -> c.index(index)
                .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                .mappings(m -> m
                        .properties("id", p -> p.long_(l -> l))
                        .properties("order_uid", p -> p.keyword(k -> k))
                        .properties("status", p -> p.text(t -> t.fields(TEXT_WITH_KEYWORD, f -> f.keyword(k -> k.ignoreAbove(256)))))
                        .properties("total", p -> p.double_(d -> d))
                        .properties("placed_at", p -> p.date(d -> d.format("strict_date_optional_time_nanos")))
                        .properties("details", p -> p.object(o -> o))
                        .properties("note", p -> p.text(t -> t.fields(TEXT_WITH_KEYWORD, f -> f.keyword(k -> k.ignoreAbove(256)))))));
    }

    private static Map<String, Object> document(OrderRow row) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", row.id());
        document.put("order_uid", row.orderUid().toString());
        document.put("status", row.status());
        document.put("total", row.total().toPlainString());
        document.put("placed_at", RawValues.isoMicros(row.placedAt()));
        document.put("details", RawValues.json(row.details()));
        document.put("note", row.note());
        return document;
    }
}
