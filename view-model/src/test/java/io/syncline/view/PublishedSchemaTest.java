package io.syncline.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A published schema's wire form, and how its version moves (only when the schema changes, and only up). */
class PublishedSchemaTest {
    private static final ViewSchema ITEMS = new ViewSchema("items", List.of(
            new ViewField("id", FieldType.of(FieldKind.INT64, false, "int8")),
            new ViewField("qty", FieldType.of(FieldKind.INT32, true, "int4"))), List.of("id"));
    private static final ViewSchema WIDENED = new ViewSchema("items", List.of(
            new ViewField("id", FieldType.of(FieldKind.INT64, false, "int8")),
            new ViewField("qty", FieldType.of(FieldKind.INT64, true, "int8"))), List.of("id"));

    @Test
    void encodesAndDecodesExactly() {
        PublishedSchema published = new PublishedSchema(1_700_000_000_123L, ViewSchemaJson.digest(ViewSchemaJsonTest.everyKind()),
                ViewSchemaJsonTest.everyKind());

        assertThat(PublishedSchema.decode(published.encode())).isEqualTo(published);
        assertThat(published.view()).isEqualTo("orders");
    }

    @Test
    void theFirstVersionIsThePublicationTime() {
        assertThat(PublishedSchema.next(null, ITEMS, 5_000)).isEqualTo(new PublishedSchema(5_000, ViewSchemaJson.digest(ITEMS), ITEMS));
    }

    @Test
    void anUnchangedSchemaKeepsItsVersion() {
        PublishedSchema first = PublishedSchema.next(null, ITEMS, 5_000);

        assertThat(PublishedSchema.next(first, ITEMS, 9_000)).isEqualTo(first);
    }

    @Test
    void aChangedSchemaGetsALaterVersionEvenWhenTheClockIsBehind() {
        PublishedSchema first = PublishedSchema.next(null, ITEMS, 5_000);

        assertThat(PublishedSchema.next(first, WIDENED, 9_000).version()).isEqualTo(9_000);
        assertThat(PublishedSchema.next(first, WIDENED, 4_000).version()).isEqualTo(5_001);
        assertThat(PublishedSchema.next(first, WIDENED, 4_000).digest()).isEqualTo(ViewSchemaJson.digest(WIDENED));
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> PublishedSchema.decode("{\"digest\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a published schema needs version, digest and schema");
        assertThatThrownBy(() -> PublishedSchema.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> PublishedSchema.decode(null)).hasMessage("a published schema needs a value");
    }
}
