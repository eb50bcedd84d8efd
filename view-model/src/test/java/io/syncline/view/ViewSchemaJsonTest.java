package io.syncline.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A view schema survives its JSON form exactly: every kind, nested types, parameters, nullability, source types. */
class ViewSchemaJsonTest {

    /** A field of every kind, with precision, scale, an array of arrays, an object in an array and a null source type. */
    static ViewSchema everyKind() {
        List<ViewField> fields = new ArrayList<>();
        fields.add(new ViewField("id", FieldType.of(FieldKind.INT64, false, "int8")));
        for (FieldKind kind : FieldKind.values()) {
            FieldType type = switch (kind) {
                case DECIMAL -> FieldType.decimal(12, 2, true, "numeric");
                case TIMESTAMP, TIMESTAMP_TZ -> new FieldType(kind, 3, 0, null, true, kind.name().toLowerCase());
                case ARRAY -> FieldType.array(FieldType.array(FieldType.of(FieldKind.STRING, true, "text"), true, "_text"),
                        false, "_text");
                case OBJECT -> FieldType.object(List.of(
                        new ViewField("name", FieldType.of(FieldKind.STRING, false, "text")),
                        new ViewField("lines", FieldType.array(FieldType.object(List.of(
                                new ViewField("qty", FieldType.of(FieldKind.INT32, true, "int4"))), false, "join"), false, "join"))),
                        true, "join");
                case BYTES -> FieldType.of(kind, true, null);
                default -> FieldType.of(kind, kind.ordinal() % 2 == 0, kind.name().toLowerCase());
            };
            fields.add(new ViewField("f_" + kind.name().toLowerCase(), type));
        }
        return new ViewSchema("orders", fields, List.of("id", "f_string"));
    }

    @Test
    void everyKindRoundTrips() {
        ViewSchema schema = everyKind();
        assertThat(schema.fields()).extracting(f -> f.type().kind()).containsAll(Arrays.asList(FieldKind.values()));

        ViewSchema read = ViewSchemaJson.fromJson(ViewSchemaJson.toJson(schema));

        assertThat(read).isEqualTo(schema);
        assertThat(read.field("f_bytes").orElseThrow().type().sourceType()).isNull();
    }

    @Test
    void aSchemaWithoutKeyAndOneWithoutFieldsRoundTrip() {
        ViewSchema keyless = new ViewSchema("log", List.of(new ViewField("line", FieldType.of(FieldKind.STRING, true, "text"))),
                List.of());
        ViewSchema empty = new ViewSchema("nothing", List.of(), List.of());

        assertThat(ViewSchemaJson.fromJson(ViewSchemaJson.toJson(keyless))).isEqualTo(keyless);
        assertThat(ViewSchemaJson.fromJson(ViewSchemaJson.toJson(empty))).isEqualTo(empty);
    }

    @Test
    void theDigestIsTheSameForEqualSchemasAndDiffersForAnyChange() {
        ViewSchema schema = everyKind();
        String digest = ViewSchemaJson.digest(schema);
        ViewSchema widened = new ViewSchema("orders", schema.fields().stream().map(f -> f.name().equals("f_int32")
                ? new ViewField(f.name(), FieldType.of(FieldKind.INT64, f.type().nullable(), "int8")) : f).toList(), schema.key());
        ViewSchema nullable = new ViewSchema("orders", schema.fields().stream().map(f -> f.name().equals("f_string")
                ? new ViewField(f.name(), f.type().withNullable(!f.type().nullable())) : f).toList(), schema.key());

        assertThat(digest).hasSize(64).isEqualTo(ViewSchemaJson.digest(ViewSchemaJson.fromJson(ViewSchemaJson.toJson(schema))));
        assertThat(ViewSchemaJson.digest(widened)).isNotEqualTo(digest);
        assertThat(ViewSchemaJson.digest(nullable)).isNotEqualTo(digest);
    }

    @Test
    void somethingElseIsRefusedWithWhatIsMissing() throws Exception {
        JsonNode noKind = FieldValues.JSON.readTree("{\"view\":\"v\",\"key\":[],\"fields\":[{\"name\":\"a\",\"type\":{}}]}");
        JsonNode unknownKind = FieldValues.JSON.readTree(
                "{\"view\":\"v\",\"key\":[],\"fields\":[{\"name\":\"a\",\"type\":{\"kind\":\"MONEY\"}}]}");

        assertThatThrownBy(() -> ViewSchemaJson.fromJson(FieldValues.JSON.readTree("{\"view\":\"v\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a view schema needs view, key and fields");
        assertThatThrownBy(() -> ViewSchemaJson.fromJson(noKind)).hasMessage("a field type needs a kind");
        assertThatThrownBy(() -> ViewSchemaJson.fromJson(unknownKind)).hasMessage("unknown field kind MONEY");
    }
}
