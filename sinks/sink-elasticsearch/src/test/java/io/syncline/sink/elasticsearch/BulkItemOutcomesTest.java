package io.syncline.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.syncline.sink.Disposition;
import io.syncline.sink.WriteOutcome;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Outcomes from bulk items as Elasticsearch 8.19 answers them. */
class BulkItemOutcomesTest {

    @Test
    void createdAndUpdatedAreWritten() {
        assertThat(outcome("index", "{\"_index\":\"orders\",\"_id\":\"1\",\"_version\":100,\"result\":\"created\","
                + "\"_shards\":{\"total\":1,\"successful\":1,\"failed\":0},\"_seq_no\":0,\"_primary_term\":1,\"status\":201}"))
                .isEqualTo(WriteOutcome.WRITTEN);
        assertThat(outcome("index", "{\"_index\":\"orders\",\"_id\":\"1\",\"_version\":101,\"result\":\"updated\","
                + "\"_shards\":{\"total\":1,\"successful\":1,\"failed\":0},\"_seq_no\":1,\"_primary_term\":1,\"status\":200}"))
                .isEqualTo(WriteOutcome.WRITTEN);
    }

    @Test
    void aVersionConflictIsStale() {
        String conflict = "{\"_index\":\"orders\",\"_id\":\"1\",\"status\":409,\"error\":{\"type\":\"version_conflict_engine_exception\","
                + "\"reason\":\"[1]: version conflict, current version [101] is higher or equal to the one provided [100]\","
                + "\"index_uuid\":\"x\",\"shard\":\"0\",\"index\":\"orders\"}}";
        assertThat(outcome("index", conflict)).isEqualTo(WriteOutcome.STALE);
        assertThat(outcome("delete", conflict)).isEqualTo(WriteOutcome.STALE);
    }

    @Test
    void deletingWhatIsGoneIsWritten() {
        assertThat(outcome("delete", "{\"_index\":\"orders\",\"_id\":\"1\",\"_version\":7,\"result\":\"not_found\","
                + "\"_shards\":{\"total\":1,\"successful\":1,\"failed\":0},\"_seq_no\":3,\"_primary_term\":1,\"status\":404}"))
                .isEqualTo(WriteOutcome.WRITTEN);
    }

    @Test
    void aParseErrorIsDeadLetteredWithItsTypeAndReasonButNotTheValue() {
        WriteOutcome outcome = outcome("index", "{\"_index\":\"orders\",\"_id\":\"o-2\",\"status\":400,\"error\":{"
                + "\"type\":\"document_parsing_exception\",\"reason\":\"[1:382] failed to parse field [metadata.a] of type [long] in "
                + "document with id 'o-2'. Preview of field's value: '{b=2}'\",\"caused_by\":{\"type\":\"illegal_argument_exception\","
                + "\"reason\":\"Cannot parse object as number\"}}}");

        assertThat(outcome).isInstanceOfSatisfying(WriteOutcome.Failed.class, failed -> {
            assertThat(failed.disposition()).isEqualTo(Disposition.DEAD_LETTER);
            assertThat(failed.cause()).isEqualTo("document_parsing_exception: [1:382] failed to parse field [metadata.a] of type "
                    + "[long] in document with id 'o-2' (caused by illegal_argument_exception)");
            assertThat(failed.error()).hasMessage("HTTP 400 " + failed.cause());
        });
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "400, mapper_parsing_exception, DEAD_LETTER",
            "400, document_parsing_exception, DEAD_LETTER",
            "400, illegal_argument_exception, DEAD_LETTER",
            "400, strict_dynamic_mapping_exception, DEAD_LETTER",
            "400, action_request_validation_exception, DEAD_LETTER",
            "400, some_future_document_exception, DEAD_LETTER",
            "429, es_rejected_execution_exception, RETRY",
            "429, cluster_block_exception, RETRY",
            "503, unavailable_shards_exception, RETRY",
            "500, some_internal_exception, RETRY",
            "408, process_cluster_event_timeout_exception, RETRY",
            "401, security_exception, FAIL",
            "403, security_exception, FAIL",
            "403, cluster_block_exception, FAIL",
            "404, index_not_found_exception, FAIL",
            "400, index_closed_exception, FAIL",
            "409, some_other_conflict, FAIL",
    })
    void failuresByStatusAndErrorType(int status, String type, Disposition expected) {
        WriteOutcome outcome = outcome("index", "{\"_index\":\"orders\",\"_id\":\"1\",\"status\":" + status
                + ",\"error\":{\"type\":\"" + type + "\",\"reason\":\"why\"}}");

        assertThat(outcome).isInstanceOfSatisfying(WriteOutcome.Failed.class, failed -> {
            assertThat(failed.disposition()).isEqualTo(expected);
            assertThat(failed.cause()).isEqualTo(type + ": why");
        });
    }

    @Test
    void aFailureWithoutErrorBodyIsNamedByItsStatus() {
        assertThat(outcome("index", "{\"_index\":\"orders\",\"_id\":\"1\",\"status\":503}"))
                .isInstanceOfSatisfying(WriteOutcome.Failed.class, failed -> {
                    assertThat(failed.disposition()).isEqualTo(Disposition.RETRY);
                    assertThat(failed.cause()).isEqualTo("HTTP 503");
                });
    }

    /** One item of a bulk response, parsed by the client as it parses Elasticsearch's answer. */
    private static WriteOutcome outcome(String operation, String itemJson) {
        String response = "{\"took\":3,\"errors\":true,\"items\":[{\"" + operation + "\":" + itemJson + "}]}";
        BulkResponseItem item = BulkResponse.of(b -> b.withJson(new StringReader(response))).items().get(0);
        return BulkItemOutcomes.outcome(item);
    }
}
