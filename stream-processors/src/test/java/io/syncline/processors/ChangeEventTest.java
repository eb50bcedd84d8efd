package io.syncline.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.view.Op;
import org.junit.jupiter.api.Test;

/** Debezium's envelope as the capture writes it (schemas disabled), and with a schema (schemas enabled): both read alike. */
class ChangeEventTest {
    private static final String SOURCE = """
            {"version":"3.6.3.Final","connector":"postgresql","name":"shop","ts_ms":1700000000123,\
            "snapshot":"false","db":"shop","sequence":"[\\"100\\",\\"200\\"]","schema":"public","table":"orders",\
            "txId":42,"lsn":200,"xmin":null}""";

    @Test
    void anUpdateKeepsItsImagesPositionAndCommitTime() {
        ChangeEvent event = ChangeEvent.parse("""
                {"before":null,"after":{"id":7,"note":"a \\"b\\"","tags":[1,{"x":null}]},"source":%s,\
                "transaction":{"id":"42:200","total_order":1},"op":"u","ts_ms":1700000000999,"ts_us":1,"ts_ns":2}"""
                .formatted(SOURCE), 3);

        assertThat(event.kind()).isEqualTo(ChangeEvent.Kind.ROW);
        assertThat(event.op()).isEqualTo(Op.UPDATE);
        assertThat(event.before().isNull()).isTrue();
        assertThat(event.after().get("note").asText()).isEqualTo("a \"b\"");
        assertThat(event.after().get("tags").get(1).get("x").isNull()).isTrue();
        assertThat(event.position()).isEqualTo(new SourcePosition(3, false, 200));
        assertThat(event.sourceTimestampMs()).isEqualTo(1700000000123L);
        assertThat(event.incremental()).isFalse();
    }

    @Test
    void aSchemaEnvelopeIsReadFromItsPayload() {
        String payload = """
                {"before":null,"after":{"id":7},"source":%s,"op":"c","ts_ms":5}""".formatted(SOURCE);
        ChangeEvent plain = ChangeEvent.parse(payload, 0);
        ChangeEvent wrapped = ChangeEvent.parse("{\"schema\":{\"type\":\"struct\"},\"payload\":" + payload + "}", 0);

        assertThat(wrapped).isEqualTo(plain);
        assertThat(wrapped.op()).isEqualTo(Op.CREATE);
    }

    @Test
    void aReadOfAnIncrementalSnapshotWithoutLsnTakesTheHighestOfItsSequence() {
        ChangeEvent event = ChangeEvent.parse("""
                {"after":{"id":1},"source":{"snapshot":"incremental","sequence":"[\\"150\\",null]","ts_ms":9},\
                "op":"r","ts_ms":10}""", 1);

        assertThat(event.position()).isEqualTo(new SourcePosition(1, true, 150));
        assertThat(event.incremental()).isTrue();
        assertThat(event.sourceTimestampMs()).isEqualTo(9);
    }

    @Test
    void aBooleanSnapshotFlagAndAMissingSourceTimeAreRead() {
        ChangeEvent read = ChangeEvent.parse("""
                {"after":{"id":1},"source":{"snapshot":true,"lsn":77},"op":"r","ts_ms":10}""", 0);
        ChangeEvent streamed = ChangeEvent.parse("""
                {"after":{"id":1},"source":{"snapshot":false,"lsn":78},"op":"c","ts_ms":11}""", 0);

        assertThat(read.position()).isEqualTo(new SourcePosition(0, true, 77));
        assertThat(read.sourceTimestampMs()).isEqualTo(10);
        assertThat(streamed.position()).isEqualTo(new SourcePosition(0, false, 78));
        assertThat(streamed.incremental()).isFalse();
    }

    @Test
    void aCreateIsStreamedWhateverItsSnapshotFlagSays() {
        ChangeEvent event = ChangeEvent.parse("""
                {"after":{"id":1},"source":{"snapshot":"true","lsn":5},"op":"c"}""", 0);

        assertThat(event.position().snapshot()).isFalse();
    }

    @Test
    void truncatesAndSweepsHaveNoRows() {
        ChangeEvent truncate = ChangeEvent.parse("""
                {"source":{"lsn":9,"ts_ms":1},"op":"t","ts_ms":2}""", 0);

        assertThat(truncate.truncate()).isTrue();
        assertThat(truncate.after()).isNull();
        assertThat(truncate.position().lsn()).isEqualTo(9);
    }

    @Test
    void anEventWithoutOpOrPositionOrNotJsonIsRefused() {
        assertThatThrownBy(() -> ChangeEvent.parse("{\"after\":{\"id\":1},\"source\":{\"lsn\":1}}", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs op and source.lsn");
        assertThatThrownBy(() -> ChangeEvent.parse("{\"after\":{\"id\":1},\"op\":\"c\",\"source\":{\"db\":\"x\"}}", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs op and source.lsn");
        assertThatThrownBy(() -> ChangeEvent.parse("{\"op\":\"c\",", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("change event is not JSON");
        assertThatThrownBy(() -> ChangeEvent.parse("[1]", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
