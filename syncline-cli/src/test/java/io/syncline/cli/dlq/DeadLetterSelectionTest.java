package io.syncline.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.view.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

/** What {@code dlq list} groups and shows as pending, and what {@code dlq replay} selects and skips. */
class DeadLetterSelectionTest {
    private static final String DLQ = "p.dlq.search";
    private static final String MAPPING = "co.elastic.clients.BulkItemException";

    private final DeadLetter limit1 = deadLetter(0, "{\"id\":1}", MAPPING, "illegal_argument_exception: Limit of total fields [1000] has been exceeded");
    private final DeadLetter parse = deadLetter(1, "{\"id\":2}", MAPPING, "document_parsing_exception: failed to parse field [payload.a]");
    private final DeadLetter limit3 = deadLetter(2, "{\"id\":3}", MAPPING, "illegal_argument_exception: Limit of total fields [1000] has been exceeded");
    private final DeadLetter noException = deadLetter(3, "7", null, "HTTP 400");

    @Test
    void causeSelectsByAnyPartOfExceptionAndCauseIgnoringCase() {
        List<DeadLetter> all = List.of(limit1, parse, limit3, noException);

        assertThat(Selection.select(all, new Selection.ByCause("limit of TOTAL fields"))).containsExactly(limit1, limit3);
        assertThat(Selection.select(all, new Selection.ByCause("BulkItemException"))).containsExactly(limit1, parse, limit3);
        assertThat(Selection.select(all, new Selection.ByCause("http 400"))).containsExactly(noException);
        assertThat(Selection.select(all, new Selection.All())).containsExactly(limit1, parse, limit3, noException);
    }

    @Test
    void keySelectsOnlyTheExactKeyText() {
        List<DeadLetter> all = List.of(limit1, parse, limit3, noException);

        assertThat(Selection.select(all, new Selection.ByKey("{\"id\":2}"))).containsExactly(parse);
        assertThat(Selection.select(all, new Selection.ByKey("{\"id\":"))).isEmpty();
        assertThat(Selection.select(all, new Selection.ByKey("7"))).containsExactly(noException);
    }

    @Test
    void groupsByExceptionAndCauseInOrderOfFirstAppearance() {
        var groups = Selection.byCause(List.of(limit1, parse, limit3, noException));

        assertThat(groups.keySet()).containsExactly(
                MAPPING + ": illegal_argument_exception: Limit of total fields [1000] has been exceeded",
                MAPPING + ": document_parsing_exception: failed to parse field [payload.a]",
                "HTTP 400");
        assertThat(groups.values()).extracting(List::size).containsExactly(2, 1, 1);
    }

    @Test
    void causesThatDifferOnlyInNumbersAreOneGroupLabelledByTheFirst() {
        DeadLetter first = deadLetter(10, "2", MAPPING, "[1:10767] Limit of total fields [1000] exceeded while adding new fields [997]");
        DeadLetter second = deadLetter(11, "4", MAPPING, "[1:10756] Limit of total fields [1000] exceeded while adding new fields [996]");

        var groups = Selection.byCause(List.of(first, second, parse));

        assertThat(groups.keySet()).containsExactly(first.cause(), parse.cause());
        assertThat(groups.get(first.cause())).containsExactly(first, second);
    }

    @Test
    void replayMarkersHideTheRecordsTheyHandledAndAreNoDeadLettersThemselves() {
        DeadLetter replayedMarker = marker(0, 4, 0, DeadLetterLog.REPLAYED);
        DeadLetter supersededMarker = marker(0, 5, 2, DeadLetterLog.SUPERSEDED);
        DeadLetter otherPartition = marker(1, 0, 1, DeadLetterLog.REPLAYED);

        DeadLetterLog log = new DeadLetterLog(List.of(limit1, parse, limit3, noException, replayedMarker, supersededMarker,
                otherPartition));

        assertThat(log.all()).containsExactly(limit1, parse, limit3, noException);
        assertThat(log.pending()).containsExactly(parse, noException);
        assertThat(log.outcome(limit1)).contains(DeadLetterLog.REPLAYED);
        assertThat(log.outcome(limit3)).contains(DeadLetterLog.SUPERSEDED);
        assertThat(log.outcome(parse)).isEmpty();
    }

    @Test
    void aRecordIsSupersededOnlyByALaterRecordOfItsKeyInItsPartition() {
        NewerRecords newer = new NewerRecords(List.of(
                record(0, 10, "{\"id\":1}"), record(0, 12, "{\"id\":1}"), record(0, 11, "{\"id\":2}"),
                record(1, 20, "{\"id\":3}")));

        assertThat(newer.after(0, 9, bytes("{\"id\":1}"))).isEqualTo(12);
        assertThat(newer.after(0, 12, bytes("{\"id\":1}"))).isEqualTo(-1);
        assertThat(newer.after(1, 5, bytes("{\"id\":1}"))).isEqualTo(-1);
        assertThat(newer.after(0, 5, bytes("{\"id\":3}"))).isEqualTo(-1);
        assertThat(newer.after(0, 5, null)).isEqualTo(-1);
    }

    @Test
    void keysThatAreNotUtf8PrintAsHex() {
        assertThat(DeadLetter.text(new byte[] {(byte) 0xff, 0x01})).isEqualTo("0xff01");
        assertThat(DeadLetter.text(null)).isEqualTo("(none)");
    }

    private static DeadLetter deadLetter(long offset, String key, String exception, String cause) {
        List<Header> headers = new ArrayList<>();
        headers.add(header(DeadLetterHeaders.CAUSE, cause));
        if (exception != null) {
            headers.add(header(DeadLetterHeaders.EXCEPTION, exception));
        }
        headers.add(header(DeadLetterHeaders.TOPIC, "p.view.things"));
        headers.add(header(DeadLetterHeaders.PARTITION, "0"));
        headers.add(header(DeadLetterHeaders.OFFSET, Long.toString(100 + offset)));
        return new DeadLetter(DLQ, 0, offset, 0L, bytes(key), bytes("{\"doc\":true}"), headers);
    }

    private static DeadLetter marker(int partition, long offset, long handled, String outcome) {
        return new DeadLetter(DLQ, partition, offset, 0L, null, null, List.of(
                header(DeadLetterHeaders.REPLAYED_OFFSET, Long.toString(handled)),
                header(DeadLetterHeaders.REPLAY_OUTCOME, outcome)));
    }

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset, String key) {
        return new ConsumerRecord<>("p.view.things", partition, offset, bytes(key), bytes("v"));
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, bytes(value));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
