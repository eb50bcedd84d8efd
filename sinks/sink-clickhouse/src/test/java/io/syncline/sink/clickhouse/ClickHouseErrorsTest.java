package io.syncline.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.ServerException;
import io.syncline.sink.Disposition;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ClickHouseErrorsTest {

    @Test
    void theServersCodeDecides() {
        assertThat(ClickHouseErrors.classify(server(209))).isEqualTo(Disposition.RETRY);
        assertThat(ClickHouseErrors.classify(server(252))).isEqualTo(Disposition.RETRY);
        assertThat(ClickHouseErrors.classify(server(241))).isEqualTo(Disposition.RETRY);
        assertThat(ClickHouseErrors.classify(server(516))).isEqualTo(Disposition.FAIL);
        assertThat(ClickHouseErrors.classify(server(497))).isEqualTo(Disposition.FAIL);
        assertThat(ClickHouseErrors.classify(server(60))).isEqualTo(Disposition.FAIL);
        assertThat(ClickHouseErrors.classify(server(62))).isEqualTo(Disposition.FAIL);
        assertThat(ClickHouseErrors.classify(server(469))).isEqualTo(Disposition.DEAD_LETTER);
    }

    @Test
    void theCodeIsFoundOnTheSqlExceptionOrItsCause() {
        SQLException fromDriver = new SQLException("Code: 27. DB::Exception: ...", "22000", 27, server(27));
        assertThat(ClickHouseErrors.serverCode(fromDriver)).hasValue(27);
        assertThat(ClickHouseErrors.isData(fromDriver)).isTrue();
        assertThat(ClickHouseErrors.isSchema(new SQLException("x", "42S02", 60))).isTrue();
        assertThat(ClickHouseErrors.isData(new SQLException("Code: 469 in the text only", "HY000", 0))).isFalse();
    }

    @Test
    void noAnswerIsRetriedAndAnHttpErrorWithoutCodeGoesByStatus() {
        assertThat(ClickHouseErrors.classify(new SQLException("failed", "08000",
                new ConnectionInitiationException("refused", new ConnectException("refused"))))).isEqualTo(Disposition.RETRY);
        assertThat(ClickHouseErrors.classify(new SQLException("x", "HY000", new SocketTimeoutException()))).isEqualTo(Disposition.RETRY);
        assertThat(ClickHouseErrors.classify(new SQLException(new ServerException(0, "bad gateway", 502, "q")))).isEqualTo(Disposition.RETRY);
        assertThat(ClickHouseErrors.classify(new SQLException(new ServerException(0, "forbidden", 403, "q")))).isEqualTo(Disposition.FAIL);
        assertThat(ClickHouseErrors.classify(new IllegalStateException("table does not fit"))).isEqualTo(Disposition.FAIL);
    }

    @Test
    void theDescriptionNamesTheCodeButNotTheServersMessage() {
        SQLException error = new SQLException("Column values: qty = -1 (secret)", "22000", 469, server(469));
        assertThat(ClickHouseErrors.describe(error)).isEqualTo("error 469 (VIOLATED_CONSTRAINT)");
        assertThat(ClickHouseErrors.describe(server(12345))).isEqualTo("error 12345");
        assertThat(ClickHouseErrors.describe(new SQLException("no code"))).isEqualTo("SQLException");
    }

    private static ServerException server(int code) {
        return new ServerException(code, "Code: " + code + ". DB::Exception: something about the value 42", 500, "query-1");
    }
}
