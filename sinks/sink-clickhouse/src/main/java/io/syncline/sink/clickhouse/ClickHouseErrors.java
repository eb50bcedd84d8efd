package io.syncline.sink.clickhouse;

import com.clickhouse.client.api.ClickHouseException;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.ServerException;
import io.syncline.sink.Disposition;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * ClickHouse errors by the server's error code (from the driver's exception, never its message
 * text), else by transport:
 * <ul>
 *   <li>data: the server could not take a value ({@link #DATA}: parse and type errors, values
 *       out of range, a violated constraint). Only meaningful for one row: the writer bisects a
 *       failed insert to the rows that cause it and dead-letters those;</li>
 *   <li>schema: the table, a column or the database is gone ({@link #SCHEMA}); the writer
 *       re-creates what is missing and tries once more, after which it is FAIL;</li>
 *   <li>RETRY: timeouts, network errors, too many parts or queries, memory limits, a replica
 *       or keeper away ({@link #TRANSIENT}, or the driver's own retryable flag), no response at
 *       all (I/O errors, connection refused), and HTTP 408/429/502/503/504 without a code;</li>
 *   <li>FAIL: authentication and access (516, 497, 192–195) and every other code: retrying a
 *       deterministic error would stall the pipeline quietly, while failing loses nothing
 *       (offsets are committed only after acknowledged writes).</li>
 * </ul>
 */
final class ClickHouseErrors {
    static final Set<Integer> DATA = Set.of(6, 26, 27, 38, 41, 43, 53, 69, 70, 72, 117, 131, 190, 321, 349, 407, 469, 691);
    static final Set<Integer> SCHEMA = Set.of(16, 60, 81);
    static final Set<Integer> TRANSIENT = Set.of(3, 159, 202, 203, 209, 210, 236, 241, 242, 252, 285, 319, 394, 425, 439, 999);
    private static final Set<Integer> TRANSIENT_HTTP = Set.of(408, 429, 502, 503, 504);
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(6, "CANNOT_PARSE_TEXT"), Map.entry(26, "CANNOT_PARSE_QUOTED_STRING"),
            Map.entry(27, "CANNOT_PARSE_INPUT_ASSERTION_FAILED"), Map.entry(38, "CANNOT_PARSE_DATE"),
            Map.entry(41, "CANNOT_PARSE_DATETIME"), Map.entry(43, "ILLEGAL_TYPE_OF_ARGUMENT"), Map.entry(53, "TYPE_MISMATCH"),
            Map.entry(69, "ARGUMENT_OUT_OF_BOUND"), Map.entry(70, "CANNOT_CONVERT_TYPE"), Map.entry(72, "CANNOT_PARSE_NUMBER"),
            Map.entry(117, "INCORRECT_DATA"), Map.entry(131, "TOO_LARGE_STRING_SIZE"),
            Map.entry(190, "SIZES_OF_ARRAYS_DONT_MATCH"),
            Map.entry(321, "VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE"), Map.entry(349, "CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN"),
            Map.entry(407, "DECIMAL_OVERFLOW"), Map.entry(469, "VIOLATED_CONSTRAINT"), Map.entry(691, "UNKNOWN_ELEMENT_OF_ENUM"),
            Map.entry(16, "NO_SUCH_COLUMN_IN_TABLE"), Map.entry(60, "UNKNOWN_TABLE"), Map.entry(81, "UNKNOWN_DATABASE"));

    private ClickHouseErrors() {
    }

    static Disposition classify(Throwable error) {
        OptionalInt code = serverCode(error);
        if (code.isPresent()) {
            if (TRANSIENT.contains(code.getAsInt())) {
                return Disposition.RETRY;
            }
            return DATA.contains(code.getAsInt()) ? Disposition.DEAD_LETTER : Disposition.FAIL;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ServerException server) {
                return TRANSIENT_HTTP.contains(server.getTransportProtocolCode()) ? Disposition.RETRY : Disposition.FAIL;
            }
            if (t instanceof ConnectionInitiationException || t instanceof IOException || t instanceof TimeoutException
                    || t instanceof SQLTransientException
                    || (t instanceof ClickHouseException e && e.isRetryable())
                    || (t instanceof SQLException e && e.getSQLState() != null && e.getSQLState().startsWith("08"))) {
                return Disposition.RETRY;
            }
        }
        return Disposition.FAIL;
    }

    static boolean isData(Throwable error) {
        return serverCode(error).stream().anyMatch(DATA::contains);
    }

    static boolean isSchema(Throwable error) {
        return serverCode(error).stream().anyMatch(SCHEMA::contains);
    }

    /** The error in short, naming the code but not the server's message (which may quote values). */
    static String describe(Throwable error) {
        OptionalInt code = serverCode(error);
        if (code.isEmpty()) {
            return error.getClass().getSimpleName();
        }
        String name = NAMES.get(code.getAsInt());
        return "error " + code.getAsInt() + (name == null ? "" : " (" + name + ")");
    }

    /** The server's error code, from the driver's {@link ServerException} or the SQLException carrying it. */
    static OptionalInt serverCode(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ServerException server && server.getCode() > 0) {
                return OptionalInt.of(server.getCode());
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() > 0) {
                return OptionalInt.of(sql.getErrorCode());
            }
        }
        return OptionalInt.empty();
    }
}
