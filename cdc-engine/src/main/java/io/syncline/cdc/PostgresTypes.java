package io.syncline.cdc;

import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;

/**
 * Maps a PostgreSQL column type (pg_type.typname and atttypmod) to the view model's {@link FieldType},
 * in line with how the capture configures Debezium (decimals as strings, adaptive microsecond times,
 * intervals as ISO strings, bytea as base64).
 */
final class PostgresTypes {
    /** PostgreSQL stores numeric's typmod as ((precision << 16) | scale) + VARHDRSZ. */
    private static final int VARHDRSZ = 4;

    private PostgresTypes() {
    }

    /**
     * @param typeName    pg_type.typname of the column (a domain already resolved to its base type)
     * @param typmod      atttypmod (-1 when unconstrained); for arrays it constrains the elements. It becomes the
     *                    precision of numeric (with the scale) and of time and timestamps (fractional digits)
     * @param elementType typname of the element type when the column is an array, else null
     */
    static FieldType fieldType(String typeName, int typmod, String elementType, boolean nullable) {
        if (elementType != null) {
            return FieldType.array(scalar(elementType, typmod, true), nullable, typeName);
        }
        return scalar(typeName, typmod, nullable);
    }

    private static FieldType scalar(String typeName, int typmod, boolean nullable) {
        return switch (typeName) {
            case "numeric" -> FieldType.decimal(numericPrecision(typmod), numericScale(typmod), nullable, typeName);
            // The fractional-second digits: Debezium's adaptive mode sends timestamp(0..3) as epoch
            // milliseconds and timestamp(4..6) as epoch microseconds.
            case "time", "timestamp", "timestamptz" ->
                    new FieldType(kind(typeName), typmod < 0 ? 6 : typmod, 0, null, nullable, typeName);
            // bit(1) is Debezium's BOOLEAN; longer bit strings arrive as bytes.
            case "bit" -> FieldType.of(typmod == 1 ? FieldKind.BOOLEAN : FieldKind.BYTES, nullable, typeName);
            default -> FieldType.of(kind(typeName), nullable, typeName);
        };
    }

    private static FieldKind kind(String typeName) {
        return switch (typeName) {
            case "bool" -> FieldKind.BOOLEAN;
            case "int2" -> FieldKind.INT16;
            case "int4" -> FieldKind.INT32;
            case "int8", "oid" -> FieldKind.INT64;
            case "float4" -> FieldKind.FLOAT32;
            case "float8" -> FieldKind.FLOAT64;
            case "date" -> FieldKind.DATE;
            case "time" -> FieldKind.TIME;
            case "timestamp" -> FieldKind.TIMESTAMP;
            case "timestamptz" -> FieldKind.TIMESTAMP_TZ;
            case "uuid" -> FieldKind.UUID;
            // Debezium emits hstore as a JSON object string (hstore.handling.mode=json).
            case "json", "jsonb", "hstore" -> FieldKind.JSON;
            case "bytea" -> FieldKind.BYTES;
            // text, varchar, bpchar, char, name, citext, enums, inet, interval, money, timetz, xml, ...
            default -> FieldKind.STRING;
        };
    }

    static int numericPrecision(int typmod) {
        return typmod < VARHDRSZ ? 0 : ((typmod - VARHDRSZ) >> 16) & 0xFFFF;
    }

    /** The scale is an 11-bit signed field since PostgreSQL 15 (negative scales round to tens). */
    static int numericScale(int typmod) {
        if (typmod < VARHDRSZ) {
            return 0;
        }
        return (((typmod - VARHDRSZ) & 0x7FF) ^ 1024) - 1024;
    }
}
