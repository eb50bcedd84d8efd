package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresTypesTest {

    @ParameterizedTest
    @CsvSource({
            "text, STRING", "varchar, STRING", "bpchar, STRING", "name, STRING", "citext, STRING", "mood, STRING",
            "inet, STRING", "interval, STRING", "timetz, STRING", "money, STRING",
            "bool, BOOLEAN", "int2, INT16", "int4, INT32", "int8, INT64", "oid, INT64", "float4, FLOAT32",
            "float8, FLOAT64", "date, DATE",
            "uuid, UUID", "json, JSON", "jsonb, JSON", "hstore, JSON", "bytea, BYTES"})
    void scalarKinds(String typeName, FieldKind kind) {
        assertThat(PostgresTypes.fieldType(typeName, -1, null, true)).isEqualTo(FieldType.of(kind, true, typeName));
    }

    @Test
    void numericPrecisionAndScaleComeFromTheTypmod() {
        assertThat(PostgresTypes.fieldType("numeric", typmod(10, 2), null, false))
                .isEqualTo(FieldType.decimal(10, 2, false, "numeric"));
        assertThat(PostgresTypes.fieldType("numeric", -1, null, true))
                .as("unconstrained").isEqualTo(FieldType.decimal(0, 0, true, "numeric"));
        assertThat(PostgresTypes.fieldType("numeric", typmod(1000, 0), null, true))
                .isEqualTo(FieldType.decimal(1000, 0, true, "numeric"));
        assertThat(PostgresTypes.fieldType("numeric", typmod(5, -3), null, true))
                .as("negative scale (PostgreSQL 15)").isEqualTo(FieldType.decimal(5, -3, true, "numeric"));
    }

    @Test
    void timesCarryTheirFractionalDigitsAsPrecision() {
        assertThat(PostgresTypes.fieldType("timestamp", 3, null, true))
                .isEqualTo(new FieldType(FieldKind.TIMESTAMP, 3, 0, null, true, "timestamp"));
        assertThat(PostgresTypes.fieldType("timestamptz", -1, null, false))
                .as("unconstrained: microseconds").isEqualTo(new FieldType(FieldKind.TIMESTAMP_TZ, 6, 0, null, false, "timestamptz"));
        assertThat(PostgresTypes.fieldType("time", 0, null, true))
                .isEqualTo(new FieldType(FieldKind.TIME, 0, 0, null, true, "time"));
    }

    @Test
    void arraysCarryTheirElementTypeAndItsTypmod() {
        assertThat(PostgresTypes.fieldType("_text", -1, "text", true))
                .isEqualTo(FieldType.array(FieldType.of(FieldKind.STRING, true, "text"), true, "_text"));
        assertThat(PostgresTypes.fieldType("_numeric", typmod(8, 3), "numeric", false))
                .isEqualTo(FieldType.array(FieldType.decimal(8, 3, true, "numeric"), false, "_numeric"));
    }

    @Test
    void bitOfOneIsBooleanLongerBitsAreBytes() {
        assertThat(PostgresTypes.fieldType("bit", 1, null, true).kind()).isEqualTo(FieldKind.BOOLEAN);
        assertThat(PostgresTypes.fieldType("bit", 8, null, true).kind()).isEqualTo(FieldKind.BYTES);
    }

    /** How PostgreSQL encodes numeric(p,s) in atttypmod. */
    private static int typmod(int precision, int scale) {
        return ((precision << 16) | (scale & 0x7FF)) + 4;
    }
}
