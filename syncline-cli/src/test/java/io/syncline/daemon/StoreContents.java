package io.syncline.daemon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Projections;
import io.syncline.sink.CanonicalValues;
import io.syncline.sink.mongodb.BsonPlain;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.view.FieldKind;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;

/**
 * Every row of a table, and every document of a view in each sink, as id to canonical field
 * values ({@link CanonicalValues}), so the source and the sinks compare with plain equality.
 */
final class StoreContents {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StoreContents() {
    }

    static Map<String, Map<String, String>> postgres(PostgresEndpoint db, String table, ViewSchema schema)
            throws SQLException {
        return postgresQuery(db, "SELECT * FROM " + table, schema);
    }

    /**
     * The rows of a query whose columns are the schema's fields, by document id; a nested object
     * or array of objects is a json(b) column (e.g. built with {@code jsonb_build_object} and
     * {@code jsonb_agg}). {@code parameters} are bound in order as text.
     */
    static Map<String, Map<String, String>> postgresQuery(PostgresEndpoint db, String sql, ViewSchema schema,
                                                         String... parameters) throws SQLException {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (ViewField field : schema.fields()) {
                        row.put(field.name(), CanonicalValues.of(postgresValue(rs, field), field.type()));
                    }
                    rows.put(id(row, schema), row);
                }
            }
        }
        return rows;
    }

    private static Object postgresValue(ResultSet rs, ViewField field) throws SQLException {
        return switch (field.type().kind()) {
            case TIMESTAMP_TZ -> rs.getObject(field.name(), OffsetDateTime.class);
            case TIMESTAMP -> rs.getObject(field.name(), LocalDateTime.class);
            case DATE -> rs.getObject(field.name(), LocalDate.class);
            case JSON, OBJECT -> rs.getString(field.name());
            case BYTES -> rs.getBytes(field.name());
            case ARRAY -> field.type().element().kind() == FieldKind.OBJECT ? rs.getString(field.name())
                    : rs.getArray(field.name());
            default -> rs.getObject(field.name());
        };
    }

    static Map<String, Map<String, String>> elasticsearch(ElasticsearchEndpoint es, String index, ViewSchema schema)
            throws IOException, InterruptedException {
        Map<String, Map<String, String>> docs = new TreeMap<>();
        for (JsonNode hit : elasticsearchHits(es, index, "\"version\":true")) {
            Map<String, Object> source = JSON.convertValue(hit.get("_source"), Map.class);
            docs.put(hit.get("_id").asText(), canonical(source, schema));
        }
        return docs;
    }

    /** Every hit of the index, 10,000 per scroll page (a single search returns 10,000 at most). */
    private static List<JsonNode> elasticsearchHits(ElasticsearchEndpoint es, String index, String options)
            throws IOException, InterruptedException {
        send(es, "POST", "/" + index + "/_refresh", null);
        List<JsonNode> all = new ArrayList<>();
        JsonNode page = JSON.readTree(send(es, "POST", "/" + index + "/_search?scroll=1m",
                "{\"size\":10000,\"sort\":[\"_doc\"]," + options + "}"));
        while (page.path("hits").path("hits").size() > 0) {
            page.path("hits").path("hits").forEach(all::add);
            page = JSON.readTree(send(es, "POST", "/_search/scroll",
                    "{\"scroll\":\"1m\",\"scroll_id\":\"" + page.path("_scroll_id").asText() + "\"}"));
        }
        send(es, "DELETE", "/_search/scroll", "{\"scroll_id\":\"" + page.path("_scroll_id").asText() + "\"}");
        return all;
    }

    /** One document's {@code _source} as Elasticsearch returns it. */
    static JsonNode elasticsearchSource(ElasticsearchEndpoint es, String index, String id) throws IOException, InterruptedException {
        return JSON.readTree(send(es, "GET", "/" + index + "/_doc/" + id, null)).path("_source");
    }

    /** Each document's version in Elasticsearch ({@code _version}, the external version). */
    static Map<String, Long> elasticsearchVersions(ElasticsearchEndpoint es, String index) throws IOException, InterruptedException {
        Map<String, Long> versions = new TreeMap<>();
        for (JsonNode hit : elasticsearchHits(es, index, "\"version\":true,\"_source\":false")) {
            versions.put(hit.get("_id").asText(), hit.get("_version").asLong());
        }
        return versions;
    }

    static Map<String, Map<String, String>> mongodb(MongoEndpoint mongo, String database, String collection,
                                                    ViewSchema schema) {
        Map<String, Map<String, String>> docs = new TreeMap<>();
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            for (Document doc : client.getDatabase(database).getCollection(collection).find()) {
                docs.put(doc.get("_id").toString(), canonical(BsonPlain.document(doc), schema));
            }
        }
        return docs;
    }

    static Map<String, Long> mongodbVersions(MongoEndpoint mongo, String database, String collection) {
        Map<String, Long> versions = new TreeMap<>();
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            for (Document doc : client.getDatabase(database).getCollection(collection).find()
                    .projection(Projections.include("_version"))) {
                versions.put(doc.get("_id").toString(), ((Number) doc.get("_version")).longValue());
            }
        }
        return versions;
    }

    static Map<String, Map<String, String>> clickhouse(ClickHouseEndpoint clickhouse, String table, ViewSchema schema)
            throws SQLException {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        // Bytes live in String columns; base64 in SQL reads them without a detour through text.
        String columns = String.join(", ", schema.fields().stream().map(f -> f.type().kind() == FieldKind.BYTES
                ? "base64Encode(" + clickhouseName(f.name()) + ") AS " + clickhouseName(f.name())
                : clickhouseName(f.name())).toList());
        try (Connection c = clickhouse.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + table + " FINAL WHERE _deleted = 0")) {
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (ViewField field : schema.fields()) {
                    Object value = field.type().kind() == FieldKind.ARRAY ? rs.getArray(field.name())
                            : rs.getObject(field.name());
                    row.put(field.name(), CanonicalValues.of(value, field.type()));
                }
                rows.put(id(row, schema), row);
            }
        }
        return rows;
    }

    /** A column name as ClickHouse SQL reads it, whatever it holds (a space, say). */
    private static String clickhouseName(String name) {
        return '`' + name.replace("\\", "\\\\").replace("`", "\\`") + '`';
    }

    /** The highest version ClickHouse holds per id (FINAL hides older ones; the max is what counts). */
    static Map<String, Long> clickhouseVersions(ClickHouseEndpoint clickhouse, String table, String keyColumn)
            throws SQLException {
        Map<String, Long> versions = new TreeMap<>();
        try (Connection c = clickhouse.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT toString(" + keyColumn + "), max(_version) FROM " + table
                     + " GROUP BY " + keyColumn)) {
            while (rs.next()) {
                versions.put(rs.getString(1), rs.getLong(2));
            }
        }
        return versions;
    }

    /**
     * What differs between two stores' contents, at most {@code limit} lines (ids missing or
     * unexpected, then each differing field with both values) and a count of the rest: readable
     * where a whole-map diff of thousands of documents is not. Empty when they are equal.
     */
    static List<String> differences(Map<String, Map<String, String>> expected, Map<String, Map<String, String>> actual,
                                    int limit) {
        List<String> lines = new ArrayList<>();
        Set<String> ids = new TreeSet<>(expected.keySet());
        ids.addAll(actual.keySet());
        for (String id : ids) {
            Map<String, String> want = expected.get(id);
            Map<String, String> have = actual.get(id);
            if (have == null) {
                lines.add("id " + id + ": missing");
            } else if (want == null) {
                lines.add("id " + id + ": unexpected");
            } else if (!want.equals(have)) {
                Set<String> fields = new LinkedHashSet<>(want.keySet());
                fields.addAll(have.keySet());
                for (String field : fields) {
                    if (!Objects.equals(want.get(field), have.get(field))) {
                        lines.add("id " + id + " field " + field + ": expected " + want.get(field) + " but was " + have.get(field));
                    }
                }
            }
        }
        if (lines.size() <= limit) {
            return lines;
        }
        List<String> shown = new ArrayList<>(lines.subList(0, limit));
        shown.add("... and " + (lines.size() - limit) + " more differences");
        return shown;
    }

    private static Map<String, String> canonical(Map<String, Object> document, ViewSchema schema) {
        return CanonicalValues.fields(document, schema.fields());
    }

    private static String id(Map<String, String> row, ViewSchema schema) {
        List<String> key = schema.key();
        if (key.size() == 1) {
            return row.get(key.get(0));
        }
        return key.stream().map(k -> "\"" + row.get(k) + "\"").toList().toString().replace(" ", "");
    }

    private static String send(ElasticsearchEndpoint es, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(es.url() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
