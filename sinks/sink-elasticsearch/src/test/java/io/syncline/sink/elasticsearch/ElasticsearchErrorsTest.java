package io.syncline.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.transport.http.TransportHttpClient;
import io.syncline.sink.Disposition;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.apache.http.ConnectionClosedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElasticsearchErrorsTest {

    @Test
    void noResponseIsRetried() {
        assertThat(ElasticsearchErrors.classify(new ConnectException("Connection refused"))).isEqualTo(Disposition.RETRY);
        assertThat(ElasticsearchErrors.classify(new SocketTimeoutException("30,000 milliseconds timeout"))).isEqualTo(Disposition.RETRY);
        assertThat(ElasticsearchErrors.classify(new ConnectionClosedException("closed"))).isEqualTo(Disposition.RETRY);
        assertThat(ElasticsearchErrors.classify(new TimeoutException())).isEqualTo(Disposition.RETRY);
        assertThat(ElasticsearchErrors.classify(new RuntimeException("wrapped", new ConnectException()))).isEqualTo(Disposition.RETRY);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "503, unavailable_shards_exception, RETRY",
            "500, internal_server_error, RETRY",
            "429, es_rejected_execution_exception, RETRY",
            "429, circuit_breaking_exception, RETRY",
            "408, timeout_exception, RETRY",
            "401, security_exception, FAIL",
            "403, security_exception, FAIL",
            "400, invalid_index_name_exception, FAIL",
            "400, illegal_argument_exception, FAIL",
            "404, index_not_found_exception, FAIL",
    })
    void errorResponsesByStatus(int status, String type, Disposition expected) {
        ElasticsearchException error = new ElasticsearchException("es/indices.create",
                ErrorResponse.of(r -> r.status(status).error(e -> e.type(type).reason("why"))));

        assertThat(ElasticsearchErrors.classify(error)).isEqualTo(expected);
        assertThat(ElasticsearchErrors.classify(new RuntimeException(error))).isEqualTo(expected);
    }

    @Test
    void transportExceptionsByTheirResponse() {
        assertThat(ElasticsearchErrors.classify(new TransportException(TransportResponses.withStatus(502), "proxy error", "es/bulk")))
                .isEqualTo(Disposition.RETRY);
        assertThat(ElasticsearchErrors.classify(new TransportException(TransportResponses.withStatus(401), "no auth", "es/bulk")))
                .isEqualTo(Disposition.FAIL);
        // A 200 the client cannot read: an incompatible server, waiting will not fix it.
        assertThat(ElasticsearchErrors.classify(new TransportException(TransportResponses.withStatus(200), "missing product header", "es/bulk")))
                .isEqualTo(Disposition.FAIL);
    }

    @Test
    void bugsFail() {
        assertThat(ElasticsearchErrors.classify(new IllegalStateException("write before prepare"))).isEqualTo(Disposition.FAIL);
        assertThat(ElasticsearchErrors.classify(new NullPointerException())).isEqualTo(Disposition.FAIL);
    }
}
