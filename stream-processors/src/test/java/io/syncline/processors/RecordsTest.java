package io.syncline.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordsTest {
    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void columnsReadsOnlyTheNamedColumnsOfTheRowAsAFullReadWould() {
        byte[] record = bytes("""
                {"version":7,"reread":3,"extra":{"doc":{"id":1}},"doc":{"items":[{"id":9,"doc":{}}],
                 "customer":{"id":5,"name":"Ada"},"id":42,"price":12.50,"sku":"A-1","gone":null},"source_ts_ms":1}""");

        ObjectNode columns = Records.columns(record, List.of("id", "price", "gone", "missing", "customer"));

        ObjectNode full = Records.doc(Records.read(record));
        assertThat(columns).isEqualTo(Records.NODES.objectNode().setAll(java.util.Map.of(
                "id", full.get("id"), "price", full.get("price"), "gone", full.get("gone"), "customer", full.get("customer"))));
        assertThat(columns.get("price").toString()).as("decimals as exact as a full read").isEqualTo("12.50");
        assertThat(Records.idOf(columns, List.of("id"))).isEqualTo(DocumentIds.of(full, List.of("id"))).isEqualTo("42");
        assertThat(Records.idOf(columns, List.of("id", "gone"))).as("a null column points nowhere").isNull();
        assertThat(Records.idOf(columns, List.of("missing"))).isNull();
    }

    @Test
    void oddKeyValuesComeOutAsAFullReadGivesThem() {
        byte[] record = bytes("""
                {"doc":{"name":"Ünïcødé \\"quoted\\" \\u00e9\\n","big":123456789012345678901234567890.000001,
                 "neg":-0.0,"items":[[1,{"x":"}"}]],"k":"]"}}""");
        List<String> key = List.of("name", "big", "neg", "k");

        ObjectNode full = Records.doc(Records.read(record));
        assertThat(DocumentIds.of(Records.columns(record, key), key)).isEqualTo(DocumentIds.of(full, key));
        assertThat(Records.idOf(Records.columns(record, List.of("name")), List.of("name")))
                .isEqualTo("Ünïcødé \"quoted\" é\n");
    }

    @Test
    void aRecordWithoutARowIsRefused() {
        assertThatThrownBy(() -> Records.columns(bytes("{\"version\":1,\"doc\":null}"), List.of("id")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no doc");
        assertThatThrownBy(() -> Records.columns(bytes("[1]"), List.of("id")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
    }
}
