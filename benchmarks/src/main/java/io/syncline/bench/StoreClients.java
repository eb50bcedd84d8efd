package io.syncline.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/** The stores' own drivers, for the raw-write baselines and for counting documents. */
final class StoreClients implements AutoCloseable {
    private static final int SOCKET_TIMEOUT_MS = 120_000;

    private final Endpoints endpoints;
    private final RestClientTransport transport;
    private final ElasticsearchClient elasticsearch;
    private final MongoClient mongodb;

    StoreClients(Endpoints endpoints) {
        this.endpoints = endpoints;
        URI url = endpoints.elasticsearch().url();
        this.transport = new RestClientTransport(RestClient.builder(new HttpHost(url.getHost(), url.getPort(), url.getScheme()))
                .setRequestConfigCallback(request -> request.setSocketTimeout(SOCKET_TIMEOUT_MS))
                // Named apart from the sink's REST client threads, so that their CPU is the harness's.
                .setHttpClientConfigCallback(client -> client.setThreadFactory(harnessThreads("bench-elasticsearch-client-")))
                .build(), new JacksonJsonpMapper());
        this.elasticsearch = new ElasticsearchClient(transport);
        this.mongodb = MongoClients.create(endpoints.mongodb().connectionString());
    }

    private static ThreadFactory harnessThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    ElasticsearchClient elasticsearch() {
        return elasticsearch;
    }

    MongoClient mongodb() {
        return mongodb;
    }

    /** A new connection; the caller closes it. */
    Connection clickhouse() throws SQLException {
        return endpoints.clickhouse().connect();
    }

    @Override
    public void close() throws IOException {
        mongodb.close();
        transport.close();
    }
}
