package io.syncline.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored children of a many join: put replaces in place, remove drops, earlier JSON values still read. */
class ChildRowsTest {
    @Test
    void putAddsOrReplacesAndRemoveDrops() {
        byte[] rows = ChildRows.empty();
        rows = ChildRows.put(rows, "1", bytes("{\"a\":1}"));
        rows = ChildRows.put(rows, "22", bytes("{\"b\":2}"));
        rows = ChildRows.put(rows, "1", bytes("{\"a\":10}"));
        rows = ChildRows.put(rows, "333", bytes("{\"c\":3}"));
        assertThat(texts(rows)).containsExactly("{\"a\":10}", "{\"b\":2}", "{\"c\":3}");

        rows = ChildRows.remove(rows, "22");
        rows = ChildRows.remove(rows, "absent");
        assertThat(texts(rows)).containsExactly("{\"a\":10}", "{\"c\":3}");
        assertThat(texts(ChildRows.remove(ChildRows.remove(rows, "1"), "333"))).isEmpty();
    }

    @Test
    void aValueStoredAsAJsonObjectByAnEarlierVersionIsReadAndRewritten() {
        byte[] legacy = bytes("{\"1\":{\"a\":1},\"2\":{\"b\":2}}");
        assertThat(texts(legacy)).containsExactly("{\"a\":1}", "{\"b\":2}");
        assertThat(texts(ChildRows.put(legacy, "2", bytes("{\"b\":3}")))).containsExactly("{\"a\":1}", "{\"b\":3}");
        assertThat(texts(ChildRows.remove(legacy, "1"))).containsExactly("{\"b\":2}");
    }

    @Test
    void twentyThousandChildrenAreAddedWithoutParsingTheOthers() {
        byte[] rows = ChildRows.empty();
        long start = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            rows = ChildRows.put(rows, Integer.toString(i), bytes("{\"version\":1,\"doc\":{\"id\":" + i + ",\"label\":\"child " + i + "\"}}"));
        }
        assertThat(ChildRows.records(rows)).hasSize(20_000);
        // Parsing and rewriting a JSON object per child took minutes here; copying bytes takes seconds.
        assertThat(System.nanoTime() - start).isLessThan(java.time.Duration.ofSeconds(60).toNanos());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(byte[] rows) {
        return ChildRows.records(rows).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }
}
