package io.syncline.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.sink.Disposition;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.StoredDocument;
import io.syncline.sink.WriteOutcome;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.Op;
import io.syncline.view.ViewField;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SinkComparisonTest {
    private static final ViewSchema SCHEMA = new ViewSchema("orders", List.of(
            new ViewField("id", FieldType.of(FieldKind.INT64, false, "bigint")),
            new ViewField("total", FieldType.decimal(10, 2, false, "numeric")),
            new ViewField("at", FieldType.of(FieldKind.TIMESTAMP_TZ, true, "timestamptz"))), List.of("id"));

    /** A store that holds documents in memory, as a test double of a sink's scan. */
    private record StoreOf(List<StoredDocument> documents) implements SinkWriter {
        @Override
        public void prepare() {
        }

        @Override
        public List<WriteOutcome> write(List<SinkRecord> batch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Disposition classify(Throwable error) {
            return Disposition.FAIL;
        }

        @Override
        public void scan(String view, Consumer<StoredDocument> each) {
            documents.forEach(each);
        }

        @Override
        public void close() {
        }
    }

    private static Map<String, Object> doc(long id, String total, Object at) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", id);
        doc.put("total", new BigDecimal(total));
        doc.put("at", at);
        return doc;
    }

    @Test
    void documentsMatchByKeyAndCompareByCanonicalContentWhateverFormTheStoreGivesThem() throws Exception {
        DocumentFingerprints fingerprints = new DocumentFingerprints(SCHEMA);
        ExpectedDocuments expected = new ExpectedDocuments();
        Instant at = Instant.parse("2026-01-01T00:00:00.123456Z");
        expected.add(new ViewRecord("1", 10, Op.CREATE, 0, doc(1, "1.50", at)), 0, 0, fingerprints);
        expected.add(new ViewRecord("2", 11, Op.CREATE, 0, doc(2, "2.00", at)), 0, 1, fingerprints);
        expected.add(new ViewRecord("3", 12, Op.CREATE, 0, doc(3, "3.00", null)), 0, 2, fingerprints);
        expected.add(new ViewRecord("4", 13, Op.CREATE, 0, doc(4, "4.00", null)), 0, 3, fingerprints);
        expected.add(new ViewRecord("4", 14, Op.DELETE, 0, null), 0, 4, fingerprints);

        // 1 equal (the store gives the instant as text and the id as a string), 2 changed, 3 missing, 4 deleted but still stored.
        Map<String, Object> one = doc(1, "1.50", "2026-01-01T00:00:00.123456Z");
        one.put("id", "1");
        StoreOf store = new StoreOf(List.of(new StoredDocument("1", 10, one),
                new StoredDocument("2", 11, doc(2, "2.01", at)), new StoredDocument("4", 13, doc(4, "4.00", null))));

        List<Difference> differences = new SinkComparison(expected, fingerprints).compare(store, "orders", () -> { });

        assertThat(differences).containsExactlyInAnyOrder(
                new Difference(Difference.Kind.DIFFERENT, "2", "[\"2\"]", 11, 11),
                new Difference(Difference.Kind.EXTRA, "4", "[\"4\"]", -1, 13),
                new Difference(Difference.Kind.MISSING, "3", "[\"3\"]", 12, -1));
    }
}
