package io.syncline.testkit.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.RealServices;
import java.util.Map;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/** Elasticsearch: bulk-index with external versions, refresh, search; a stale version is refused. */
@RealServices
class ElasticsearchSmokeIT {

    @Test
    void bulkIndexRefreshSearchWithVersionGuard(ElasticsearchEndpoint es) throws Exception {
        String index = "smoke-" + UUID.randomUUID();
        try (RestClient rest = RestClient.builder(HttpHost.create(es.url().toString())).build();
             RestClientTransport transport = new RestClientTransport(rest, new JacksonJsonpMapper())) {
            ElasticsearchClient client = new ElasticsearchClient(transport);
            client.indices().create(c -> c.index(index)
                    .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                    .mappings(m -> m.properties("status", p -> p.keyword(k -> k))
                            .properties("title", p -> p.text(t -> t))));

            BulkRequest.Builder bulk = new BulkRequest.Builder();
            for (int i = 0; i < 100; i++) {
                int id = i;
                Map<String, Object> doc = Map.of("status", id % 4 == 0 ? "paid" : "open", "title", "order number " + id);
                bulk.operations(op -> op.index(x -> x.index(index).id(String.valueOf(id))
                        .version(10L).versionType(VersionType.External).document(doc)));
            }
            BulkResponse first = client.bulk(bulk.build());
            assertThat(first.errors()).isFalse();
            assertThat(first.items()).hasSize(100);

            // A write carrying an older version is rejected per item (409), a newer one applies.
            BulkResponse guarded = client.bulk(b -> b
                    .operations(op -> op.index(x -> x.index(index).id("1").version(9L)
                            .versionType(VersionType.External).document(Map.of("status", "stale", "title", "stale"))))
                    .operations(op -> op.index(x -> x.index(index).id("2").version(11L)
                            .versionType(VersionType.External).document(Map.of("status", "paid", "title", "order number 2")))));
            assertThat(guarded.items()).extracting(BulkResponseItem::status).containsExactly(409, 200);

            client.indices().refresh(r -> r.index(index));
            SearchResponse<Map> paid = client.search(s -> s.index(index)
                    .query(q -> q.term(t -> t.field("status").value("paid"))).size(0), Map.class);
            assertThat(paid.hits().total().value()).isEqualTo(26);
            SearchResponse<Map> fullText = client.search(s -> s.index(index)
                    .query(q -> q.match(m -> m.field("title").query("number 42"))).size(1), Map.class);
            assertThat(fullText.hits().hits().get(0).id()).isEqualTo("42");
            assertThat(client.count(c -> c.index(index)).count()).isEqualTo(100);
            client.indices().delete(d -> d.index(index));
        }
    }
}
