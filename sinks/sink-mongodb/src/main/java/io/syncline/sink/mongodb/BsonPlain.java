package io.syncline.sink.mongodb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Values as the MongoDB driver reads them (a {@link Document}'s values) turned into plain Java
 * values, so that {@link io.syncline.sink.CanonicalValues} reads them like any other store's:
 * Decimal128 → BigDecimal (its NaN and ±Infinity, which no BigDecimal holds, → the Double NaN and
 * ±Infinity, which canonicalize as PostgreSQL's numeric text), Binary → {@code byte[]},
 * Date → Instant, ObjectId → its hex text, nested documents (Map) and arrays (List) recursively;
 * other values (String, Integer, Long, Double, Boolean, null) as they are.
 */
public final class BsonPlain {

    private BsonPlain() {
    }

    /** One value as the driver read it, as a plain Java value. */
    public static Object of(Object value) {
        if (value instanceof Decimal128 d) {
            if (d.isNaN()) {
                return Double.NaN;
            }
            if (d.isInfinite()) {
                return d.isNegative() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return d.bigDecimalValue();
        }
        if (value instanceof Binary b) {
            return b.getData();
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant();
        }
        if (value instanceof ObjectId id) {
            return id.toHexString();
        }
        if (value instanceof BsonValue bson) {
            return of(bsonValue(bson));
        }
        if (value instanceof Map<?, ?> map) {
            return document(map);
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(of(element)));
            return copy;
        }
        return value;
    }

    /** A document (or nested document) with every value plain, keys in the document's order. */
    public static Map<String, Object> document(Map<?, ?> document) {
        Map<String, Object> copy = new LinkedHashMap<>();
        document.forEach((key, v) -> copy.put(String.valueOf(key), of(v)));
        return copy;
    }

    /** A raw BSON value (from a BsonDocument) as the driver's Document codec would have decoded it. */
    private static Object bsonValue(BsonValue value) {
        return switch (value.getBsonType()) {
            case NULL, UNDEFINED -> null;
            case STRING -> value.asString().getValue();
            case INT32 -> value.asInt32().getValue();
            case INT64 -> value.asInt64().getValue();
            case DOUBLE -> value.asDouble().getValue();
            case BOOLEAN -> value.asBoolean().getValue();
            case DECIMAL128 -> value.asDecimal128().getValue();
            case BINARY -> value.asBinary().getData();
            case DATE_TIME -> java.time.Instant.ofEpochMilli(value.asDateTime().getValue());
            case OBJECT_ID -> value.asObjectId().getValue();
            case DOCUMENT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                value.asDocument().forEach((k, v) -> map.put(k, bsonValue(v)));
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                value.asArray().forEach(v -> list.add(bsonValue(v)));
                yield list;
            }
            default -> value.toString();
        };
    }
}
