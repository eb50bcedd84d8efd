package io.syncline.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.transport.http.TransportHttpClient;
import io.syncline.sink.Disposition;
import io.syncline.sink.WriteOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 413 (request too large) splits the bulk request in halves, down to single operations; one that is
 * still too large alone is dead-lettered, the rest written. The exceptions are the client's own, as it
 * raises them for a 413 without a readable body (Elasticsearch's HTTP layer answers so) and with one.
 */
class SplittingBulkTest {
    /** A fake cluster that takes at most {@code limit} bytes per request; an operation's size is its length. */
    private static final class Cluster {
        final int limit;
        final boolean jsonError;
        final List<List<String>> requests = new ArrayList<>();

        Cluster(int limit, boolean jsonError) {
            this.limit = limit;
            this.jsonError = jsonError;
        }

        List<WriteOutcome> send(List<String> operations) throws IOException {
            requests.add(List.copyOf(operations));
            if (operations.stream().mapToInt(String::length).sum() > limit) {
                if (jsonError) {
                    throw new ElasticsearchException("es/bulk", ErrorResponse.of(r -> r.status(413)
                            .error(e -> e.type("content_too_long").reason("request too large"))));
                }
                throw new TransportException(TransportResponses.withStatus(413), "Request Entity Too Large", "es/bulk");
            }
            return operations.stream().map(op -> WriteOutcome.WRITTEN).toList();
        }
    }

    @Test
    void aBatchTooLargeIsSplitInHalvesUntilEachPartIsTaken() throws IOException {
        Cluster cluster = new Cluster(10, false);
        List<String> operations = List.of("aaa", "bbb", "ccc", "ddd", "eee", "fff", "ggg", "hhh");

        List<WriteOutcome> outcomes = SplittingBulk.write(operations, cluster::send);

        assertThat(outcomes).hasSize(8).containsOnly(WriteOutcome.WRITTEN);
        assertThat(cluster.requests).extracting(List::size).containsExactly(8, 4, 2, 2, 4, 2, 2);
    }

    @Test
    void anOperationTooLargeAloneIsDeadLetteredWithTheCauseAndTheOthersAreWritten() throws IOException {
        for (boolean jsonError : new boolean[] {false, true}) {
            Cluster cluster = new Cluster(10, jsonError);

            List<WriteOutcome> outcomes = SplittingBulk.write(List.of("aaa", "x".repeat(11), "ccc"), cluster::send);

            assertThat(outcomes.get(0)).isEqualTo(WriteOutcome.WRITTEN);
            assertThat(outcomes.get(2)).isEqualTo(WriteOutcome.WRITTEN);
            WriteOutcome.Failed failed = (WriteOutcome.Failed) outcomes.get(1);
            assertThat(failed.disposition()).isEqualTo(Disposition.DEAD_LETTER);
            assertThat(failed.cause()).contains("HTTP 413").contains("http.max_content_length");
            assertThat(SplittingBulk.tooLarge(failed.error())).isTrue();
        }
    }

    @Test
    void otherFailuresAreNotSplit() {
        Cluster cluster = new Cluster(10, false);
        List<String> sent = new ArrayList<>();
        assertThatThrownBy(() -> SplittingBulk.write(List.of("a", "b"), operations -> {
            sent.addAll(operations);
            throw new TransportException(TransportResponses.withStatus(502), "proxy error", "es/bulk");
        })).isInstanceOf(TransportException.class);
        assertThat(sent).containsExactly("a", "b");
        assertThat(cluster.requests).isEmpty();
        assertThat(ElasticsearchErrors.classify(new TransportException(TransportResponses.withStatus(413), "too large", "es/bulk")))
                .as("a 413 outside a bulk request is not retried").isEqualTo(Disposition.FAIL);
    }
}
