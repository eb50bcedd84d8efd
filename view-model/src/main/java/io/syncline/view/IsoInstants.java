package io.syncline.view;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * Instants in the ISO-8601 text that view topics and Debezium write, read and written without a
 * {@code DateTimeFormatter}: profiled, {@code Instant.parse} took a fifth of a sink's consumer thread
 * (every timestamptz of every document, in each sink). Only the plain shape is handled here, a
 * four-digit year, seconds, 0–9 fraction digits and {@code Z} or an offset {@code ±HH:MM}; any other
 * text goes to the JDK, which also gives the error for text that is no instant at all.
 */
public final class IsoInstants {
    private static final int SECONDS_PER_DAY = 86_400;
    /** The years 0000 to 9999, which take four digits. */
    private static final long FIRST_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * SECONDS_PER_DAY;
    private static final long LAST_SECOND = LocalDate.of(10_000, 1, 1).toEpochDay() * SECONDS_PER_DAY - 1;
    private static final int[] NANO_SCALE = {1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000,
            100, 10, 1};

    private IsoInstants() {
    }

    /** {@code text} as an instant; a shape not handled here goes to {@code otherwise} (e.g. {@code Instant::parse}). */
    public static Instant parse(String text, Function<String, Instant> otherwise) {
        Instant plain = parsePlain(text);
        return plain != null ? plain : otherwise.apply(text);
    }

    /**
     * {@code instant} as {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} (six fraction digits, so the text sorts
     * like the instant): exactly what {@link FieldValues#INSTANT_MICROS} writes.
     */
    public static String formatMicros(Instant instant) {
        if (instant.getEpochSecond() < FIRST_SECOND || instant.getEpochSecond() > LAST_SECOND) {
            return FieldValues.INSTANT_MICROS.format(instant);
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        char[] out = new char[27];
        digits(out, 0, t.getYear(), 4);
        out[4] = '-';
        digits(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, t.getHour(), 2);
        out[13] = ':';
        digits(out, 14, t.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, t.getSecond(), 2);
        out[19] = '.';
        digits(out, 20, instant.getNano() / 1_000, 6);
        out[26] = 'Z';
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The instant, or null when {@code text} is not of the plain shape or names no valid date and time. */
    private static Instant parsePlain(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && at - start < 9 && isDigit(text.charAt(at))) {
                at++;
            }
            int count = at - start;
            if (count == 0 || (at < length && isDigit(text.charAt(at)))) {
                return null;
            }
            nanos = number(text, start, count) * NANO_SCALE[count];
        }
        int offsetSeconds = offset(text, at);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // e.g. February 30th: the JDK says what is wrong
        }
        long seconds = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** {@code Z} or {@code ±HH:MM} ending the text at {@code at}, in seconds; {@code Integer.MIN_VALUE} for anything else. */
    private static int offset(String text, int at) {
        int rest = text.length() - at;
        if (rest == 1 && text.charAt(at) == 'Z') {
            return 0;
        }
        if (rest != 6 || text.charAt(at + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        char sign = text.charAt(at);
        int hours = number(text, at + 1, 2);
        int minutes = number(text, at + 4, 2);
        if ((sign != '+' && sign != '-') || hours < 0 || hours > 18 || minutes < 0 || minutes > 59
                || hours * 3600 + minutes * 60 > 18 * 3600) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '+' ? seconds : -seconds;
    }

    /** The decimal number of {@code count} digits at {@code at}, or -1 when one is not a digit. */
    private static int number(String text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
