package io.syncline.sink.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.http.HttpHost;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/** Reads an index the way an operator would, over plain REST, independent of the writer's client. */
final class IndexInspector implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RestClient rest;

    IndexInspector(URI url) {
        rest = RestClient.builder(HttpHost.create(url.toString())).build();
    }

    /** A stored document as Elasticsearch keeps it: {@code _source} bytes exactly as sent. */
    record StoredDocument(String source, long version, long seqNo) {
    }

    /** The stored document, or null if there is none. */
    StoredDocument document(String index, String id) throws IOException {
        JsonNode meta = json("GET", "/" + index + "/_doc/" + id + "?_source=false");
        if (meta == null || !meta.path("found").asBoolean()) {
            return null;
        }
        Response source = rest.performRequest(new Request("GET", "/" + index + "/_source/" + id));
        return new StoredDocument(EntityUtils.toString(source.getEntity(), StandardCharsets.UTF_8),
                meta.get("_version").asLong(), meta.get("_seq_no").asLong());
    }

    JsonNode mappingProperties(String index) throws IOException {
        return json("GET", "/" + index + "/_mapping").path(index).path("mappings");
    }

    JsonNode settings(String index) throws IOException {
        return json("GET", "/" + index + "/_settings").path(index).path("settings").path("index");
    }

    long count(String index) throws IOException {
        json("POST", "/" + index + "/_refresh");
        return json("GET", "/" + index + "/_count").get("count").asLong();
    }

    /** Ids of the documents a query (JSON) matches. */
    JsonNode search(String index, String query) throws IOException {
        json("POST", "/" + index + "/_refresh");
        Request request = new Request("POST", "/" + index + "/_search");
        request.setJsonEntity("{\"query\":" + query + "}");
        return read(rest.performRequest(request)).path("hits").path("hits");
    }

    void createIndex(String index, String body) throws IOException {
        Request request = new Request("PUT", "/" + index);
        request.setJsonEntity(body);
        rest.performRequest(request);
    }

    void deleteIndex(String index) throws IOException {
        json("DELETE", "/" + index);
    }

    private JsonNode json(String method, String path) throws IOException {
        try {
            return read(rest.performRequest(new Request(method, path)));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static JsonNode read(Response response) throws IOException {
        return JSON.readTree(EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }
}
