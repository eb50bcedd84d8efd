package io.syncline.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.SpecialValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The wire values are those cdc-engine's SpecialValuesCaptureIT records from a real PostgreSQL 15 and Debezium. */
class DebeziumSpecialsTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final FieldType NUMERIC = FieldType.decimal(0, 0, true, "numeric");
    private static final FieldType DATE = FieldType.of(FieldKind.DATE, true, "date");
    private static final FieldType TS6 = new FieldType(FieldKind.TIMESTAMP, 6, 0, null, true, "timestamp");
    private static final FieldType TS3 = new FieldType(FieldKind.TIMESTAMP, 3, 0, null, true, "timestamp");
    private static final FieldType TSTZ = FieldType.of(FieldKind.TIMESTAMP_TZ, true, "timestamptz");
    private static final FieldType FLOAT = FieldType.of(FieldKind.FLOAT64, true, "float8");

    @Test
    void numericSpecialsAreDebeziumsEnumNames() {
        assertThat(convert(NODES.textNode("NAN"), NUMERIC)).isEqualTo(SpecialValue.NAN);
        assertThat(convert(NODES.textNode("POSITIVE_INFINITY"), NUMERIC)).isEqualTo(SpecialValue.POSITIVE_INFINITY);
        assertThat(convert(NODES.textNode("NEGATIVE_INFINITY"), NUMERIC)).isEqualTo(SpecialValue.NEGATIVE_INFINITY);
        String big = "1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890.5";
        assertThat(convert(NODES.textNode(big), NUMERIC)).isEqualTo(new BigDecimal(big));
    }

    @Test
    void floatSpecialsArriveAsTextAndNegativeZeroAsANumber() {
        assertThat((Double) convert(NODES.textNode("NaN"), FLOAT)).isNaN();
        assertThat(convert(NODES.textNode("-Infinity"), FLOAT)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Double.doubleToRawLongBits((Double) convert(NODES.numberNode(-0.0), FLOAT)))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void dateInfinitiesFromTheSnapshotAndFromStreaming() {
        assertThat(convert(NODES.numberNode(-622191234), DATE)).isEqualTo(SpecialValue.POSITIVE_INFINITY);
        assertThat(convert(NODES.numberNode(-625821272), DATE)).isEqualTo(SpecialValue.NEGATIVE_INFINITY);
        assertThat(convert(NODES.numberNode(-2147472692), DATE)).isEqualTo(SpecialValue.POSITIVE_INFINITY);
        assertThat(convert(NODES.numberNode(-2147472691), DATE)).isEqualTo(SpecialValue.NEGATIVE_INFINITY);
        assertThat(convert(NODES.numberNode(2145042905), DATE)).isEqualTo(LocalDate.of(5874897, 12, 31));
        assertThat(convert(NODES.numberNode(-719162), DATE)).isEqualTo(LocalDate.of(1, 1, 1));
        assertThatThrownBy(() -> convert(NODES.numberNode(-3_000_000), DATE))
                .hasMessageContaining("outside PostgreSQL's range");
    }

    @Test
    void timestampInfinitiesAreTheJdbcConstantsInEitherUnit() {
        assertThat(convert(NODES.numberNode(9223372036825200000L), TS6)).isEqualTo(SpecialValue.POSITIVE_INFINITY);
        assertThat(convert(NODES.numberNode(-9223372036832400000L), TS6)).isEqualTo(SpecialValue.NEGATIVE_INFINITY);
        assertThat(convert(NODES.numberNode(9223372036825200L), TS3)).isEqualTo(SpecialValue.POSITIVE_INFINITY);
        assertThat(convert(NODES.numberNode(-9223372036832400L), TS3)).isEqualTo(SpecialValue.NEGATIVE_INFINITY);
        assertThat(convert(NODES.numberNode(-210863520000000000L), TS6)).isEqualTo(LocalDateTime.of(-4712, 1, 1, 0, 0));
        assertThat(convert(NODES.numberNode(9224318015999999L), TS3))
                .isEqualTo(LocalDateTime.parse("+294276-12-31T23:59:59.999"));
        assertThatThrownBy(() -> convert(NODES.numberNode(-9223372036853775810L), TS6))
                .hasMessageContaining("the value is lost at capture");
    }

    @Test
    void timestamptzInfinitiesAreText() {
        assertThat(convert(NODES.textNode("infinity"), TSTZ)).isEqualTo(SpecialValue.POSITIVE_INFINITY);
        assertThat(convert(NODES.textNode("-infinity"), TSTZ)).isEqualTo(SpecialValue.NEGATIVE_INFINITY);
        assertThat(convert(NODES.textNode("+294276-12-31T23:59:59.999999Z"), TSTZ))
                .isEqualTo(Instant.parse("+294276-12-31T23:59:59.999999Z"));
    }

    private static Object convert(JsonNode value, FieldType type) {
        return DebeziumValues.convert(value, type);
    }
}
