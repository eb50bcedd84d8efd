package io.syncline.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import java.net.URI;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** A client on the low-level REST client transport, and what closing it takes. */
final class ElasticsearchConnection implements AutoCloseable {
    // Connecting is quick or the node is down; a bulk of a few thousand documents can take
    // seconds on a loaded cluster, and Elasticsearch itself waits up to 1 min for a primary shard.
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int SOCKET_TIMEOUT_MS = 90_000;

    /** Reads documents with every number exact: decimals as BigDecimal, never rounded through a double. */
    private static final ObjectMapper EXACT = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final RestClientTransport transport;
    private final ElasticsearchClient client;
    private final ElasticsearchClient exactClient;

    private ElasticsearchConnection(RestClientTransport transport) {
        this.transport = transport;
        this.client = new ElasticsearchClient(transport);
        // The same REST client (and connection pool), another JSON mapper; closing the transport closes both.
        this.exactClient = new ElasticsearchClient(new RestClientTransport(transport.restClient(), new JacksonJsonpMapper(EXACT)));
    }

    static ElasticsearchConnection open(ElasticsearchSinkOptions options) {
        URI url = options.url();
        RestClientBuilder builder = RestClient.builder(new HttpHost(url.getHost(), url.getPort(), url.getScheme()))
                .setRequestConfigCallback(request -> request
                        .setConnectTimeout(CONNECT_TIMEOUT_MS)
                        .setSocketTimeout(SOCKET_TIMEOUT_MS));
        String path = url.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            builder.setPathPrefix(path);
        }
        if (options.hasCredentials()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(options.username(), options.password()));
            builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
        }
        return new ElasticsearchConnection(new RestClientTransport(builder.build(), new JacksonJsonpMapper()));
    }

    ElasticsearchClient client() {
        return client;
    }

    /** The client, deserializing documents ({@code _source}) with exact numbers: for reading documents back. */
    ElasticsearchClient exactClient() {
        return exactClient;
    }

    /** Closes the transport and with it the REST client and its connection pool. */
    @Override
    public void close() throws IOException {
        transport.close();
    }
}
