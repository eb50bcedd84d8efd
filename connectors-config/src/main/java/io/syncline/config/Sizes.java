package io.syncline.config;

import io.syncline.config.schema.ValueType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as pipeline files write them: a whole number and a unit, {@code 512MB}, {@code 50GB}. Units are
 * binary like PostgreSQL's ({@code 1kB} = 1024 bytes, {@code 1MB} = 1024 kB, ...); {@code B} is bytes.
 */
public final class Sizes {

    static final String FORMAT = "a whole number followed by B, kB, MB, GB or TB (e.g. 512MB, 50GB)";
    private static final Pattern SIZE = Pattern.compile(ValueType.SIZE_PATTERN);

    private Sizes() {
    }

    /** The number of bytes, or null when the text is not a size (or too big). */
    static Long parse(String text) {
        Matcher matcher = SIZE.matcher(text.trim());
        if (!matcher.matches()) {
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        int shift = switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
            case "B" -> 0;
            case "KB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            default -> 40;
        };
        if (amount > Long.MAX_VALUE >> shift) {
            return null;
        }
        return amount << shift;
    }

    /** {@code bytes} for people: {@code 812 MB}, {@code 1.5 GB}, {@code 640 B}. */
    public static String describe(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value))
                + " " + units[unit];
    }
}
