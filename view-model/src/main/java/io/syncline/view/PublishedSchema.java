package io.syncline.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A view's schema as the views process publishes it on the schemas topic ({@link Topics#schemaTopic}),
 * keyed by view name: {@code {"version":…, "digest":…, "schema":{…}}}.
 *
 * <p>{@code digest} ({@link ViewSchemaJson#digest}) tells whether the schema changed; {@code version}
 * orders a view's schemas, which a hash cannot: a sink reading a view topic from its start meets
 * records of every schema the view had, and must tell those older than its own (written with its
 * schema, as always) from a newer one it has not read yet (it waits for that). A new schema's version
 * is the time it was published in epoch milliseconds, and always more than the one it replaces, so
 * it also grows across a schemas topic that was deleted and created again.
 */
public record PublishedSchema(long version, String digest, ViewSchema schema) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public PublishedSchema {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(schema, "schema");
        if (version <= 0) {
            throw new IllegalArgumentException("a schema version is positive, was " + version);
        }
    }

    /**
     * {@code schema} as published now: the version of {@code previous} (the view's schema on the topic,
     * or null) when the schema is the same, else a new one after it.
     */
    public static PublishedSchema next(PublishedSchema previous, ViewSchema schema, long nowMs) {
        String digest = ViewSchemaJson.digest(schema);
        if (previous == null) {
            return new PublishedSchema(Math.max(1, nowMs), digest, schema);
        }
        if (previous.digest().equals(digest)) {
            return new PublishedSchema(previous.version(), digest, schema);
        }
        return new PublishedSchema(Math.max(nowMs, previous.version() + 1), digest, schema);
    }

    public String view() {
        return schema.view();
    }

    public byte[] encode() {
        ObjectNode json = NODES.objectNode();
        json.put("version", version);
        json.put("digest", digest);
        json.set("schema", ViewSchemaJson.toJson(schema));
        try {
            return FieldValues.JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException when {@code value} is not a published schema */
    public static PublishedSchema decode(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("a published schema needs a value");
        }
        JsonNode json;
        try {
            json = FieldValues.JSON.readTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (json == null || !json.path("version").canConvertToLong() || !json.path("digest").isTextual()) {
            throw new IllegalArgumentException("a published schema needs version, digest and schema");
        }
        return new PublishedSchema(json.get("version").asLong(), json.get("digest").asText(),
                ViewSchemaJson.fromJson(json.get("schema")));
    }
}
