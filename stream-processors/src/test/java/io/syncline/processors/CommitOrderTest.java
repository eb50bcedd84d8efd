package io.syncline.processors;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.config.TableName;
import io.syncline.config.ViewSpec;
import io.syncline.processors.plan.ViewPlan;
import io.syncline.processors.plan.ViewPlanner;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.Op;
import io.syncline.view.Versions;
import io.syncline.view.ViewField;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The replay guard follows commit order (generation, snapshot before stream, LSN); versions only grow. */
class CommitOrderTest {
    private static final TableName ACCOUNTS = new TableName("public", "accounts");
    private static final ViewSchema TABLE = new ViewSchema("accounts", List.of(
            new ViewField("id", FieldType.of(FieldKind.INT64, false, "int8")),
            new ViewField("note", FieldType.of(FieldKind.STRING, true, "text"))), List.of("id"));

    private ViewTopologyDriver driver;
    private TestInputTopic<String, String> changes;
    private final ViewMetrics metrics = new ViewMetrics();

    @BeforeEach
    void start() throws Exception {
        ViewPlan plan = ViewPlanner.plan(List.of(new ViewSpec("accounts", ACCOUNTS, List.of())), Map.of(ACCOUNTS, TABLE),
                "shop").get(0);
        driver = ViewTopologyDriver.of(plan).metrics(metrics).start();
        changes = driver.changes(ACCOUNTS);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void changesWrittenBeforeTheSnapshotPointAndStreamedAfterItWinWithGrowingVersions() {
        snapshot(1, "snapshot row", 1000);
        snapshot(2, "snapshot row", 1000);
        // A transaction wrote these below the snapshot point and committed after it.
        streamed("u", 1, "written at 900", 900);
        streamed("u", 1, "written at 950", 950);
        streamed("d", 2, null, 905);
        streamed("u", 1, "written at 2000", 2000);

        List<ViewRecord> out = driver.drain();
        assertThat(out).extracting(ViewRecord::id).containsExactly("1", "2", "1", "1", "2", "1");
        assertThat(out).extracting(ViewRecord::version).containsExactly(1000L, 1000L, 1001L, 1002L, 1001L, 2000L);
        assertThat(out.get(5).document()).containsEntry("note", "written at 2000");
        assertThat(out.get(4).op()).isEqualTo(Op.DELETE);
        assertThat(metrics.stale()).isZero();
    }

    @Test
    void redeliveriesAndOlderSnapshotReadsAreDropped() {
        streamed("c", 1, "v1", 1000);
        streamed("u", 1, "v2", 2000);
        streamed("c", 1, "v1", 1000);
        streamed("u", 1, "v2", 2000);
        snapshot(1, "older snapshot", 1500);

        assertThat(driver.drain()).extracting(ViewRecord::version).containsExactly(1000L, 2000L);
        assertThat(metrics.stale()).isEqualTo(3);
    }

    @Test
    void aSnapshotTakenAgainAfterStreamingWins() {
        // snapshot mode always or when_needed: the new snapshot starts after everything streamed before it.
        streamed("c", 1, "streamed", 1000);
        snapshot(1, "read again", 3000);
        streamed("u", 1, "streamed after the new snapshot, written before it", 2500);

        List<ViewRecord> out = driver.drain();
        assertThat(out).extracting(r -> r.document().get("note")).containsExactly("streamed", "read again",
                "streamed after the new snapshot, written before it");
        assertThat(out).extracting(ViewRecord::version).containsExactly(1000L, 3000L, 3001L);
    }

    @Test
    void anIncrementalSnapshotChunkLosesToAChangeStreamedAfterIt() {
        change("r", 1, "chunk", 2000, "incremental", null);
        streamed("u", 1, "written before the chunk was read, committed after", 1500);

        assertThat(driver.drain()).extracting(r -> r.document().get("note")).containsExactly("chunk",
                "written before the chunk was read, committed after");
    }

    @Test
    void changesStreamedAfterARestartInTheMiddleOfABackfillAreStreamedWhateverTheirSnapshotFlag() {
        // Debezium restarted from the offset of a backfill's row sends what it streams next with
        // snapshot "true" until its next chunk: an update written before the chunk's read and committed
        // after it (replayed after the restart) still wins, and so does a delete; a truncate too.
        change("r", 1, "chunk, read before the update committed", 2000, "incremental", null);
        change("r", 2, "chunk", 2000, "incremental", null);
        change("u", 1, "written before the chunk was read, committed after", 1500, "true", null);
        change("d", 2, null, 1600, "true", null);

        List<ViewRecord> out = driver.drain();
        assertThat(out).extracting(ViewRecord::id, ViewRecord::op, ViewRecord::version).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1", Op.READ, 2000L), org.assertj.core.groups.Tuple.tuple("2", Op.READ, 2000L),
                org.assertj.core.groups.Tuple.tuple("1", Op.UPDATE, 2001L), org.assertj.core.groups.Tuple.tuple("2", Op.DELETE, 2001L));
        assertThat(out.get(2).document()).containsEntry("note", "written before the chunk was read, committed after");
        assertThat(metrics.stale()).isZero();
    }

    @Test
    void aBackfillChunkEmittedBeforeAnythingStreamedTakesTheStreamPositionFromItsSequence() {
        streamed("c", 1, "streamed in an earlier run", 1000);
        changes.pipeInput("{\"id\":1}", "{\"op\":\"r\",\"before\":null,\"after\":{\"id\":1,\"note\":\"chunk\"},"
                + "\"source\":{\"lsn\":null,\"snapshot\":\"incremental\",\"sequence\":\"[\\\"1800\\\",\\\"2100\\\"]\","
                + "\"ts_ms\":1700000000000}}");
        streamed("u", 1, "streamed after the chunk", 2200);

        List<ViewRecord> out = driver.drain();
        assertThat(out).extracting(r -> r.document().get("note")).containsExactly("streamed in an earlier run", "chunk",
                "streamed after the chunk");
        assertThat(out).extracting(ViewRecord::version).containsExactly(1000L, 2100L, 2200L);
        assertThat(metrics.deadLettered()).isZero();
    }

    @Test
    void aHigherGenerationWinsAndItsVersionsAreAboveEveryOlderOne() {
        streamed("c", 1, "generation 0", 5000);
        change("u", 1, "generation 1", 100, "false", 1);
        streamed("u", 1, "late generation 0", 6000);

        List<ViewRecord> out = driver.drain();
        assertThat(out).extracting(ViewRecord::version).containsExactly(5000L, Versions.of(1, 100));
        assertThat(out.get(1).document()).containsEntry("note", "generation 1");
        assertThat(metrics.stale()).isEqualTo(1);
    }

    @Test
    void aStoreWrittenBeforePositionsExistedIsReadAsStreamedAtItsVersion() {
        driver.rowStore().put("1", "{\"version\":5000,\"op\":\"u\",\"source_ts_ms\":1,\"doc\":{\"id\":1,\"note\":\"old\"}}"
                .getBytes(StandardCharsets.UTF_8));
        driver.rowStore().put("2", "{\"version\":5000,\"op\":\"d\"}".getBytes(StandardCharsets.UTF_8));

        streamed("u", 1, "replayed", 4000);
        streamed("c", 2, "replayed", 4500);
        streamed("u", 1, "newer", 6000);

        assertThat(driver.drain()).extracting(ViewRecord::id, ViewRecord::version).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1", 6000L));
        assertThat(metrics.stale()).isEqualTo(2);
    }

    private void snapshot(long id, String note, long lsn) {
        change("r", id, note, lsn, "true", null);
    }

    private void streamed(String op, long id, String note, long lsn) {
        change(op, id, note, lsn, "false", null);
    }

    /** {@code generation} null: no header, as before generations existed. */
    private void change(String op, long id, String note, long lsn, String snapshot, Integer generation) {
        String row = "{\"id\":" + id + ",\"note\":" + (note == null ? "null" : "\"" + note + "\"") + "}";
        String value = "{\"op\":\"" + op + "\",\"before\":" + (op.equals("d") ? row : "null") + ",\"after\":"
                + (op.equals("d") ? "null" : row) + ",\"source\":{\"lsn\":" + lsn + ",\"snapshot\":\"" + snapshot
                + "\",\"ts_ms\":1700000000000}}";
        RecordHeaders headers = new RecordHeaders();
        if (generation != null) {
            headers.add(Versions.GENERATION_HEADER, Versions.generationHeader(generation));
        }
        changes.pipeInput(new TestRecord<>("{\"id\":" + id + "}", value, headers));
    }
}
