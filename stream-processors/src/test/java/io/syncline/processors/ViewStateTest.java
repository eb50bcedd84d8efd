package io.syncline.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A stored state's position, version and op are read at once; its document only when asked for. */
class ViewStateTest {
    private static final SourcePosition POSITION = new SourcePosition(2, false, 1234);

    @Test
    void aRowKeepsItsPositionVersionAndDocument() {
        byte[] record = "{\"version\":99,\"op\":\"u\",\"source_ts_ms\":5,\"doc\":{\"id\":1,\"note\":\"x\"}}"
                .getBytes(StandardCharsets.UTF_8);

        ViewState state = ViewState.decode(ViewState.row(POSITION, record));

        assertThat(state.position()).isEqualTo(POSITION);
        assertThat(state.version()).isEqualTo(99);
        assertThat(state.deleted()).isFalse();
        assertThat(state.doc().get("note").asText()).isEqualTo("x");
    }

    @Test
    void aDeleteMarkerHasNoDocument() {
        ViewState state = ViewState.decode(ViewState.deleteMarker(POSITION, 7));

        assertThat(state.deleted()).isTrue();
        assertThat(state.version()).isEqualTo(7);
        assertThat(state.doc()).isNull();
    }

    @Test
    void aStateWrittenBeforePositionsExistedReadsAsAStreamedChangeAtItsVersion() {
        ViewState state = ViewState.decode("{\"doc\":{\"id\":1},\"op\":\"c\",\"version\":42}".getBytes(StandardCharsets.UTF_8));

        assertThat(state.position()).isEqualTo(new SourcePosition(0, false, 42));
        assertThat(state.version()).isEqualTo(42);
        assertThat(state.doc().get("id").asInt()).isEqualTo(1);
    }

    @Test
    void theDocumentIsParsedOnlyWhenAskedFor() {
        byte[] truncated = "{\"version\":3,\"op\":\"u\",\"doc\":{\"id\":".getBytes(StandardCharsets.UTF_8);

        ViewState state = ViewState.decode(ViewState.row(POSITION, truncated));

        assertThat(state.version()).isEqualTo(3);
        assertThatThrownBy(state::doc).isInstanceOf(java.io.UncheckedIOException.class);
    }

    @Test
    void aStateWithoutAVersionIsRefused() {
        assertThatThrownBy(() -> ViewState.decode(ViewState.row(POSITION, "{\"op\":\"c\",\"doc\":{}}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("without a version");
    }
}
