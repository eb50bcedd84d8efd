package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The fingerprint changes with every column change a view plans with, and only then. */
class SchemaFingerprintsTest {

    @Test
    void equalRowSchemasHaveOneFingerprintAndAnyColumnChangeAnother() {
        String base = SchemaFingerprints.fingerprint(row(Schema.INT32_SCHEMA, "10"));

        assertThat(SchemaFingerprints.fingerprint(row(Schema.INT32_SCHEMA, "10"))).isEqualTo(base);
        assertThat(SchemaFingerprints.fingerprint(row(Schema.INT64_SCHEMA, "10"))).as("int → bigint").isNotEqualTo(base);
        assertThat(SchemaFingerprints.fingerprint(row(Schema.INT32_SCHEMA, "20"))).as("varchar(10) → varchar(20)")
                .isNotEqualTo(base);
        assertThat(SchemaFingerprints.fingerprint(SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
                .field("qty", Schema.OPTIONAL_INT32_SCHEMA).field("name", varchar("10")).field("due", Schema.OPTIONAL_INT32_SCHEMA)
                .build())).as("a column added").isNotEqualTo(base);
        assertThat(base).hasSize(24).matches("[0-9a-f]+");
    }

    private static Schema row(Schema qty, String length) {
        return SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
                .field("qty", qty.type() == Schema.Type.INT32 ? Schema.OPTIONAL_INT32_SCHEMA : Schema.OPTIONAL_INT64_SCHEMA)
                .field("name", varchar(length)).build();
    }

    /** A varchar as Debezium describes it with column.propagate.source.type. */
    private static Schema varchar(String length) {
        return SchemaBuilder.string().optional().parameter("__debezium.source.column.type", "VARCHAR")
                .parameter("__debezium.source.column.length", length).build();
    }
}
