package io.syncline.cli.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.sink.CanonicalValues;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * A view's documents reduced to what verify compares: a key (the canonical text of the view's
 * key fields, the same from the view topic and from any store) and a fingerprint of the
 * canonical text of every field ({@link CanonicalValues}), so a document read from
 * Elasticsearch, MongoDB or ClickHouse matches its view record when, and only when, every value
 * is the same.
 */
final class DocumentFingerprints {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ViewField> fields;
    private final List<ViewField> keyFields;
    private final MessageDigest sha256;

    DocumentFingerprints(ViewSchema schema) {
        this.fields = schema.fields();
        this.keyFields = schema.key().stream().map(k -> schema.field(k).orElseThrow()).toList();
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String key(Map<String, Object> document) {
        return json(CanonicalValues.fields(document, keyFields).values());
    }

    Fingerprint of(Map<String, Object> document) {
        byte[] digest = sha256.digest(canonical(document).getBytes(StandardCharsets.UTF_8));
        ByteBuffer bytes = ByteBuffer.wrap(digest);
        return new Fingerprint(bytes.getLong(), bytes.getLong());
    }

    /** Every field's canonical text, in the schema's order: what the fingerprint is taken of. */
    String canonical(Map<String, Object> document) {
        return json(CanonicalValues.fields(document, fields));
    }

    /** JSON, not toString: a value holding ", " or "=" cannot pass for another field. */
    private static String json(Object canonical) {
        try {
            return JSON.writeValueAsString(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
