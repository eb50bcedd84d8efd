package io.syncline.cli.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BackfillProgressTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StringWriter text = new StringWriter();
    private final AtomicLong now = new AtomicLong(1_000_000);

    private BackfillProgress progress(boolean terminal) {
        return new BackfillProgress(new PrintWriter(text), terminal, 1000, Map.of("public.t", 4000L, "public.u", 2500L),
                now::get);
    }

    private static JsonNode notification(String type, String data) throws Exception {
        return JSON.readTree("{\"id\":\"b-1\",\"type\":\"" + type + "\",\"aggregate_type\":\"Incremental Snapshot\","
                + "\"additional_data\":" + data + "}");
    }

    @Test
    void showsAPlainLinePerChunkWithShareRateAndEtaThenTheTotals() throws Exception {
        BackfillProgress progress = progress(false);
        progress.accept(notification("STARTED", "{\"data_collections\":\"public.t,public.u\"}"));
        now.addAndGet(2_000);
        progress.accept(notification("IN_PROGRESS", "{\"current_collection_in_progress\":\"public.t\","
                + "\"maximum_key\":\"8000\",\"last_processed_key\":\"2000\"}"));
        now.addAndGet(6_000);
        progress.accept(notification("TABLE_SCAN_COMPLETED", "{\"scanned_collection\":\"public.t\","
                + "\"total_rows_scanned\":\"4000\",\"status\":\"SUCCEEDED\"}"));
        now.addAndGet(1_000);
        progress.accept(notification("IN_PROGRESS", "{\"current_collection_in_progress\":\"public.u\","
                + "\"maximum_key\":\"[\\\"k\\\",\\\"z\\\"]\",\"last_processed_key\":\"[\\\"b\\\",\\\"c\\\"]\"}"));
        progress.accept(notification("COMPLETED", "{}"));

        assertThat(text.toString().lines()).containsExactly(
                "backfill started: public.t,public.u",
                "public.t: chunk 1, ~1,000 rows, 25%, ETA 6 s, 500 rows/s",
                "public.t: succeeded, 4,000 rows in 8 s (500 rows/s)",
                // A composite key: the share comes from the table's estimated rows.
                "public.u: chunk 1, ~1,000 rows, 40%, ETA 1 s, 1,000 rows/s",
                "backfill complete");
        assertThat(progress.state()).isEqualTo(BackfillProgress.State.COMPLETED);
    }

    @Test
    void onATerminalRedrawsOneLineAndEndsItBeforeTheNext() throws Exception {
        BackfillProgress progress = progress(true);
        progress.accept(notification("IN_PROGRESS", "{\"current_collection_in_progress\":\"public.t\","
                + "\"maximum_key\":\"4\",\"last_processed_key\":\"1\"}"));
        progress.accept(notification("ABORTED", "{}"));

        assertThat(text.toString()).startsWith("\r\u001b[2Kpublic.t: chunk 1").endsWith("\r\u001b[2Kbackfill aborted"
                + System.lineSeparator());
        assertThat(progress.state()).isEqualTo(BackfillProgress.State.ABORTED);
    }
}
