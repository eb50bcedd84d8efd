package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BackfillScanTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rowsCountOnceTheBackfillCompletedAndOtherBackfillsAreIgnored() throws Exception {
        BackfillScan scan = new BackfillScan("bench-1");
        scan.accept(notification("bench-1", "STARTED", "{\"data_collections\": \"public.orders\"}"));
        scan.accept(notification("bench-1", "IN_PROGRESS", "{\"last_processed_key\": \"[4096]\"}"));
        scan.accept(notification("bench-1", "IN_PROGRESS", "{\"last_processed_key\": \"[8192]\"}"));
        scan.accept(notification("other", "TABLE_SCAN_COMPLETED", "{\"total_rows_scanned\": \"99\"}"));
        // Debezium sends its additional data as strings.
        scan.accept(notification("bench-1", "TABLE_SCAN_COMPLETED", "{\"total_rows_scanned\": \"10000\", \"status\": \"SUCCEEDED\"}"));

        assertThat(scan.rowsWhenCompleted()).isZero();
        scan.accept(notification("bench-1", "COMPLETED", "{}"));

        assertThat(scan.rowsWhenCompleted()).isEqualTo(10_000);
        assertThat(scan.failure(10_000)).isEmpty();
        assertThat(scan.describe()).isEqualTo("backfill bench-1: 2 chunks, 10,000 rows scanned, completed");
    }

    @Test
    void anAbortedOrShortBackfillIsAFailure() throws Exception {
        BackfillScan aborted = new BackfillScan("bench-2");
        aborted.accept(notification("bench-2", "ABORTED", "{}"));
        BackfillScan shortOne = new BackfillScan("bench-3");
        shortOne.accept(notification("bench-3", "TABLE_SCAN_COMPLETED", "{\"total_rows_scanned\": \"10\"}"));
        shortOne.accept(notification("bench-3", "COMPLETED", "{}"));

        assertThat(aborted.failure(100)).contains("the backfill bench-2 was aborted");
        assertThat(shortOne.failure(100)).contains("the backfill bench-3 completed having scanned 10 of 100 rows");
    }

    private static JsonNode notification(String id, String type, String additionalData) throws Exception {
        return JSON.readTree("{\"id\": \"" + id + "\", \"aggregate_type\": \"Incremental Snapshot\", \"type\": \"" + type
                + "\", \"additional_data\": " + additionalData + "}");
    }
}
