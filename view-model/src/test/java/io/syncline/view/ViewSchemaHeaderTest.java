package io.syncline.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ViewSchemaHeaderTest {

    @Test
    void aVersionRoundTripsAndAnythingElseIsNone() {
        assertThat(ViewSchemaHeader.decode(ViewSchemaHeader.encode(1_700_000_000_123L))).hasValue(1_700_000_000_123L);
        assertThat(ViewSchemaHeader.decode(null)).isEqualTo(OptionalLong.empty());
        assertThat(ViewSchemaHeader.decode("v2".getBytes(StandardCharsets.UTF_8))).isEqualTo(OptionalLong.empty());
    }
}
