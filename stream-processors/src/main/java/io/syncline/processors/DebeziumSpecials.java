package io.syncline.processors;

import io.syncline.view.SpecialValue;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * How Debezium 3.x (PostgreSQL connector, the settings {@link DebeziumValues} names) writes values
 * that have no ordinary form, found with a real server (cdc-engine's {@code SpecialValuesCaptureIT}):
 * <ul>
 *   <li>numeric NaN, Infinity, -Infinity: the strings {@code NAN}, {@code POSITIVE_INFINITY},
 *       {@code NEGATIVE_INFINITY} (with decimal.handling.mode=string);</li>
 *   <li>timestamptz ±infinity: the strings {@code infinity}, {@code -infinity};</li>
 *   <li>timestamp ±infinity: the PostgreSQL JDBC driver's infinity constants (in milliseconds),
 *       used as they are for timestamp(0..3) and as if they were microseconds otherwise;</li>
 *   <li>date ±infinity: an overflowed day count that differs between the snapshot (the JDBC
 *       driver's infinity Date, cast to int; one day either side depending on the JVM's zone) and
 *       streaming (PostgreSQL's internal int32 limits shifted from 2000-01-01 to 1970, overflowed).</li>
 * </ul>
 * Every one of these lies outside what PostgreSQL can store, so none is mistaken for a real value.
 * Any other value outside PostgreSQL's range is one Debezium could not carry (timestamp(4..6) after
 * 294247-01-10 overflows its microseconds): that is an error naming the column's type, never a guess.
 */
final class DebeziumSpecials {
    static final long JDBC_INFINITY_MILLIS = 9223372036825200000L;
    static final long JDBC_MINUS_INFINITY_MILLIS = -9223372036832400000L;
    private static final int STREAMED_DATE_INFINITY = Integer.MAX_VALUE + 10_957;
    private static final int STREAMED_DATE_MINUS_INFINITY = Integer.MIN_VALUE + 10_957;
    private static final int SNAPSHOT_DATE_INFINITY = (int) snapshotDays(JDBC_INFINITY_MILLIS);
    private static final int SNAPSHOT_DATE_MINUS_INFINITY = (int) snapshotDays(JDBC_MINUS_INFINITY_MILLIS);
    /** PostgreSQL's first date and timestamp: 4714-11-24 BC (ISO year -4713). */
    private static final LocalDate PG_MIN_DATE = LocalDate.of(-4713, 11, 24);
    private static final LocalDate PG_MAX_DATE = LocalDate.of(5874897, 12, 31);
    private static final long PG_MIN_TIMESTAMP_SECONDS = PG_MIN_DATE.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    private static final long PG_MAX_TIMESTAMP_SECONDS =
            LocalDateTime.of(294276, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    private DebeziumSpecials() {
    }

    static Optional<SpecialValue> decimal(String text) {
        return switch (text) {
            case "NAN" -> Optional.of(SpecialValue.NAN);
            case "POSITIVE_INFINITY" -> Optional.of(SpecialValue.POSITIVE_INFINITY);
            case "NEGATIVE_INFINITY" -> Optional.of(SpecialValue.NEGATIVE_INFINITY);
            default -> Optional.empty();
        };
    }

    static Optional<SpecialValue> timestampTz(String text) {
        return switch (text) {
            case "infinity" -> Optional.of(SpecialValue.POSITIVE_INFINITY);
            case "-infinity" -> Optional.of(SpecialValue.NEGATIVE_INFINITY);
            default -> Optional.empty();
        };
    }

    /** @return a special value, or empty when {@code days} is an ordinary date */
    static Optional<SpecialValue> date(long days) {
        if (days == STREAMED_DATE_INFINITY || Math.abs(days - SNAPSHOT_DATE_INFINITY) <= 1) {
            return Optional.of(SpecialValue.POSITIVE_INFINITY);
        }
        if (days == STREAMED_DATE_MINUS_INFINITY || Math.abs(days - SNAPSHOT_DATE_MINUS_INFINITY) <= 1) {
            return Optional.of(SpecialValue.NEGATIVE_INFINITY);
        }
        if (days < PG_MIN_DATE.toEpochDay() || days > PG_MAX_DATE.toEpochDay()) {
            throw new IllegalArgumentException("date value " + days + " (days since 1970) is outside PostgreSQL's"
                    + " range: not a value Debezium carries faithfully");
        }
        return Optional.empty();
    }

    /** @param perSecond 1,000 for timestamp(0..3), 1,000,000 otherwise; empty when an ordinary timestamp */
    static Optional<SpecialValue> timestamp(long epoch, long perSecond) {
        if (epoch == (perSecond == 1_000 ? JDBC_INFINITY_MILLIS / 1_000 : JDBC_INFINITY_MILLIS)) {
            return Optional.of(SpecialValue.POSITIVE_INFINITY);
        }
        if (epoch == (perSecond == 1_000 ? JDBC_MINUS_INFINITY_MILLIS / 1_000 : JDBC_MINUS_INFINITY_MILLIS)) {
            return Optional.of(SpecialValue.NEGATIVE_INFINITY);
        }
        long seconds = Math.floorDiv(epoch, perSecond);
        if (seconds < PG_MIN_TIMESTAMP_SECONDS || seconds > PG_MAX_TIMESTAMP_SECONDS) {
            throw new IllegalArgumentException("timestamp value " + epoch + " (" + (perSecond == 1_000 ? "milli" : "micro")
                    + "seconds since 1970) is outside PostgreSQL's range: Debezium overflowed it (timestamps after"
                    + " 294247-01-10 do not fit in microseconds), the value is lost at capture");
        }
        return Optional.empty();
    }

    private static long snapshotDays(long millis) {
        return new java.sql.Date(millis).toLocalDate().toEpochDay();
    }
}
