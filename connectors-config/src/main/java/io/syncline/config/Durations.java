package io.syncline.config;

import io.syncline.config.schema.ValueType;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as pipeline files write them: a whole number and a unit, {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 7d}. */
final class Durations {

    static final String FORMAT = "a whole number followed by ms, s, m, h or d (e.g. 500ms, 10s, 2m, 7d)";
    private static final Pattern DURATION = Pattern.compile(ValueType.DURATION_PATTERN);

    private Durations() {
    }

    /** The duration, or null when the text is not one. */
    static Duration parse(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
